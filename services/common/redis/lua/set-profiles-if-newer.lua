--[[
  Writes many profile records, each only if the stored one does not already reflect the same or a
  later Kafka position. This compare-and-set is the exactly-once effect: a replayed batch, or a
  zombie consumer that lost its partition in a rebalance, cannot move a profile backwards.

  A record starts with a 12-byte header: partition (uint16 big-endian), offset of the last applied
  event (uint48 big-endian), last event time in seconds (uint32 big-endian, read by
  prune-profiles.lua). See services/common/redis/profile-record.ts.
  Every key given must hash to one Redis Cluster slot (the caller groups them by slot).

  Input:
    KEYS[i]      bucket hash of user i
    ARGV[2i-1]   user id i (the field)
    ARGV[2i]     new record of user i

  Output:
    number of records written (the others were already at or past their position)
]]
local written = 0
for i = 1, #KEYS do
  local field = ARGV[2 * i - 1]
  local new = ARGV[2 * i]
  local current = redis.call('HGET', KEYS[i], field)
  local write = true
  if current and string.len(current) >= 8 then
    local curPartition, curOffset = struct.unpack('>I2I6', current)
    local newPartition, newOffset = struct.unpack('>I2I6', new)
    -- Offsets order events only within one partition; after a repartitioning the newer write
    -- wins and event-id de-duplication inside the state keeps replays from counting twice.
    write = curPartition ~= newPartition or curOffset < newOffset
  end
  if write then
    redis.call('HSET', KEYS[i], field, new)
    written = written + 1
  end
end
return written
