-- ARGV[A]: gateway id; ARGV[A+1..]: qualified keys it holds. Returns the keys it no longer holds.
local gw = ARGV[A]
redis.call('ZADD', P .. 'gateways', NOW, gw)
local lost = {}
for i = A + 1, #ARGV do
  local skey = ARGV[i]
  local held = redis.call('HMGET', skey_hash(skey), 'gw', 'td', 'th')
  if held[1] ~= gw then
    lost[#lost + 1] = skey
  else
    touch(skey, {gw = held[1], td = held[2], th = held[3]})
  end
end
keep_structures()
return lost
