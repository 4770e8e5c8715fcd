// Generates src/api/schema.d.ts from ../docs/openapi.json (openapi-typescript).
// With --check, generates into a temp file instead and fails when the committed file differs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const committed = join(root, "src/api/schema.d.ts");
const cli = join(root, "node_modules/openapi-typescript/bin/cli.js");
// `details: {}` objects become `unknown` (narrowed where read) rather than `Record<string, never>`.
const FLAGS = ["--empty-objects-unknown"];

function generate(output) {
  const run = spawnSync(process.execPath, [cli, "../docs/openapi.json", ...FLAGS, "--output", output], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (run.status !== 0) {
    console.error("openapi-typescript failed");
    process.exit(1);
  }
}

if (!process.argv.includes("--check")) {
  generate(committed);
  console.log("wrote src/api/schema.d.ts");
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "tandem-schema-"));
let stale;
try {
  const generated = join(dir, "schema.d.ts");
  generate(generated);
  let current = null;
  try {
    current = readFileSync(committed, "utf8");
  } catch {
    // Missing counts as stale.
  }
  stale = current !== readFileSync(generated, "utf8");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (stale) {
  console.error("src/api/schema.d.ts is stale or missing: run npm run gen:api and commit it");
  process.exit(1);
}
console.log("src/api/schema.d.ts matches ../docs/openapi.json");
