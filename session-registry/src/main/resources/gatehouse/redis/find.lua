-- ARGV[A]: 'token' (digest), 'hash' (token hash hex) or 'key' (qualified key); ARGV[A+1]: the value
local by = ARGV[A]
local value = ARGV[A + 1]
local skey = value
if by == 'token' then
  skey = redis.call('GET', P .. 'tok:' .. value)
elseif by == 'hash' then
  skey = redis.call('GET', P .. 'th:' .. value)
end
if not skey then
  return {}
end
local s = read_session(skey)
if not s then
  return {}
end
return {encode(skey, s)}
