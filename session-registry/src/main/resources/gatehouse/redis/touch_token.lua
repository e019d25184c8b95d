-- ARGV[A]: token digest. Returns 1 if a session was touched.
local skey = redis.call('GET', P .. 'tok:' .. ARGV[A])
if not skey then
  return 0
end
local s = read_session(skey)
if not s then
  return 0
end
touch(skey, s)
return 1
