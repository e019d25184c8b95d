-- ARGV[A]: game code. Returns every bound session of that game.
local out = {}
for _, skey in ipairs(redis.call('SMEMBERS', P .. ARGV[A] .. ':connected')) do
  local s = read_session(skey)
  if s then
    out[#out + 1] = encode(skey, s)
  end
end
return out
