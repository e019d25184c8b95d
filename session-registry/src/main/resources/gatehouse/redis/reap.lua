-- Removes dead sessions (ExpiryPolicy); returns them. Candidates come from the idle indexes by last touch.
local reaped = {}
-- rare path (only after a lost reaper run), so a table scan is acceptable
local function purge_owner(table_key, skey)
  local flat = redis.call('HGETALL', table_key)
  for i = 1, #flat, 2 do
    if flat[i + 1] == skey then
      redis.call('HDEL', table_key, flat[i])
    end
  end
end
local function consider(index, idle_limit)
  local candidates = redis.call('ZRANGEBYSCORE', P .. index, '-inf', '(' .. (NOW - idle_limit))
  for _, skey in ipairs(candidates) do
    local s = read_session(skey)
    if not s then
      -- the hash outlived its backstop TTL before a reaper ran: clear the dangling index entries
      local g = game_of(skey)
      redis.call('ZREM', P .. index, skey)
      redis.call('SREM', P .. g .. ':pending', skey)
      redis.call('SREM', P .. g .. ':connected', skey)
      purge_owner(P .. g .. ':netids', skey)
      purge_owner(P .. g .. ':slots', skey)
    elseif expired(s) then
      drop_session(skey)
      reaped[#reaped + 1] = encode(skey, s)
    end
  end
end
consider('idle:pending', PENDING_TTL)
consider('idle:bound', CONNECTED_TTL)
redis.call('ZREMRANGEBYSCORE', P .. 'gateways', '-inf', '(' .. (NOW - GATEWAY_TTL - CONNECTED_TTL - ORPHAN_GRACE))
keep_structures()
return reaped
