-- KEYS[1] due set, KEYS[2] leased set
-- ARGV: now_ms, lease_until_ms, lease_id, prefix
-- Jobs whose lease ran out (their worker died) are due again.
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, 100)
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZADD', KEYS[1], ARGV[1], id)
  -- The dead worker's lease is void: if it wakes up, its report is refused.
  redis.call('HSET', ARGV[4] .. ':job:' .. id, 'lease', '')
end
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1)
if #ids == 0 then return false end
local id = ids[1]
local job = ARGV[4] .. ':job:' .. id
redis.call('ZREM', KEYS[1], id)
if redis.call('EXISTS', job) == 0 then return false end
redis.call('ZADD', KEYS[2], ARGV[2], id)
local tenant = redis.call('HGET', job, 'tenant')
local previous = redis.call('HGET', job, 'state')
redis.call('HINCRBY', ARGV[4] .. ':count:' .. tenant, previous, -1)
redis.call('HINCRBY', ARGV[4] .. ':count:' .. tenant, 'running', 1)
redis.call('HSET', job, 'state', 'running', 'lease', ARGV[3], 'updated_at', ARGV[1])
redis.call('HINCRBY', job, 'attempts', 1)
return {id, redis.call('HGET', job, 'tenant'), redis.call('HGET', job, 'kind'), redis.call('HGET', job, 'payload'),
  redis.call('HGET', job, 'attempts'), redis.call('HGET', job, 'max_attempts')}
