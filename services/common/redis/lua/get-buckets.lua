--[[
  Reads whole bucket hashes in one call, each as the flat field/value array HGETALL answers (the
  client builds no object per bucket, which costs more than the read when a rescore walks every
  bucket). Every key given must hash to one Redis Cluster slot (the caller groups them by slot).

  Input:
    KEYS[i] bucket hash i (profiles or scores)

  Output:
    array: entry i = { field1, value1, field2, value2, ... } of KEYS[i] (empty when it is absent)
]]
local out = {}
for i = 1, #KEYS do
  out[i] = redis.call('HGETALL', KEYS[i])
end
return out
