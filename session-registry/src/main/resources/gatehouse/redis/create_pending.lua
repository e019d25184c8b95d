-- ARGV[A..]: qualified key, token digest, token hash (hex), validated (1/0), name, tcp source, identifiers (\n-joined)
local skey = ARGV[A]
local td = ARGV[A + 1]
local th = ARGV[A + 2]
local validated = ARGV[A + 3]
local replaced = drop_session(skey)

local temp = 65536 + redis.call('INCR', P .. 'tempid') - 1
local deferral = 'NONE'
if validated == '1' then
  deferral = 'DONE'
end
local s = {td = td, th = th, tmp = tostring(temp), nid = '0', slot = '-1', v = validated, d = deferral,
  name = ARGV[A + 4], src = ARGV[A + 5], ids = ARGV[A + 6], created = NOW_S, seen = NOW_S}
local fields = {}
for k, v in pairs(s) do
  fields[#fields + 1] = k
  fields[#fields + 1] = v
end
redis.call('HSET', skey_hash(skey), unpack(fields))
redis.call('SET', P .. 'tok:' .. td, skey)
redis.call('SET', P .. 'th:' .. th, skey)
redis.call('DEL', P .. 'gate:' .. th)
redis.call('SADD', P .. game_of(skey) .. ':pending', skey)
redis.call('ZADD', P .. 'idle:pending', NOW, skey)
expire_session(skey, s)
keep_structures()

if replaced then
  return {encode(skey, s), encode(skey, replaced)}
end
return {encode(skey, s)}
