import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, startJourney } from "../support/browser.mjs";
import { atPath, steps, visible } from "../support/flows.mjs";

const L = catalogues.en;
const s = steps(L);
const run = Date.now().toString(36);
const owner = { company: "Kitsune Logistics", name: "Yui Mori", email: `yui.${run}@kitsune.example`, password: "a long passphrase" };

const readSession = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("tandem.session") ?? "null"));
const writeSession = (page, patch) =>
  page.evaluate((p) => {
    const session = JSON.parse(localStorage.getItem("tandem.session") ?? "null");
    localStorage.setItem("tandem.session", JSON.stringify({ ...session, ...p }));
  }, patch);

const status401 = (path) => (entry) => entry.text.includes("401") && entry.url.endsWith(path);

test("an expired or invalid session is renewed, or sends the person to log in and back", async () => {
  const journey = await startJourney("c-session-expiry");
  try {
    const page = await journey.person("owner");
    let refreshes = 0;
    page.on("request", (request) => {
      if (request.url().endsWith("/api/v1/auth/refresh")) refreshes += 1;
    });
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner.name);
    await s.openNav(page, L.nav.auditLog);
    await journey.shot(page, "signed-in");

    // 1. The access token is about to expire: the console refreshes before calling the API.
    const first = await readSession(page);
    await writeSession(page, { expiresAt: Date.now() - 1000 });
    await page.reload();
    await visible(page.getByText(L.audit.actions.tenant_created, { exact: true }));
    const second = await readSession(page);
    assert.equal(refreshes, 1);
    assert.notEqual(second.refreshToken, first.refreshToken, "the refresh token rotated");
    await journey.shot(page, "refreshed-before-expiry");

    // 2. The server refuses the access token: one refresh, then the request is repeated.
    await journey.expectingConsoleErrors([status401("/api/v1/me")], async () => {
      await writeSession(page, { accessToken: "forged.token.value", expiresAt: Date.now() + 600_000 });
      await page.reload();
      await visible(page.getByText(L.audit.actions.tenant_created, { exact: true }));
    });
    assert.equal(refreshes, 2);
    await journey.shot(page, "refreshed-after-401");

    // 3. The session is over (here: a refresh token already used, which the server refuses):
    //    the person logs in again and lands where they were.
    await journey.expectingConsoleErrors([status401("/api/v1/auth/refresh")], async () => {
      await writeSession(page, { refreshToken: first.refreshToken, expiresAt: Date.now() - 1000 });
      await page.goto("/settings/team");
      await atPath(page, "/login?next=%2Fsettings%2Fteam&expired=1");
      await visible(page.getByText(L.auth.login.expiredTitle));
    });
    assert.equal(refreshes, 3);
    assert.equal(await readSession(page), null, "the dead session was forgotten");
    await journey.shot(page, "login-after-expiry");
    await journey.expectingConsoleErrors([status401("/api/v1/auth/login")], async () => {
      await s.logIn(page, { email: owner.email, password: "not the password" });
      await visible(page.getByRole("alert").getByText(L.problems.unauthorized));
    });
    await journey.shot(page, "wrong-password");
    await s.logIn(page, owner);
    await atPath(page, "/settings/team");
    await visible(s.heading(page, L.team.title));
    await visible(page.getByTestId(`member-${owner.email}`));
    await journey.shot(page, "back-where-they-were");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
