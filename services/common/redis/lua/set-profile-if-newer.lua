--[[
  Writes a profile record unless the stored one already reflects this Kafka position or a later
  one. This is the compare-and-set behind the exactly-once effect: a replayed batch, or a zombie
  consumer that lost its partition in a rebalance, cannot move a profile backwards.

  A record starts with an 8-byte header: partition (uint16 big-endian) then offset of the last
  applied event (uint48 big-endian). See services/common/redis/profile-record.ts.

  Input:
    KEYS[1] profile key
    ARGV[1] the new record (header + encoded state)
    ARGV[2] time to live in milliseconds (0 = keep forever)

  Output:
    1 written
    0 skipped: the stored record is at the same or a later offset of the same partition
]]
local new = ARGV[1]
local current = redis.call('GET', KEYS[1])
if current and string.len(current) >= 8 then
  local curPartition, curOffset = struct.unpack('>I2I6', current)
  local newPartition, newOffset = struct.unpack('>I2I6', new)
  -- Offsets are only comparable within one partition; after a repartitioning the newer write wins
  -- and event-id de-duplication inside the state keeps replays from counting twice.
  if curPartition == newPartition and curOffset >= newOffset then
    return 0
  end
end
local ttl = tonumber(ARGV[2])
if ttl > 0 then
  redis.call('SET', KEYS[1], new, 'PX', ttl)
else
  redis.call('SET', KEYS[1], new)
end
return 1
