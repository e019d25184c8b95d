-- ARGV[A]: uuid, ARGV[A+1]: ttl ms. Returns the failure count in the current window.
local key = P .. 'pwfail:' .. ARGV[A]
local ttl = tonumber(ARGV[A + 1])
local reset_at = redis.call('HGET', key, 'reset')
if not reset_at or NOW >= tonumber(reset_at) then
  redis.call('DEL', key)
  redis.call('HSET', key, 'n', 1, 'reset', NOW + ttl)
  redis.call('PEXPIRE', key, ttl)
  return 1
end
return redis.call('HINCRBY', key, 'n', 1)
