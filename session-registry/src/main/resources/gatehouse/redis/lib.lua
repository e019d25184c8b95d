-- Shared prelude, prepended to every script by RedisScripts.
-- ARGV[1..9] is the same header on every call; a script's own arguments start at ARGV[A].
-- Expiry decisions use the caller's clock (NOW) so every store client applies one policy; Redis TTLs are only a
-- backstop so nothing outlives an abandoned cluster.
local P = ARGV[1]
local NOW_S = ARGV[2]
local NOW = tonumber(NOW_S)
local PENDING_TTL = tonumber(ARGV[3])
local CONNECTED_TTL = tonumber(ARGV[4])
local GATEWAY_TTL = tonumber(ARGV[5])
local ORPHAN_GRACE = tonumber(ARGV[6])
local SLOT_TABLE = tonumber(ARGV[7])
local NET_ID_CEILING = tonumber(ARGV[8])
local KEEP_TTL = tonumber(ARGV[9])
local A = 10

-- lets the reaper free IDs before the session hash's own TTL removes it
local SLACK = 60000
local RESERVED_SLOT = 31
local GAMES = {'fivem', 'hytale'}

local function game_of(skey)
  return string.match(skey, '^([^:]+):')
end

local function skey_hash(skey)
  return P .. 's:' .. skey
end

local function read_session(skey)
  local flat = redis.call('HGETALL', skey_hash(skey))
  if #flat == 0 then
    return nil
  end
  local s = {}
  for i = 1, #flat, 2 do
    s[flat[i]] = flat[i + 1]
  end
  return s
end

-- the session a token digest names: its qualified key and fields; nil when there is none
local function session_by_token(td)
  local skey = redis.call('GET', P .. 'tok:' .. td)
  if not skey then
    return nil
  end
  local s = read_session(skey)
  if not s then
    return nil
  end
  return skey, s
end

-- {qualified key, field, value, ...} without the token digest
local function encode(skey, s)
  local out = {skey}
  for k, v in pairs(s) do
    if k ~= 'td' then
      out[#out + 1] = k
      out[#out + 1] = v
    end
  end
  return out
end

local function is_bound(s)
  return s.gw ~= nil and s.gw ~= ''
end

local function expire_session(skey, s)
  local ttl
  if is_bound(s) then
    ttl = CONNECTED_TTL + ORPHAN_GRACE + SLACK
  else
    ttl = PENDING_TTL + SLACK
  end
  redis.call('PEXPIRE', skey_hash(skey), ttl)
  redis.call('PEXPIRE', P .. 'tok:' .. s.td, ttl)
  redis.call('PEXPIRE', P .. 'th:' .. s.th, ttl)
  redis.call('PEXPIRE', P .. 'gate:' .. s.th, ttl)
end

local function keep_structures()
  for _, g in ipairs(GAMES) do
    for _, suffix in ipairs({':netids', ':slots', ':cursor', ':pending', ':connected'}) do
      redis.call('PEXPIRE', P .. g .. suffix, KEEP_TTL)
    end
  end
  for _, k in ipairs({'idle:pending', 'idle:bound', 'gateways', 'tempid'}) do
    redis.call('PEXPIRE', P .. k, KEEP_TTL)
  end
end

local function touch(skey, s)
  s.seen = NOW_S
  redis.call('HSET', skey_hash(skey), 'seen', s.seen)
  if is_bound(s) then
    redis.call('ZADD', P .. 'idle:bound', NOW, skey)
  else
    redis.call('ZADD', P .. 'idle:pending', NOW, skey)
  end
  expire_session(skey, s)
end

-- Removes a session and everything pointing at it; index entries are deleted only while they still point here.
local function drop_session(skey)
  local s = read_session(skey)
  if not s then
    return nil
  end
  local g = game_of(skey)
  if s.nid and s.nid ~= '0' and redis.call('HGET', P .. g .. ':netids', s.nid) == skey then
    redis.call('HDEL', P .. g .. ':netids', s.nid)
  end
  if s.slot and s.slot ~= '-1' and redis.call('HGET', P .. g .. ':slots', s.slot) == skey then
    redis.call('HDEL', P .. g .. ':slots', s.slot)
  end
  if redis.call('GET', P .. 'tok:' .. s.td) == skey then
    redis.call('DEL', P .. 'tok:' .. s.td)
  end
  if redis.call('GET', P .. 'th:' .. s.th) == skey then
    redis.call('DEL', P .. 'th:' .. s.th, P .. 'gate:' .. s.th)
  end
  redis.call('SREM', P .. g .. ':pending', skey)
  redis.call('SREM', P .. g .. ':connected', skey)
  redis.call('ZREM', P .. 'idle:pending', skey)
  redis.call('ZREM', P .. 'idle:bound', skey)
  redis.call('DEL', skey_hash(skey))
  return s
end

-- An ID is in use only while its owner still exists and still holds it; stale entries (an owner whose hash
-- expired before the reaper saw it) are cleared on the way, so a lost reaper run cannot leak IDs.
local function id_in_use(table_key, id, field)
  local owner = redis.call('HGET', table_key, id)
  if not owner then
    return false
  end
  if redis.call('HGET', skey_hash(owner), field) == tostring(id) then
    return true
  end
  redis.call('HDEL', table_key, id)
  return false
end

-- NetIdAllocator in Lua: cursor from 1, skip IDs in use, wrap to 1 at the ceiling.
local function allocate_net_id(g)
  local cursor_key = P .. g .. ':cursor'
  local candidate = tonumber(redis.call('GET', cursor_key) or '1')
  if candidate < 1 or candidate >= NET_ID_CEILING then
    candidate = 1
  end
  for _ = 1, NET_ID_CEILING - 1 do
    local following = candidate + 1
    if following >= NET_ID_CEILING then
      following = 1
    end
    if not id_in_use(P .. g .. ':netids', candidate, 'nid') then
      redis.call('SET', cursor_key, following)
      return candidate
    end
    candidate = following
  end
  return nil
end

-- SlotAllocator in Lua: highest free index first, never 31.
local function pick_slot(g)
  for slot = SLOT_TABLE - 1, 0, -1 do
    if slot ~= RESERVED_SLOT and not id_in_use(P .. g .. ':slots', slot, 'slot') then
      return slot
    end
  end
  return -1
end

local function gateway_alive(gw)
  local last = redis.call('ZSCORE', P .. 'gateways', gw)
  return last and (NOW - tonumber(last) <= GATEWAY_TTL)
end

-- ExpiryPolicy in Lua.
local function expired(s)
  local idle = NOW - tonumber(s.seen)
  if not is_bound(s) then
    return idle > PENDING_TTL
  end
  if idle > CONNECTED_TTL + ORPHAN_GRACE then
    return true
  end
  return idle > CONNECTED_TTL and not gateway_alive(s.gw)
end
