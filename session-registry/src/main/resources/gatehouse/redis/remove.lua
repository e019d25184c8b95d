-- ARGV[A..]: qualified key, token digest, expected gateway ('' = any holder), expected peer
local skey = ARGV[A]
local s = read_session(skey)
if not s or s.td ~= ARGV[A + 1] then
  return {}
end
local gw = ARGV[A + 2]
if gw ~= '' and (s.gw ~= gw or s.peer ~= ARGV[A + 3]) then
  return {}
end
drop_session(skey)
keep_structures()
return {encode(skey, s)}
