import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, startJourney } from "../support/browser.mjs";
import { atPath, steps, visible } from "../support/flows.mjs";

const L = catalogues.en;
const s = steps(L);
const run = Date.now().toString(36);
const owner = { company: "Kitsune Logistics", name: "Yui Mori", email: `yui.${run}@kitsune.example`, password: "a long passphrase" };

const readSession = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("tandem.session") ?? "null"));
const refreshCookie = async (page) => (await page.context().cookies()).find((c) => c.name === "tandem_refresh");

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
    await s.submitSignUp(page, owner);
    await s.openNav(page, L.nav.auditLog);
    await journey.shot(page, "signed-in");

    // 1. A reload leaves only what localStorage remembers, which is no token: the console renews
    //    the session through the refresh cookie before calling the API.
    const first = await refreshCookie(page);
    assert.ok(first, "the refresh token is a cookie");
    assert.equal(first.httpOnly, true, "scripts cannot read the refresh cookie");
    assert.equal(first.sameSite, "Strict");
    assert.equal(first.path, "/api/v1/auth");
    const remembered = await readSession(page);
    assert.deepEqual(Object.keys(remembered).sort(), ["refreshExpiresAt", "role", "tenantId", "userId"]);
    assert.ok(!(await page.evaluate(() => JSON.stringify(localStorage))).includes(first.value));
    const before = refreshes;
    await page.reload();
    await visible(page.getByText(L.audit.actions.tenant_created, { exact: true }));
    assert.equal(refreshes, before + 1);
    const second = await refreshCookie(page);
    assert.notEqual(second?.value, first.value, "the refresh cookie rotated");
    await journey.shot(page, "refreshed-after-reload");

    // 2. The server refuses the access token: one refresh, then the request is repeated.
    await journey.expectingConsoleErrors([status401("/api/v1/me")], async () => {
      await page.route(
        "**/api/v1/me",
        (route) =>
          route.fulfill({
            status: 401,
            contentType: "application/problem+json",
            body: JSON.stringify({ type: "/problems/unauthorized", title: "Unauthorized", status: 401, detail: "", code: "bad_access_token" }),
          }),
        { times: 1 },
      );
      await page.reload();
      await visible(page.getByText(L.audit.actions.tenant_created, { exact: true }));
      await visible(page.getByRole("button", { name: new RegExp(owner.name) }));
    });
    assert.equal(refreshes, before + 3, "one refresh after the reload, one after the refused token");
    await journey.shot(page, "refreshed-after-401");

    // 3. The session is over (here: a refresh cookie that was already used comes back, and the
    //    server ends that login): the person logs in again and lands where they were.
    await journey.expectingConsoleErrors([status401("/api/v1/auth/refresh")], async () => {
      await page.context().addCookies([first]);
      await page.goto("/settings/team");
      await atPath(page, "/login?next=%2Fsettings%2Fteam&expired=1");
      await visible(page.getByText(L.auth.login.expiredTitle));
    });
    assert.equal(refreshes, before + 4);
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
