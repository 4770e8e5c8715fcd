import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, outboxDir, startJourney } from "../support/browser.mjs";
import { atPath, field, fill, steps, visible } from "../support/flows.mjs";
import { emailWithLink, outboxFiles } from "../support/outbox.mjs";

const L = catalogues.en;
const s = steps(L);
const run = Date.now().toString(36);
const owner = { company: "Tanuki Foods", name: "Haruto Abe", email: `haruto.${run}@tanuki.example`, password: "a long passphrase" };
const newPassword = "a brand new passphrase";

const refused = (status, path) => (entry) => entry.text.includes(String(status)) && entry.url.endsWith(path);

test("a forgotten password is reset by email; signing up again with a known address tells its owner", async () => {
  const journey = await startJourney("i-password-reset");
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await s.requestSignUp(page, owner.email);
    await journey.shot(page, "signup-check-your-email");
    const verification = await s.verifySignUp(page, owner);
    await journey.shot(page, "signed-up");

    // The refresh token never reaches the page: it is an HttpOnly cookie, and localStorage
    // remembers only that a session exists. A reload keeps the person signed in.
    const cookie = (await page.context().cookies()).find((c) => c.name === "tandem_refresh");
    assert.ok(cookie?.httpOnly, "the refresh token is an HttpOnly cookie");
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    assert.ok(!stored.includes("refresh_token") && !stored.includes("refreshToken"), "no refresh token in localStorage");
    assert.ok(!stored.includes(cookie.value), "the cookie's token is not in localStorage");
    await page.reload();
    await visible(s.heading(page, fill(L.home.title, { name: owner.name })));

    await s.logOut(page, owner.name);
    await page.getByRole("link", { name: L.auth.login.forgotPassword }).click();
    await visible(s.heading(page, L.auth.forgot.title));
    await field(page, L.fields.email).fill(owner.email);
    await page.getByRole("button", { name: L.auth.forgot.submit }).click();
    await visible(s.heading(page, L.auth.forgot.sentTitle));
    assert.equal((await page.getByTestId("reset-sent-to").innerText()).trim(), fill(L.auth.forgot.sentBody, { email: owner.email }));
    await journey.shot(page, "reset-link-sent");

    const reset = await emailWithLink(outboxDir, owner.email, /\/password\/reset\?token=/);
    await page.goto(reset.link);
    await visible(s.heading(page, L.auth.reset.title));
    await field(page, L.fields.newPassword).fill(newPassword);
    await field(page, L.fields.confirmPassword).fill("a different passphrase");
    await page.getByRole("button", { name: L.auth.reset.submit }).click();
    await visible(page.getByText(L.validation.passwordsDiffer));
    await field(page, L.fields.confirmPassword).fill(newPassword);
    await journey.shot(page, "new-password");
    await page.getByRole("button", { name: L.auth.reset.submit }).click();
    await atPath(page, "/login?password=changed");
    await visible(page.getByText(L.auth.login.passwordChangedTitle));
    await journey.shot(page, "password-changed");

    await journey.expectingConsoleErrors([refused(401, "/api/v1/auth/login")], async () => {
      await s.logIn(page, owner);
      await visible(page.getByRole("alert").getByText(L.problems.unauthorized));
    });
    await journey.shot(page, "old-password-refused");
    await s.logIn(page, { email: owner.email, password: newPassword });
    await visible(s.heading(page, fill(L.home.title, { name: owner.name })));
    await journey.shot(page, "signed-in-with-new-password");

    // The link worked once.
    await journey.expectingConsoleErrors([refused(410, "/api/v1/auth/password-reset/confirm")], async () => {
      await page.goto(reset.link);
      await field(page, L.fields.newPassword).fill("yet another passphrase");
      await field(page, L.fields.confirmPassword).fill("yet another passphrase");
      await page.getByRole("button", { name: L.auth.reset.submit }).click();
      await visible(page.getByText(L.auth.reset.usedTitle));
    });
    await visible(page.getByRole("link", { name: L.auth.reset.askAgain }));
    await journey.shot(page, "reset-link-used");

    // Someone signs up again with the address: the page says the same as for a new address,
    // and the email tells the owner they have an account, with a way to reset its password.
    const seen = outboxFiles(outboxDir);
    const stranger = await journey.person("same address again");
    await s.signUp(stranger, { ...owner, company: "Another Company", password: "someone else's passphrase" });
    await s.requestSignUp(stranger, owner.email);
    await journey.shot(stranger, "signup-known-address");
    const notice = await emailWithLink(outboxDir, owner.email, /\/password\/forgot\b/, 30_000, { except: seen });
    assert.ok(!notice.links.some((l) => /\/signup\/verify\?token=/.test(l)), "no sign-up link for a known address");
    assert.ok(notice.links.some((l) => /\/login\b/.test(l)), "the notice links to sign in");
    assert.notEqual(notice.subject, verification.subject, "the notice is not a sign-up email");
    await stranger.goto(notice.link);
    await visible(s.heading(stranger, L.auth.forgot.title));
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
