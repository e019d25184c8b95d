-- ARGV[A]: ticket fingerprint, ARGV[A+1]: ttl ms. Returns 1 the first time within the ttl, else 0.
local key = P .. 'ticket:' .. ARGV[A]
local ttl = tonumber(ARGV[A + 1])
local deadline = redis.call('GET', key)
if deadline and NOW < tonumber(deadline) then
  return 0
end
redis.call('SET', key, NOW + ttl, 'PX', ttl)
return 1
