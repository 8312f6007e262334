--[[
  Reads many profiles in one call. Profiles live as fields of bucket hashes (see keys.ts), so a
  read is an HGET per user; doing them here saves a client round trip and command object each.
  Every key given must hash to one Redis Cluster slot (the caller groups them by slot).

  Input:
    KEYS[i] bucket hash of user i
    ARGV[i] user id i (the field)

  Output:
    array: record of user i, or false when the user has no profile
]]
local out = {}
for i = 1, #KEYS do
  out[i] = redis.call('HGET', KEYS[i], ARGV[i])
end
return out
