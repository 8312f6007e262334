--[[
  Moves a consumer checkpoint forward over one processed batch, and only if the batch starts where
  the checkpoint stands (or before it). A checkpoint behind the batch's first offset means Redis
  lost writes (a crash with append-only fsync every second, a failover): the caller then seeks
  back to it and replays the gap instead of jumping over it. A late write from a zombie consumer
  cannot rewind the checkpoint either.

  Input:
    KEYS[1] checkpoint key
    ARGV[1] first offset of the batch (decimal string)
    ARGV[2] next offset to consume after it (decimal string)

  Output:
    {1, next}      advanced
    {0, current}   unchanged: the checkpoint is already at or past the batch's end
    {-1, current}  gap: the checkpoint is behind the batch's first offset; replay from `current`
]]
local current = redis.call('GET', KEYS[1])
local first = tonumber(ARGV[1])
local nextOffset = tonumber(ARGV[2])
if current then
  local at = tonumber(current)
  if at < first then
    return {-1, current}
  end
  if at >= nextOffset then
    return {0, current}
  end
end
redis.call('SET', KEYS[1], ARGV[2])
return {1, ARGV[2]}
