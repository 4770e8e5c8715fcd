-- KEYS[1] idempotency key, KEYS[2] job hash, KEYS[3] due set, KEYS[4] tenant counts
-- ARGV: id, tenant, kind, payload, key, run_at_ms, max_attempts, now_ms
local existing = redis.call('GET', KEYS[1])
if existing then return {existing, 0} end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'tenant', ARGV[2], 'kind', ARGV[3], 'payload', ARGV[4], 'key', ARGV[5],
  'state', 'queued', 'attempts', 0, 'max_attempts', ARGV[7], 'run_at', ARGV[6],
  'created_at', ARGV[8], 'updated_at', ARGV[8], 'lease', '')
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[1])
redis.call('HINCRBY', KEYS[4], 'queued', 1)
return {ARGV[1], 1}
