import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, PHONE, startJourney } from "../support/browser.mjs";
import { field, fill, steps, visible } from "../support/flows.mjs";

const L = catalogues.en;
const s = steps(L);
const run = Date.now().toString(36);
const owner = { company: "Hinode Trading", name: "Mei Suzuki", email: `mei.${run}@hinode.example`, password: "a long passphrase" };
const invitee = `taro.${run}@hinode.example`;
const CUSTOM = "Come aboard {{ company }}, says {{ inviter }}";

const failedCall = (status, path) => (entry) => entry.text.includes(String(status)) && entry.url.includes(path);

test("an owner customises the invitation email, follows it through the mailbox, queue and deliveries, and resets it", async () => {
  const journey = await startJourney("d-email-settings");
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner);
    await visible(page.getByTestId("failed-emails").getByText(L.home.noFailedEmails));
    await visible(page.getByTestId("dead-jobs").getByText(L.home.noDeadJobs));
    await journey.shot(page, "home-attention");

    // The English invitation template: a subject with an unknown variable is refused for that part.
    await s.openNav(page, L.nav.email, L.email.title);
    await page.getByTestId("template-invitation/en").click();
    await visible(page.getByTestId("template-state").getByText(L.email.builtIn));
    const subject = field(page, L.email.subject);
    await journey.expectingConsoleErrors([failedCall(422, "/preview")], async () => {
      await subject.fill("Hello {{ no_such_variable }}");
      await page.getByRole("button", { name: L.email.preview }).click();
      await visible(page.locator('input[aria-invalid="true"]'));
    });
    assert.equal(await subject.getAttribute("aria-invalid"), "true", "the error is shown beside the subject");
    await journey.shot(page, "template-subject-error");

    await subject.fill(CUSTOM);
    await page.getByRole("button", { name: L.email.preview }).click();
    const previewed = await visible(page.getByTestId("preview-subject"));
    assert.match(await previewed.innerText(), /^Come aboard .+, says .+$/);
    assert.equal(await subject.getAttribute("aria-invalid"), null);
    // The HTML is rendered inside the sandboxed frame, not in the console's page.
    const frame = page.frameLocator(`iframe[title="${L.email.previewHtml}"]`);
    await visible(frame.getByText("Accept the invitation"));
    assert.equal(await page.locator(`iframe[title="${L.email.previewHtml}"]`).getAttribute("sandbox"), "");
    await page.getByTestId("preview-text").scrollIntoViewIfNeeded();
    await journey.shot(page, "template-preview");
    await page.getByRole("button", { name: L.email.save, exact: true }).click();
    await visible(page.getByText(L.email.saved));
    await visible(page.getByTestId("template-state").getByText(L.email.overridden));
    await journey.shot(page, "template-saved");

    // An invitation now carries the custom subject.
    await s.openNav(page, L.nav.team);
    await s.invite(page, { email: invitee, role: "viewer" });
    await s.openMail(page, invitee);
    const sent = await page.getByTestId("mail-subject").innerText();
    assert.equal(sent, `Come aboard ${owner.company}, says ${owner.name}`);
    await s.linkInMail(page, /\/invitations\/accept\?token=/);
    await journey.shot(page, "mailbox-custom-subject");

    await s.openNav(page, L.nav.jobs, L.jobs.title);
    await visible(page.getByTestId("depth-dead").getByText("0"));
    await visible(page.getByText(L.jobs.deadEmpty));
    await journey.shot(page, "job-queue");

    await s.openNav(page, L.nav.email, L.email.title);
    await page.getByRole("tab", { name: L.email.tabs.deliveries }).click();
    await s.choose(page, L.email.deliveries.filter, L.email.states.sent);
    await visible(page.getByTestId(`delivery-${invitee}`).getByText(L.email.states.sent, { exact: true }));
    await journey.shot(page, "deliveries-sent");

    await page.getByRole("tab", { name: L.email.tabs.templates }).click();
    await page.getByTestId("template-invitation/en").click();
    await page.getByRole("button", { name: L.email.reset }).click();
    await page.getByRole("dialog").getByRole("button", { name: L.email.reset }).click();
    await visible(page.getByTestId("template-state").getByText(L.email.builtIn));
    assert.match(await field(page, L.email.subject).inputValue(), /invited you to/);
    await journey.shot(page, "template-reset");

    // A participant's preferences link that was cut short, or is not valid.
    const participant = await journey.person("participant", { viewport: PHONE });
    await participant.goto("/email-preferences");
    await visible(participant.getByText(L.preferences.incompleteLink));
    await journey.shot(participant, "preferences-incomplete-link-phone");
    await journey.expectingConsoleErrors([failedCall(404, "/api/v1/public/email-preferences")], async () => {
      await participant.goto("/email-preferences?token=not-a-real-token");
      await visible(participant.getByRole("alert").getByText(L.preferences.invalidLink));
    });
    await journey.shot(participant, "preferences-bad-token-phone");
    await s.switchLanguage(participant, "日本語");
    await visible(participant.getByText(catalogues.ja.preferences.invalidLink));
    await journey.shot(participant, "preferences-bad-token-ja-phone");
    assert.equal(await participant.getByText(fill(L.home.title, { name: owner.name })).count(), 0);
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
