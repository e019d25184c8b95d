-- ARGV[A]: token hash (hex), ARGV[A+1]: the locked use count. Only an existing entry is locked.
local gate = P .. 'gate:' .. ARGV[A]
if redis.call('EXISTS', gate) == 1 then
  redis.call('HSET', gate, 'uses', ARGV[A + 1])
end
return 1
