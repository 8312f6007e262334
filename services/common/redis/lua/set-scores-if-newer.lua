--[[
  Writes many latest-score records, each only if it is newer than the stored one, so a replayed
  features.changed batch, a slow replica or a rescore with an older model cannot move a score back.

  A score record starts with a 14-byte header: partition of the feature state's last event
  (uint16 big-endian), feature version = that event's offset (uint48 big-endian), model epoch =
  when the scoring model was promoted, epoch ms (uint48 big-endian). See
  services/scorer/score-record.ts. A record is newer when its feature version is higher (same
  partition), or the feature version is the same and its model epoch is later (a rescore with a
  newly promoted model). Offsets order events only within one partition: after a repartitioning
  the newer write wins, as in set-profiles-if-newer.lua.
  Every key given must hash to one Redis Cluster slot (the caller groups them by slot).

  Input:
    KEYS[i]      score bucket hash of user i
    ARGV[2i-1]   user id i (the field)
    ARGV[2i]     new score record of user i

  Output:
    array, per record: 1 written, 2 an identical version (same feature version and model epoch)
    is already stored, 0 stale (a newer one is stored); 2 lets the caller re-announce after a crash
]]
local out = {}
for i = 1, #KEYS do
  local field = ARGV[2 * i - 1]
  local new = ARGV[2 * i]
  local current = redis.call('HGET', KEYS[i], field)
  local status = 1
  if current and string.len(current) >= 14 then
    local curPartition, curVersion, curEpoch = struct.unpack('>I2I6I6', current)
    local newPartition, newVersion, newEpoch = struct.unpack('>I2I6I6', new)
    if curPartition == newPartition then
      if newVersion < curVersion then
        status = 0
      elseif newVersion == curVersion then
        if newEpoch < curEpoch then
          status = 0
        elseif newEpoch == curEpoch then
          status = 2
        end
      end
    end
  end
  if status == 1 then
    redis.call('HSET', KEYS[i], field, new)
  end
  out[i] = status
end
return out
