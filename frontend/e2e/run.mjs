// Runs the browser journeys against a throwaway `tandem serve` that serves the built console.
// Expects frontend/dist to exist (npm run build); builds nothing itself.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const artifacts = join(root, "e2e-artifacts");
const bin = process.env.TANDEM_BIN || join(homedir(), ".cache/tandem/target/debug/tandem");

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

if (!existsSync(join(dist, "index.html"))) fail(`${dist}/index.html is missing: run npm run build first`);
if (!existsSync(bin)) fail(`no tandem binary at ${bin} (set TANDEM_BIN, or run make build in the repository)`);

function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once("error", rej);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

async function waitForHealth(base, server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`tandem exited early with code ${server.exitCode}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`tandem did not answer ${base}/healthz within ${timeoutMs / 1000}s`);
}

function stop(server) {
  return new Promise((res) => {
    if (server.exitCode !== null || server.signalCode !== null) return res();
    const killer = setTimeout(() => server.kill("SIGKILL"), 10_000);
    server.once("exit", () => {
      clearTimeout(killer);
      res();
    });
    server.kill("SIGTERM");
  });
}

function runTests(env) {
  const dir = join(root, "e2e/journeys");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".test.mjs"))
    // E2E_ONLY=e-people runs the journeys whose file name contains it.
    .filter((f) => !process.env.E2E_ONLY || f.includes(process.env.E2E_ONLY))
    .sort()
    .map((f) => join(dir, f));
  return new Promise((res) => {
    const child = spawn(process.execPath, ["--test", "--test-concurrency=1", ...files], {
      cwd: root,
      env,
      stdio: "inherit",
    });
    child.once("exit", (code, signal) => res(code ?? (signal ? 1 : 0)));
  });
}

const work = mkdtempSync(join(tmpdir(), "tandem-e2e-"));
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const outbox = join(work, "outbox");
const serverLog = join(artifacts, "server.log");
// A throwaway server: nothing from the caller's environment may point it at real services.
const inherited = { ...process.env };
for (const name of ["TANDEM_CONFIG", "TANDEM_SMTP_URL", "SMTP_URL", "TANDEM_REDIS_URL", "REDIS_URL", "DATABASE_URL"]) {
  delete inherited[name];
}
const server = spawn(bin, ["serve"], {
  cwd: work,
  env: {
    ...inherited,
    TANDEM_PORT: String(port),
    TANDEM_HOST: "127.0.0.1",
    TANDEM_DATA_DIR: join(work, "var"),
    TANDEM_OUTBOX_DIR: outbox,
    TANDEM_DATABASE_URL: `sqlite://${join(work, "tandem.db")}?mode=rwc`,
    TANDEM_CONSOLE_DIR: dist,
    TANDEM_PUBLIC_URL: base,
    TANDEM_LOG_LEVEL: "warn",
    // The journeys follow the links of their emails through the developer mailbox.
    TANDEM_DEV_MAILBOX: "true",
    // No quiet hours: campaign emails must reach the mailbox whatever the time of the run.
    TANDEM_QUIET_HOURS_START: "00:00",
    TANDEM_QUIET_HOURS_END: "00:00",
    // A journey runs a program's first weeks in minutes: an invitation, an introduction, a
    // check-in and a survey reach the same person the same day, more than the daily cap of 3.
    TANDEM_EMAIL_DAILY_CAP: "10",
    // Due nudges are looked for every few seconds, so a journey sees one go (15 minutes otherwise).
    TANDEM_NUDGE_INTERVAL_SECS: "2",
    // Every journey signs up and applies from this one address; the limits themselves are tested
    // by the API suite (tests/api/abuse.rs).
    TANDEM_SIGNUP_PER_CLIENT_PER_HOUR: "1000",
    TANDEM_APPLY_PER_CLIENT_PER_HOUR: "1000",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
const log = createWriteStream(serverLog);
server.stdout.pipe(log);
server.stderr.pipe(log);

let code = 1;
const interrupt = () => {
  void stop(server).then(() => process.exit(130));
};
process.once("SIGINT", interrupt);
process.once("SIGTERM", interrupt);
try {
  await waitForHealth(base, server);
  console.log(`e2e: tandem serving ${dist} at ${base}`);
  code = await runTests({ ...process.env, E2E_BASE_URL: base, E2E_OUTBOX: outbox, E2E_ARTIFACTS: artifacts });
} catch (error) {
  console.error(`e2e: ${error instanceof Error ? error.message : error}`);
  code = 1;
} finally {
  await stop(server);
  rmSync(work, { recursive: true, force: true });
}
console.log(`e2e: screenshots and server log in ${artifacts}`);
process.exit(code);
