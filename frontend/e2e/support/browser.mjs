// Playwright (playwright-core) with the system Chromium; one browser per journey, one context per person.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const baseUrl = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8080";
export const outboxDir = process.env.E2E_OUTBOX ?? "";
const artifactsRoot = process.env.E2E_ARTIFACTS ?? join(here, "../../e2e-artifacts");

/** The console's own catalogues, so journeys find elements by the text people read. */
export const catalogues = {
  en: JSON.parse(readFileSync(join(here, "../../src/i18n/en.json"), "utf8")),
  ja: JSON.parse(readFileSync(join(here, "../../src/i18n/ja.json"), "utf8")),
};

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A browser for one journey; Playwright gives every launch a fresh user-data-dir. */
export async function startJourney(name) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ARGS,
  });
  const dir = join(artifactsRoot, name);
  mkdirSync(dir, { recursive: true });
  let step = 0;
  const consoleErrors = [];
  /** Errors the journey provokes on purpose, e.g. the 401 of a revoked refresh token; each excuses one. */
  const expected = [];
  const pages = [];

  async function person(label, { viewport = DESKTOP, locale = "en-US" } = {}) {
    const context = await browser.newContext({ viewport, locale, baseURL: baseUrl });
    context.setDefaultTimeout(15_000);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    const page = await context.newPage();
    pages.push([label, page]);
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const entry = { who: label, text: message.text(), url: message.location().url ?? "" };
      const excuse = expected.find((e) => !e.used && e.matches(entry));
      if (excuse) excuse.used = true;
      else consoleErrors.push(entry);
    });
    page.on("pageerror", (error) => consoleErrors.push({ who: label, text: `uncaught: ${error.message}`, url: "" }));
    return page;
  }

  async function shot(page, label) {
    step += 1;
    const file = join(dir, `${String(step).padStart(2, "0")}-${label}.png`);
    await page.waitForLoadState("networkidle").catch(() => {});
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /** Runs `fn`, which provokes one console error matching each predicate (they may be reported late). */
  async function expectingConsoleErrors(predicates, fn) {
    expected.push(...predicates.map((matches) => ({ matches, used: false })));
    return fn();
  }

  async function finish() {
    await browser.close();
    assert.deepEqual(consoleErrors, [], "the browser console showed errors");
  }

  /** After a failure: what each person's page showed, then close. */
  async function abort() {
    for (const [label, page] of pages) {
      await page.screenshot({ path: join(dir, `FAILED-${label}.png`), fullPage: true }).catch(() => {});
    }
    if (consoleErrors.length > 0) console.error("browser console errors:", consoleErrors);
    await browser.close();
  }

  return { person, shot, finish, expectingConsoleErrors, dir, abort };
}
