-- ARGV[A]: token digest. Returns 1 if a session was touched.
local skey, s = session_by_token(ARGV[A])
if not s then
  return 0
end
touch(skey, s)
return 1
