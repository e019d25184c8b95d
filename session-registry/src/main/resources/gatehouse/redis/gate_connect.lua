-- ARGV[A]: token hash (hex), ARGV[A+1]: source address, ARGV[A+2]: max prior uses. ConnectGatePolicy in Lua.
local th = ARGV[A]
local source = ARGV[A + 1]
local max_prior = tonumber(ARGV[A + 2])
local skey = redis.call('GET', P .. 'th:' .. th)
if not skey or redis.call('EXISTS', skey_hash(skey)) == 0 then
  return 'UNKNOWN_TOKEN'
end
local gate = P .. 'gate:' .. th
local first_source = redis.call('HGET', gate, 'src')
if not first_source then
  redis.call('HSET', gate, 'src', source, 'uses', 1)
  redis.call('PEXPIRE', gate, CONNECTED_TTL + ORPHAN_GRACE + SLACK)
  return 'ACCEPTED'
end
if first_source ~= source then
  return 'WRONG_SOURCE'
end
if tonumber(redis.call('HGET', gate, 'uses')) > max_prior then
  return 'EXHAUSTED'
end
redis.call('HINCRBY', gate, 'uses', 1)
return 'ACCEPTED'
