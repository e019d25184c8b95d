-- ARGV[A..]: qualified key, token digest, gateway id, peer id, peer endpoint, assign slot (1/0)
-- Returns {'ERR', code} or {'OK', session, wasNew (1/0), previous holder {gw, peer, ep} or {}}.
local skey = ARGV[A]
local td = ARGV[A + 1]
local gw = ARGV[A + 2]
local peer = ARGV[A + 3]
local ep = ARGV[A + 4]
local assign_slot = ARGV[A + 5] == '1'

local s = read_session(skey)
if not s then
  return {'ERR', 'NO_SESSION'}
end
local function refuse(code)
  drop_session(skey)
  keep_structures()
  return {'ERR', code}
end
if s.td ~= td then
  return refuse('INVALID_TOKEN')
end
if s.v ~= '1' then
  return refuse('NOT_VALIDATED')
end

local g = game_of(skey)
local slot = tonumber(s.slot)
if assign_slot and slot == -1 then
  slot = pick_slot(g)
  if slot == -1 then
    return refuse('NO_SLOT')
  end
end
local nid = tonumber(s.nid)
local was_new = 0
if nid == 0 then
  nid = allocate_net_id(g)
  if not nid then
    return refuse('NO_NET_ID')
  end
  was_new = 1
end
if slot ~= -1 then
  redis.call('HSET', P .. g .. ':slots', slot, skey)
end
redis.call('HSET', P .. g .. ':netids', nid, skey)

local previous = {}
if is_bound(s) and (s.gw ~= gw or s.peer ~= peer) then
  previous = {s.gw, s.peer, s.ep or ''}
end
s.nid = tostring(nid)
s.slot = tostring(slot)
s.gw = gw
s.peer = peer
s.ep = ep
redis.call('HSET', skey_hash(skey), 'nid', s.nid, 'slot', s.slot, 'gw', gw, 'peer', peer, 'ep', ep)
redis.call('SREM', P .. g .. ':pending', skey)
redis.call('SADD', P .. g .. ':connected', skey)
redis.call('ZREM', P .. 'idle:pending', skey)
redis.call('ZADD', P .. 'gateways', NOW, gw)
touch(skey, s)
keep_structures()
return {'OK', encode(skey, s), was_new, previous}
