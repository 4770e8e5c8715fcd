-- Retries (ARGV[3] = 'retry') or discards (= 'discard') a dead job of a tenant.
-- ARGV: prefix, tenant, action, id, now_ms
local prefix, tenant, id = ARGV[1], ARGV[2], ARGV[4]
local dead = prefix .. ':dead:' .. tenant
if redis.call('ZSCORE', dead, id) == false then return 0 end
local job = prefix .. ':job:' .. id
redis.call('ZREM', dead, id)
redis.call('HINCRBY', prefix .. ':count:' .. tenant, 'dead', -1)
if ARGV[3] == 'retry' then
  redis.call('HSET', job, 'state', 'queued', 'attempts', 0, 'run_at', ARGV[5], 'updated_at', ARGV[5])
  redis.call('HINCRBY', prefix .. ':count:' .. tenant, 'queued', 1)
  redis.call('ZADD', prefix .. ':due', ARGV[5], id)
else
  redis.call('DEL', prefix .. ':key:' .. tenant .. ':' .. redis.call('HGET', job, 'key'))
  redis.call('DEL', job)
end
return 1
