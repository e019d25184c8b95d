-- ARGV[A]: game code. Returns {pending, connected, net IDs in use, slots in use}.
local g = ARGV[A]
return {
  redis.call('SCARD', P .. g .. ':pending'),
  redis.call('SCARD', P .. g .. ':connected'),
  redis.call('HLEN', P .. g .. ':netids'),
  redis.call('HLEN', P .. g .. ':slots'),
}
