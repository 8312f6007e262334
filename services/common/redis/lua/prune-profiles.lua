--[[
  Deletes the profiles of one bucket whose last event is older than a cut-off: the expiry of
  inactive shoppers (a per-field TTL needs Redis 7.4; bucket hashes keep 100 million profiles
  compact on any Redis 7).

  Input:
    KEYS[1] bucket hash
    ARGV[1] cut-off, epoch seconds: profiles whose last event time is before it are deleted

  Output:
    number of profiles deleted
]]
local cutoff = tonumber(ARGV[1])
local entries = redis.call('HGETALL', KEYS[1])
local removed = 0
for i = 1, #entries, 2 do
  local record = entries[i + 1]
  if string.len(record) >= 12 then
    local _, _, lastSeen = struct.unpack('>I2I6I4', record)
    if lastSeen < cutoff then
      redis.call('HDEL', KEYS[1], entries[i])
      removed = removed + 1
    end
  end
end
return removed
