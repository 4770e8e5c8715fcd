#!/usr/bin/env bash
# Makes sure the services the tests use are running on loopback: PostgreSQL (5432) and
# Redis (6379). Starts a stopped one with the machine's own commands; exits non-zero when
# one cannot be brought up.
set -euo pipefail

postgres_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

wait_for() {
  local name=$1 check=$2
  for _ in $(seq 1 30); do
    if $check; then echo "$name is up"; return 0; fi
    sleep 1
  done
  echo "$name did not come up" >&2
  return 1
}

# A freshly installed cluster asks for passwords on loopback; the tests connect as postgres
# without one. Only CI, on a throwaway machine, opens loopback like that.
for hba in /etc/postgresql/*/main/pg_hba.conf; do
  [ "${CI:-}" = true ] && [ -f "$hba" ] || continue
  if ! grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    echo "letting loopback connections in without a password ($hba)"
    sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$(basename "$(dirname "$(dirname "$hba")")")" main reload 2>/dev/null || true
  fi
done

if ! postgres_up; then
  echo "starting PostgreSQL"
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
fi
wait_for PostgreSQL postgres_up

if ! redis_up; then
  echo "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi
wait_for Redis redis_up
