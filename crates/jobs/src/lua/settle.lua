-- Reports on a leased job. Refused (0) when the lease is no longer this worker's.
-- ARGV: prefix, id, lease, state (done|retrying|queued|dead), now_ms, run_at_ms, error, keep_ms, postpone
local prefix, id = ARGV[1], ARGV[2]
local job = prefix .. ':job:' .. id
if redis.call('HGET', job, 'lease') ~= ARGV[3] then return 0 end
local tenant = redis.call('HGET', job, 'tenant')
local counts = prefix .. ':count:' .. tenant
redis.call('ZREM', prefix .. ':leased', id)
redis.call('HINCRBY', counts, 'running', -1)
redis.call('HSET', job, 'state', ARGV[4], 'lease', '', 'updated_at', ARGV[5])
if ARGV[7] ~= '' then redis.call('HSET', job, 'last_error', ARGV[7]) end
if ARGV[9] == '1' then redis.call('HINCRBY', job, 'attempts', -1) end
if ARGV[4] == 'retrying' or ARGV[4] == 'queued' then
  redis.call('HINCRBY', counts, ARGV[4], 1)
  redis.call('HSET', job, 'run_at', ARGV[6])
  redis.call('ZADD', prefix .. ':due', ARGV[6], id)
elseif ARGV[4] == 'dead' then
  redis.call('HINCRBY', counts, 'dead', 1)
  redis.call('ZADD', prefix .. ':dead:' .. tenant, 0, id)
else
  -- Done: keep the job and its idempotency key a while, so a late duplicate does not run.
  local key = prefix .. ':key:' .. tenant .. ':' .. redis.call('HGET', job, 'key')
  redis.call('PEXPIRE', job, ARGV[8])
  redis.call('PEXPIRE', key, ARGV[8])
end
return 1
