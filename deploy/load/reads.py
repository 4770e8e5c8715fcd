#!/usr/bin/env python3
"""Reads under load: an authenticated GET /api/v1/people/{id} against PostgreSQL's own speed.

    python3 deploy/load/reads.py                 # 10,000 people, 8 connections, 10 s a step

One run on this machine, everything on loopback:

1. a fresh database `tandem_load` on the PostgreSQL at 127.0.0.1:5432, the demo company in it
   (`tandem demo`) and `--people` more people through `POST /api/v1/people/bulk`;
2. pgbench, 8 clients, prepared statements: the same SELECT by (tenant_id, id) the API runs,
   over the same 100 people (the reference); then pgbench running what one request asks of
   PostgreSQL, statement for statement (BEGIN, the tenant's settings, the credential's check,
   the SELECT, COMMIT), to tell the cost of the request's round trips from the HTTP server's;
   and the same five pipelined (pgbench's `\\startpipeline`), in one round trip;
3. `tandem api` (a release build) under wrk, 8 connections: first as fast as it goes (the
   peak), then at half of that rate (the latency), each request authenticated with the demo's
   API key and a console user's access token in turn;
4. the API process's resident memory at the end, and the CPU the API and PostgreSQL used during
   the peak step (requests per core-second of each, for the capacity model);
5. where PostgreSQL loads pg_stat_statements (`shared_preload_libraries`), what one request
   costs it during the peak step: each statement's calls per request and time.

It prints the API's requests/s over pgbench's transactions/s, and p99 at half the peak rate.
Needs wrk (Debian: `apt-get install wrk`) and pgbench (postgresql-client); builds the release
binary when `TANDEM_BIN` is not set and it is missing.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

PG = os.environ.get("TANDEM_LOAD_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "tandem_load"
SAMPLE = 100  # people the requests are spread over
BULK = 1000  # people per bulk request (the API's maximum)


def run(*args, check=True, **kwargs):
    return subprocess.run(args, check=check, text=True, capture_output=True, **kwargs).stdout


def psql(sql, database=DATABASE):
    return run("psql", f"{PG}/{database}", "-qAtc", sql).strip()


def tandem_binary():
    if os.environ.get("TANDEM_BIN"):
        return os.environ["TANDEM_BIN"]
    target = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/tandem/target"))
    binary = os.path.join(target, "release", "tandem")
    if not os.path.exists(binary):
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        subprocess.run(["cargo", "build", "--release", "-p", "tandem-server", "--bin", "tandem"], cwd=root, check=True)
    return binary


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, token, body=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.loads(reply.read() or b"null")


def seed(base, key, people):
    for start in range(0, people, BULK):
        batch = [
            {
                "external_id": f"L{n:06}",
                "name": f"Load Person {n}",
                "email": f"load{n}@load.example",
                "department": f"Dept {n % 12}",
                "function": f"Function {n % 7}",
                "region": ["APAC", "EMEA", "AMER"][n % 3],
                "job_level": n % 15 + 1,
                "time_zone": "Asia/Tokyo",
                "languages": ["ja", "en"],
                "skills": ["Python", f"skill {n % 40}"],
            }
            for n in range(start, min(start + BULK, people))
        ]
        call(base, "POST", "/api/v1/people/bulk", key, {"people": batch})


def pgbench(tenant, ids, seconds, clients, workdir):
    scripts = []
    for i, person in enumerate(ids):
        path = os.path.join(workdir, f"select{i}.sql")
        with open(path, "w") as f:
            f.write(f"SELECT * FROM people WHERE tenant_id = '{tenant}' AND id = '{person}';\n")
        scripts += ["-f", path]
    out = run("pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", "2", "-T", str(seconds), *scripts,
              f"{PG}/{DATABASE}")
    return float(re.search(r"tps = ([\d.]+)", out).group(1))


PERSON_SELECT = (
    "SELECT p.*, (SELECT m.external_id FROM people m WHERE m.tenant_id = p.tenant_id AND m.id = p.manager_id) "
    "AS manager_external_id FROM people p WHERE p.tenant_id = '{tenant}' AND p.id = '{person}'"
)
KEY_CHECK = (
    "SELECT * FROM api_keys WHERE tenant_id = '{tenant}' AND secret_hash = '{hash}' AND revoked_at IS NULL LIMIT 1"
)
MEMBER_CHECK = (
    "SELECT role, EXISTS(SELECT 1 FROM refresh_tokens r WHERE r.tenant_id = '{tenant}' AND r.family_id = '{family}' "
    "AND r.user_id = '{user}' AND r.revoked_at IS NULL AND r.expires_at > now()) FROM memberships "
    "WHERE tenant_id = '{tenant}' AND user_id = '{user}' LIMIT 1"
)


def pgbench_request_shape(tenant, ids, seconds, clients, workdir, pipelined=False):
    """pgbench running the statements one GET asks of PostgreSQL, in its transaction: the
    credential's check alternating between the API key's and the console user's as wrk's
    requests do. Pipelined, the five go in one round trip (what a driver that pipelines, such
    as tokio-postgres, could do; sqlx waits for each answer)."""
    key_hash = psql(f"SELECT secret_hash FROM api_keys WHERE tenant_id = '{tenant}' AND revoked_at IS NULL "
                    "ORDER BY created_at LIMIT 1")
    user, family = psql(f"SELECT user_id, family_id FROM refresh_tokens WHERE tenant_id = '{tenant}' "
                        "AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1").split("|")
    scripts = []
    for i, person in enumerate(ids):
        check = KEY_CHECK if i % 2 == 0 else MEMBER_CHECK
        path = os.path.join(workdir, f"request{i}.sql")
        with open(path, "w") as f:
            if pipelined:
                f.write("\\startpipeline\n")
            f.write("BEGIN;\n")
            f.write(f"SELECT set_config('role', 'tandem_app', true), set_config('tandem.tenant_id', '{tenant}', true), "
                    "set_config('transaction_read_only', 'on', true);\n")
            f.write(check.format(tenant=tenant, hash=key_hash, user=user, family=family) + ";\n")
            f.write(PERSON_SELECT.format(tenant=tenant, person=person) + ";\n")
            f.write("COMMIT;\n")
            if pipelined:
                f.write("\\endpipeline\n")
        scripts += ["-f", path]
    out = run("pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", "2", "-T", str(seconds), *scripts,
              f"{PG}/{DATABASE}")
    return float(re.search(r"tps = ([\d.]+)", out).group(1))


WRK_SCRIPT = """
local ids = {%(ids)s}
local tokens = {%(tokens)s}
local delay_ms = %(delay)f
local n = 0
request = function()
  n = n + 1
  local headers = {["Authorization"] = "Bearer " .. tokens[(n %% #tokens) + 1]}
  return wrk.format("GET", "/api/v1/people/" .. ids[(n %% #ids) + 1], headers)
end
if delay_ms > 0 then
  delay = function() return delay_ms end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%f %%f %%f %%d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def wrk(base, ids, tokens, seconds, connections, workdir, delay_ms=0.0):
    path = os.path.join(workdir, "reads.lua")
    with open(path, "w") as f:
        f.write(WRK_SCRIPT % {
            "ids": ", ".join(f'"{i}"' for i in ids),
            "tokens": ", ".join(f'"{t}"' for t in tokens),
            "delay": delay_ms,
        })
    out = run("wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", path, base)
    requests, duration, p50, p99, errors = re.search(r"RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", out).groups()
    if int(errors):
        sys.exit(f"wrk saw {errors} errors:\n{out}")
    return int(requests) / float(duration), float(p50), float(p99)


def cpu_seconds(pid):
    """User and system CPU time the process has used so far, in seconds (0 once it ended)."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def postgres_cpu():
    """CPU seconds of every PostgreSQL process now running, by pid."""
    pids = run("pgrep", "-x", "postgres", check=False).split()
    return {pid: cpu_seconds(pid) for pid in pids}


def postgres_cpu_since(before):
    """PostgreSQL's CPU seconds since `before`, counting backends that started since whole."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in postgres_cpu().items())


def statements_available():
    """Whether PostgreSQL keeps pg_stat_statements (it must be in shared_preload_libraries)."""
    if "pg_stat_statements" not in psql("SHOW shared_preload_libraries", "postgres"):
        return False
    psql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", "postgres")
    return True


def statements_reset():
    psql("SELECT pg_stat_statements_reset()", "postgres")


def statements_per_request(requests):
    """The statements the load database ran since the reset, per request: calls and time."""
    rows = psql(
        "SELECT calls, total_exec_time, regexp_replace(left(query, 90), '\\s+', ' ', 'g') "
        "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
        f"WHERE d.datname = '{DATABASE}' ORDER BY total_exec_time DESC",
        "postgres",
    )
    table = []
    for line in rows.splitlines():
        calls, total_ms, query = line.split("|", 2)
        if int(calls) >= requests / 10:  # leave out what is not part of every request
            table.append((int(calls) / requests, float(total_ms) * 1000 / int(calls), query))
    return table


def memory(pid):
    status = open(f"/proc/{pid}/status").read()
    kib = lambda field: int(re.search(rf"{field}:\s+(\d+) kB", status).group(1))
    return kib("VmRSS") / 1024, kib("VmHWM") / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    for tool in ("wrk", "pgbench", "psql"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing (Debian: apt-get install wrk postgresql-client)")
    binary = tandem_binary()

    run("psql", f"{PG}/postgres", "-qc", f"DROP DATABASE IF EXISTS {DATABASE}")
    run("psql", f"{PG}/postgres", "-qc", f"CREATE DATABASE {DATABASE}")
    workdir = tempfile.mkdtemp(prefix="tandem-load-")
    port = free_port()
    env = dict(os.environ, TANDEM_DATABASE_URL=f"{PG}/{DATABASE}", TANDEM_DATA_DIR=workdir,
               TANDEM_OUTBOX_DIR=os.path.join(workdir, "outbox"), TANDEM_PORT=str(port),
               TANDEM_LOG_LEVEL="warn", TANDEM_JWT_SECRET=uuid.uuid4().hex * 2)
    env.pop("RUST_LOG", None)
    demo = run(binary, "demo", env=env)
    tenant = re.search(r"tenant id: (\S+)", demo).group(1)
    key = re.search(r"\n\s+(tdm_\S+)", demo).group(1)
    email = re.search(r"^\s+(\S+@\S+)\s+owner", demo, re.M).group(1)
    password = re.search(r"password \(all of them\): (.+)", demo).group(1).strip()

    api = subprocess.Popen([binary, "api"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/readyz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        seed(base, key, args.people)
        login = call(base, "POST", "/api/v1/auth/login", None, {"email": email, "password": password})
        tokens = [key, login["access_token"]]
        ids = psql(f"SELECT id FROM people WHERE tenant_id = '{tenant}' ORDER BY random() LIMIT {SAMPLE}").split()

        tps = pgbench(tenant, ids, args.seconds, args.connections, workdir)
        shape_tps = pgbench_request_shape(tenant, ids, args.seconds, args.connections, workdir)
        pipelined_tps = pgbench_request_shape(tenant, ids, args.seconds, args.connections, workdir, pipelined=True)
        # The CPU the API and PostgreSQL spend during the peak step: requests per core-second
        # of each, for the capacity model (docs/operations.md).
        with_statements = statements_available()
        if with_statements:
            statements_reset()
        api_cpu, pg_cpu = cpu_seconds(api.pid), postgres_cpu()
        peak, peak_p50, peak_p99 = wrk(base, ids, tokens, args.seconds, args.connections, workdir)
        api_cpu, pg_cpu = cpu_seconds(api.pid) - api_cpu, postgres_cpu_since(pg_cpu)
        statements = statements_per_request(peak * args.seconds) if with_statements else None
        # Each connection waits between requests so that together they ask about half the
        # peak: a request's time plus the wait is connections / rate. Once corrected by what
        # the first try reached.
        target = peak / 2
        delay = max(args.connections * 1000.0 / target - peak_p50, 0.0)
        half, half_p50, half_p99 = wrk(base, ids, tokens, args.seconds, args.connections, workdir, delay)
        delay = max(delay + args.connections * 1000.0 * (1 / target - 1 / half), 0.0)
        half, half_p50, half_p99 = wrk(base, ids, tokens, args.seconds, args.connections, workdir, delay)
        rss, hwm = memory(api.pid)
    finally:
        api.terminate()
        api.wait()
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"people in the directory: {args.people + 60:,}; {args.connections} connections; {args.seconds} s a step")
    print(f"pgbench (prepared SELECT by tenant_id, id): {tps:,.0f} tps")
    print(f"pgbench (a request's five statements in its transaction): {shape_tps:,.0f} tps "
          f"({shape_tps / tps:.2f} of the one SELECT)")
    print(f"pgbench (the same five, pipelined in one round trip): {pipelined_tps:,.0f} tps "
          f"({pipelined_tps / tps:.2f} of the one SELECT)")
    print(f"API at its peak:      {peak:,.0f} requests/s  p50 {peak_p50:.2f} ms  p99 {peak_p99:.2f} ms")
    print(f"API at half the peak: {half:,.0f} requests/s  p50 {half_p50:.2f} ms  p99 {half_p99:.2f} ms")
    print(f"API memory: {rss:.0f} MiB resident at the end, {hwm:.0f} MiB at most")
    print(f"CPU during the peak: API {api_cpu / args.seconds:.2f} cores, PostgreSQL {pg_cpu / args.seconds:.2f} cores")
    print(f"requests per core-second: {peak * args.seconds / api_cpu:,.0f} of the API's, "
          f"{peak * args.seconds / pg_cpu:,.0f} of PostgreSQL's")
    if statements is None:
        print("statements per request: PostgreSQL does not load pg_stat_statements (shared_preload_libraries)")
    else:
        print("statements per request during the peak (pg_stat_statements; BEGIN, COMMIT and the pool's")
        print("pings are round trips too, and only the first two are counted here):")
        for per_request, mean_us, query in statements:
            print(f"  {per_request:5.2f} x {mean_us:7.1f} us  {query}")
        print(f"  {sum(s[0] for s in statements):5.2f} statements, "
              f"{sum(s[0] * s[1] for s in statements):.0f} us of execution per request")
    print(f"API peak / the request's statements in pgbench: {peak / shape_tps:.2f}")
    print(f"ratio (API peak / pgbench): {peak / tps:.2f}")


if __name__ == "__main__":
    main()
