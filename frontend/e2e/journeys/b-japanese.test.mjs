import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, outboxDir, PHONE, startJourney } from "../support/browser.mjs";
import { field, fill, steps, visible } from "../support/flows.mjs";
import { invitationEmail } from "../support/outbox.mjs";

const en = steps(catalogues.en);
const L = catalogues.ja;
const ja = steps(L);
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9faf]/;
const run = Date.now().toString(36);
const owner = { company: "さくら工業", name: "田中 愛子", email: `aiko.${run}@sakura.example`, password: "長いパスフレーズです12" };
const colleague = { name: "佐藤 健二", email: `kenji.${run}@sakura.example`, password: "もうひとつの長いパスフレーズ" };

test("the same sign-up and invitation journey with the console in Japanese", async () => {
  const journey = await startJourney("b-japanese");
  try {
    const page = await journey.person("owner", { locale: "en-US" });
    await page.goto("/signup");
    await en.switchLanguage(page, "日本語");
    await ja.fillSignUp(page, owner);
    assert.equal(await page.getByRole("combobox", { name: L.fields.language, exact: true }).inputValue(), L.language.names.ja);
    await journey.shot(page, "signup-ja");
    const verification = await ja.submitSignUp(page, owner);
    assert.match(verification.subject + verification.text, JAPANESE, "the sign-up email is in Japanese");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "ja");
    await visible(page.getByText(L.home.nothingPending));
    await visible(page.getByText(/\d{4}\/\d{1,2}\/\d{1,2}/));
    await journey.shot(page, "home-ja");

    await ja.openNav(page, L.nav.team);
    await ja.invite(page, { email: colleague.email, role: "admin" });
    await journey.shot(page, "team-invited-ja");

    const email = await invitationEmail(outboxDir, colleague.email);
    assert.match(email.subject + email.text, JAPANESE, "the invitation email is in Japanese");
    await ja.openMail(page, colleague.email);
    assert.equal(await page.getByTestId("mail-subject").innerText(), email.subject, "the mailbox shows the same email");
    await journey.shot(page, "mailbox-message-ja");
    await ja.openNav(page, L.nav.team);

    const invitee = await journey.person("colleague", { viewport: PHONE, locale: "ja-JP" });
    await invitee.goto(email.link);
    await ja.acceptAsNewcomer(invitee, colleague);
    await journey.shot(invitee, "accept-invitation-ja-phone");
    await ja.submitAcceptance(invitee, colleague.name);
    await visible(invitee.getByText(L.roles.admin));
    await journey.shot(invitee, "colleague-home-ja-phone");

    await page.reload();
    await visible(page.getByTestId(`member-${colleague.email}`).getByText(colleague.name));
    await journey.shot(page, "team-ja");

    // Inviting a member again is refused in the server's own words, in Japanese.
    const refusedInvitation = (entry) => entry.text.includes("409") && entry.url.includes("/api/v1/team/invitations");
    await journey.expectingConsoleErrors([refusedInvitation], async () => {
      await field(page, L.fields.email).fill(colleague.email);
      await page.getByRole("button", { name: L.team.invite }).click();
      const refusal = await visible(page.getByRole("alert").filter({ hasText: "この人はすでにメンバーです" }));
      assert.match(await refusal.innerText(), new RegExp(L.problems.conflict));
    });
    await journey.shot(page, "team-invite-refused-ja");

    await ja.openNav(page, L.nav.auditLog);
    await visible(page.getByText(L.audit.actions.invitation_accepted, { exact: true }));
    await journey.shot(page, "audit-log-ja");

    await ja.openNav(page, L.nav.email, L.email.title);
    await page.getByRole("tab", { name: L.email.tabs.deliveries }).click();
    await visible(page.getByTestId(`delivery-${colleague.email}`).getByText(L.email.states.sent));
    await journey.shot(page, "email-deliveries-ja");
    await ja.openNav(page, L.nav.jobs, L.jobs.title);
    await visible(page.getByText(L.jobs.deadEmpty));
    await journey.shot(page, "job-queue-ja");

    await ja.logOut(page, owner.name);
    await visible(page.getByText(fill(L.auth.login.noAccount, {})));
    await journey.shot(page, "logged-out-ja");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
