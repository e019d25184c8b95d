-- ARGV[A]: token digest, ARGV[A+1]: deferral state name
local skey, s = session_by_token(ARGV[A])
if not s then
  return {}
end
s.d = ARGV[A + 1]
if s.d == 'DONE' then
  s.v = '1'
end
redis.call('HSET', skey_hash(skey), 'd', s.d, 'v', s.v)
touch(skey, s)
keep_structures()
return {encode(skey, s)}
