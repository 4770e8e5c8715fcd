import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, PHONE, startJourney } from "../support/browser.mjs";
import { atPath, field, fill, steps, visible } from "../support/flows.mjs";

const L = catalogues.en;
const run = Date.now().toString(36);
const owner = { company: "Sakura Industries", name: "Aiko Tanaka", email: `aiko.${run}@sakura.example`, password: "a long passphrase" };
const colleague = { name: "Kenji Sato", email: `kenji.${run}@sakura.example`, password: "another long passphrase" };

test("a new customer signs up, invites a colleague, manages the team and an API key", async () => {
  const journey = await startJourney("a-owner-invites-colleague");
  const s = steps(L);
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await journey.shot(page, "signup-filled");
    await s.submitSignUp(page, owner);
    await visible(page.getByTestId("home-tenant").getByText(owner.company));
    await visible(page.getByText(L.home.nothingPending));
    await journey.shot(page, "home");

    await s.openNav(page, L.nav.team);
    await s.invite(page, { email: colleague.email, role: "admin" });
    await journey.shot(page, "team-invited");

    await s.openNav(page, L.nav.home, fill(L.home.title, { name: owner.name }));
    await visible(page.getByText(fill(L.home.pendingInvitations_one, { shown: "1" })));
    await journey.shot(page, "home-pending-invitation");

    // Without a mail server, the invitation is read where a new customer finds it: the developer mailbox.
    await s.openMail(page, colleague.email);
    await visible(page.getByTestId("mail-subject").getByText(owner.company));
    const link = await s.linkInMail(page, /\/invitations\/accept\?token=/);
    assert.ok(link.startsWith(new URL(page.url()).origin), "the link leads to this console");
    await journey.shot(page, "mailbox-invitation");

    const invitee = await journey.person("colleague", { viewport: PHONE });
    await invitee.goto(link);
    await s.acceptAsNewcomer(invitee, colleague);
    await journey.shot(invitee, "accept-invitation-phone");
    await s.submitAcceptance(invitee, colleague.name);
    await visible(invitee.getByText(L.roles.admin));
    await journey.shot(invitee, "colleague-home-phone");

    await s.openNav(page, L.nav.team);
    const row = await visible(page.getByTestId(`member-${colleague.email}`));
    assert.match(await row.innerText(), /Kenji Sato/);
    await s.changeRole(page, { name: colleague.name, role: "program_manager" });
    await visible(page.getByText(L.team.noInvitations));
    await journey.shot(page, "team-role-changed");

    // As a program manager, the colleague no longer sees the settings at all.
    await invitee.reload();
    await visible(invitee.getByText(L.roles.program_manager));
    await invitee.getByRole("button", { name: L.nav.toggle }).click();
    await visible(invitee.getByRole("navigation").getByRole("link", { name: L.nav.home }));
    assert.equal(await invitee.getByRole("navigation").getByRole("link", { name: L.nav.team }).count(), 0);
    await journey.shot(invitee, "colleague-menu-as-program-manager-phone");
    await invitee.goto("/settings/team");
    await visible(invitee.getByText(L.access.deniedTitle));

    await s.openNav(page, L.nav.apiKeys);
    await visible(page.getByText(L.apiKeys.empty));
    await field(page, L.fields.keyName).fill("Workday sync");
    await field(page, L.apiKeys.scope.write).check();
    await page.getByRole("button", { name: L.apiKeys.create }).click();
    const secret = await visible(page.getByTestId("api-key-secret"));
    const key = (await secret.innerText()).trim();
    assert.match(key, /^tdm_/);
    await visible(page.getByText(L.apiKeys.secretWarningTitle));
    await page.getByRole("button", { name: L.apiKeys.copy }).click();
    await visible(page.getByRole("button", { name: L.apiKeys.copied }));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
    await journey.shot(page, "api-key-secret-once");
    await page.getByRole("button", { name: L.apiKeys.stored }).click();
    const keyRow = await visible(page.getByTestId("api-key-Workday sync"));
    assert.match(await keyRow.innerText(), new RegExp(L.apiKeys.neverUsed));
    assert.equal(await page.getByText(key).count(), 0, "the secret is shown only once");
    await journey.shot(page, "api-keys-list");

    await s.openNav(page, L.nav.auditLog);
    for (const action of ["member_role_changed", "api_key_created", "invitation_accepted", "tenant_created"]) {
      await visible(page.getByText(L.audit.actions[action], { exact: true }));
    }
    await journey.shot(page, "audit-log");

    // The language is the person's: chosen in the console, it follows them to another device.
    await s.switchLanguage(page, "日本語");
    await visible(page.getByRole("navigation").getByRole("link", { name: catalogues.ja.nav.auditLog, exact: true }));
    await steps(catalogues.ja).logOut(page, owner.name);
    await journey.shot(page, "logged-out");
    await page.goto("/settings/team");
    await atPath(page, "/login?next=%2Fsettings%2Fteam");

    const elsewhere = await journey.person("owner on another device", { locale: "en-US" });
    await elsewhere.goto("/login");
    await s.logIn(elsewhere, owner);
    await visible(elsewhere.getByText(catalogues.ja.home.nothingPending));
    assert.equal(await elsewhere.evaluate(() => document.documentElement.lang), "ja");
    await journey.shot(elsewhere, "another-device-in-japanese");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
