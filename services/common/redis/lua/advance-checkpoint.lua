--[[
  Moves a consumer checkpoint forward only: a late write from a zombie consumer cannot rewind it.

  Input:
    KEYS[1] checkpoint key
    ARGV[1] next offset to consume (decimal string)

  Output:
    1 advanced
    0 unchanged (the stored checkpoint is the same or later)
]]
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
local proposed = tonumber(ARGV[1])
if proposed > current then
  redis.call('SET', KEYS[1], ARGV[1])
  return 1
end
return 0
