--[[
  Deletes the profiles of one bucket whose last event is older than a cut-off (the expiry of
  inactive shoppers: a per-field TTL needs Redis 7.4; bucket hashes keep 100 million profiles
  compact on any Redis 7), and with them their scores: every field of the bucket's score hash
  whose profile is gone, which also clears a score written for a profile pruned meanwhile.

  Input:
    KEYS[1] profile bucket hash
    KEYS[2] score bucket hash of the same index (same hash tag, so the same Redis Cluster slot)
    ARGV[1] cut-off, epoch seconds: profiles whose last event time is before it are deleted

  Output:
    { profiles deleted, scores deleted }
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
local scores = 0
for _, user in ipairs(redis.call('HKEYS', KEYS[2])) do
  if redis.call('HEXISTS', KEYS[1], user) == 0 then
    redis.call('HDEL', KEYS[2], user)
    scores = scores + 1
  end
end
return { removed, scores }
