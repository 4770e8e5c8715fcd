// Journey f (console in English) and g (in Japanese), the same steps in either language: from
// sign-up, a 50-person import with one bad row fixed and a program made with the wizard, to a
// closed campaign whose three invitees apply through the link in their email: two confirmed and
// accepted, one refused in words.
import assert from "node:assert/strict";
import { catalogues, outboxDir, PHONE, startJourney } from "./browser.mjs";
import { dateIn, directorySteps, employee } from "./directory.mjs";
import { field, fill, steps, visible } from "./flows.mjs";
import { emailWithLink } from "./outbox.mjs";
import { inDays, recruitmentSteps } from "./recruitment.mjs";
import { serverWords } from "./serverWords.mjs";

const failedCall = (status, path) => (entry) => entry.text.includes(String(status)) && entry.url.includes(path);

export async function recruitmentJourney({ name, language }) {
  const L = catalogues[language];
  const s = steps(L);
  const r = recruitmentSteps(L, outboxDir);
  const d = directorySteps(L);
  const run = Date.now().toString(36);
  // Both languages' journeys share one outbox: addresses carry the run, e.g. k1001.<run>@hoshi.example.
  const person = (i) => employee(i, { domain: "hoshi.example", tag: `.${run}` });
  const owner = { company: "Hoshi Foods", name: "Nana Kimura", email: `nana.${run}@hoshi.example`, password: "a long passphrase" };
  const browserLocale = language === "ja" ? "ja-JP" : "en-US";
  const journey = await startJourney(name);
  try {
    const page = await journey.person("owner", { locale: browserLocale });
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner);
    const shot = (label) => journey.shot(page, label);

    // The directory: 50 people from an HR export, one bad row reported, fixed and imported again.
    await s.openNav(page, L.nav.people, L.people.title);
    await d.importWithOneFix(page, { domain: "hoshi.example", tag: `.${run}`, shot });

    // A program made with the wizard: juniors (levels 1–5) mentor, seniors (10 and up) are mentored.
    await s.openNav(page, L.nav.programs, L.programs.title);
    await d.createProgramWithWizard(page, {
      name: "Digital skills, reverse",
      mentorLevelMax: 5,
      menteeLevelMin: 10,
      metric:
        language === "ja"
          ? { name: "AIツールを使う自信", target: 4, unit: "点（5点中）", measuredBy: "終了時アンケート" }
          : { name: "Confidence with AI tools", target: 4, unit: "of 5", measuredBy: "End-of-program survey" },
      startDate: dateIn(30),
      endDate: dateIn(200),
      shot,
    });
    await page.getByRole("button", { name: L.programs.moveTo.recruiting }).click();
    await visible(page.getByTestId("program-state").getByText(L.programs.states.recruiting));
    await visible(page.getByText(L.recruitment.noCampaigns));
    await journey.shot(page, "program-recruiting");

    // A closed campaign (invitees only) with an English message, previewed, closing in three days.
    await page.getByRole("link", { name: L.recruitment.newCampaign }).click();
    await field(page, L.recruitment.fields.name).fill("Spring intake");
    await page.getByText(L.recruitment.kinds.closed, { exact: true }).click();
    await visible(page.getByText(L.recruitment.kindHints.closed));
    const due = inDays(3);
    await field(page, L.recruitment.fields.deadline).fill(due);
    await field(page, L.recruitment.fields.reminderHours).fill("24");
    const en = L.language.names.en;
    await page.getByLabel(fill(L.recruitment.message.subjectIn, { language: en })).fill("Teach a manager what you know");
    await page
      .getByLabel(fill(L.recruitment.message.bodyIn, { language: en }))
      .fill("Hello {{ name }}, join {{ program }} before {{ deadline }}: {{ link }}");
    await page.getByRole("button", { name: L.recruitment.message.preview }).click();
    await visible(page.getByTestId("preview-subject-en").getByText("Teach a manager what you know"));
    assert.doesNotMatch(await page.getByTestId("preview-text-en").innerText(), /\{\{/);
    await journey.shot(page, "campaign-preview");

    // Each language's tab previews its own message, and a preview follows its text.
    const ja = L.language.names.ja;
    const subjectEn = page.getByLabel(fill(L.recruitment.message.subjectIn, { language: en }));
    await page.getByRole("tab", { name: ja }).click();
    await visible(page.getByTestId("preview-empty-ja"));
    assert.equal(await page.getByTestId("preview-en").isVisible(), false, "the Japanese tab does not show the English preview");
    await page.getByLabel(fill(L.recruitment.message.subjectIn, { language: ja })).fill("管理職に教えよう");
    await page.getByLabel(fill(L.recruitment.message.bodyIn, { language: ja })).fill("{{ name }} さん、{{ link }} から応募できます");
    await visible(page.getByTestId("preview-subject-ja").getByText("管理職に教えよう", { exact: true }));
    assert.doesNotMatch(await page.getByTestId("preview-text-ja").innerText(), /\{\{|Teach a manager/);
    await journey.shot(page, "campaign-preview-ja-tab");
    await page.getByRole("tab", { name: en }).click();
    await visible(page.getByTestId("preview-subject-en").getByText("Teach a manager what you know", { exact: true }));
    await subjectEn.fill("Teach a manager what you know, today");
    await visible(page.getByTestId("preview-subject-en").getByText("Teach a manager what you know, today", { exact: true }));
    await subjectEn.fill("Teach a manager what you know");
    await visible(page.getByTestId("preview-subject-en").getByText("Teach a manager what you know", { exact: true }));
    // This campaign speaks English only: the Japanese message goes again.
    await page.getByRole("tab", { name: ja }).click();
    await page.getByLabel(fill(L.recruitment.message.subjectIn, { language: ja })).fill("");
    await page.getByLabel(fill(L.recruitment.message.bodyIn, { language: ja })).fill("");
    await visible(page.getByTestId("preview-empty-ja"));
    await page.getByRole("tab", { name: en }).click();
    await page.getByRole("button", { name: L.recruitment.create }).click();
    await visible(s.heading(page, "Spring intake"));
    await visible(page.getByTestId("campaign-subject-en").getByText("Teach a manager what you know", { exact: true }));
    await visible(page.getByTestId("campaign-reminder").getByText(fill(L.recruitment.details.reminderHours_other, { shown: "24" })));
    const firstDeadline = await page.getByTestId("campaign-deadline").innerText();

    // The campaign is edited before it opens: a reminder without a deadline is refused beside the
    // reminder; then the deadline moves two days later and the subject changes.
    await page.getByRole("link", { name: L.recruitment.edit.open }).click();
    await visible(s.heading(page, fill(L.recruitment.edit.title, { name: "Spring intake" })));
    const deadline = field(page, L.recruitment.fields.deadline);
    assert.equal(await deadline.inputValue(), due, "the form holds the saved deadline");
    assert.equal(await page.getByLabel(fill(L.recruitment.message.subjectIn, { language: en })).inputValue(), "Teach a manager what you know");
    await deadline.fill("");
    await journey.expectingConsoleErrors([failedCall(422, "/api/v1/campaigns/")], async () => {
      await page.getByRole("button", { name: L.recruitment.edit.save }).click();
      await visible(page.getByText(serverWords(L).needsDeadline));
    });
    assert.equal(await field(page, L.recruitment.fields.reminderHours).getAttribute("aria-invalid"), "true");
    await journey.shot(page, "campaign-edit-refused");
    await deadline.fill(inDays(5));
    await page.getByLabel(fill(L.recruitment.message.subjectIn, { language: en })).fill("Teach a manager what you know this spring");
    await page.getByRole("button", { name: L.recruitment.edit.save }).click();
    await visible(s.heading(page, "Spring intake"));
    await visible(page.getByTestId("campaign-subject-en").getByText("Teach a manager what you know this spring", { exact: true }));
    assert.notEqual(await page.getByTestId("campaign-deadline").innerText(), firstDeadline, "the new deadline is shown");
    await journey.shot(page, "campaign-edited");

    // Three invitees picked by name: a junior (level 2), a senior (11) and someone at level 6, whom
    // the program's rules leave out. With "only eligible people" ticked, level 6 is not invited;
    // unticked, they are, and will hear why when they apply.
    const junior = { ...person(1), role: "mentor", teach: "TikTok, short videos" };
    const senior = { ...person(10), role: "mentee", teach: "How budgets are decided" };
    const middle = { ...person(5), role: "mentor", teach: "Excel" };
    assert.deepEqual([junior.level, senior.level, middle.level], [2, 11, 6]);
    await r.pickInvitees(page, [junior, senior, middle]);
    await page.getByRole("button", { name: L.recruitment.invitees.add, exact: true }).click();
    await visible(page.getByTestId("invitees-added").getByText(fill(L.recruitment.invitees.added, { added: 2, invitees: 2 })));
    await page.getByLabel(L.recruitment.invitees.eligibleOnly).uncheck();
    await page.getByRole("button", { name: L.recruitment.invitees.add, exact: true }).click();
    await visible(page.getByTestId("invitees-added").getByText(fill(L.recruitment.invitees.added, { added: 1, invitees: 3 })));
    await journey.shot(page, "campaign-invitees");

    await page.getByRole("button", { name: L.recruitment.moveTo.open }).click();
    await visible(page.getByTestId("campaign-state").getByText(L.recruitment.states.open));
    // The state and kind in words ("Open · invitees only"), not raw values in capitals.
    const stateLine = (await page.getByTestId("campaign-state").innerText()).replace(/\s+/g, " ").trim();
    assert.equal(stateLine, `${L.recruitment.states.open} · ${L.recruitment.audience.closed}`);
    assert.equal(await page.getByTestId("public-link").count(), 0, "a closed campaign has no public link");
    await journey.shot(page, "campaign-open");

    // The campaign email, as a new customer reads it in the developer mailbox: a personal link.
    await s.openMail(page, junior.email);
    assert.equal(await page.getByTestId("mail-subject").innerText(), "Teach a manager what you know this spring");
    await s.linkInMail(page, /\/apply\?token=/);
    await journey.shot(page, "mailbox-campaign-email");

    // Each invitee follows the link in their own email on their phone. Two apply and confirm
    // through the confirmation email's link.
    for (const [who, applicant] of [["junior", junior], ["senior", senior]]) {
      const phone = await journey.person(who, { viewport: PHONE, locale: browserLocale });
      const confirmLink = await r.apply(phone, applicant);
      await journey.shot(phone, `${who}-applied-phone`);
      await r.confirm(phone, confirmLink);
      await journey.shot(phone, `${who}-confirmed-phone`);
    }

    // The level-6 invitee's application is refused, with the reason in words.
    const refused = await journey.person("level-6", { viewport: PHONE, locale: browserLocale });
    await journey.expectingConsoleErrors([failedCall(422, "/applications")], async () => {
      const refusal = await r.applyRefused(refused, middle);
      assert.ok(refusal.includes(serverWords(L).notEligible), refusal);
    });
    await journey.shot(refused, "level-6-refused-phone");

    // The junior turns surveys off through the preferences link at the foot of the campaign email.
    const preferencesLink = (await emailWithLink(outboxDir, junior.email, /\/email-preferences\?token=/)).link;
    const preferences = await journey.person("junior-preferences", { viewport: PHONE, locale: browserLocale });
    await preferences.goto(preferencesLink);
    await visible(preferences.getByTestId("preferences-email").getByText(junior.email));
    const category = (key) => preferences.getByRole("switch", { name: L.email.categories[key] });
    assert.equal(await category("survey").isChecked(), true);
    await category("survey").uncheck();
    assert.equal(await category("survey").isChecked(), false);
    await preferences.getByRole("button", { name: L.preferences.save }).click();
    await visible(preferences.getByText(L.preferences.saved));
    await preferences.reload();
    await visible(preferences.getByTestId("preferences-email"));
    assert.equal(await category("survey").isChecked(), false, "the choice was saved");
    assert.equal(await category("campaign").isChecked(), true);
    await journey.shot(preferences, "junior-preferences-saved-phone");

    // Home: the campaign closes soon, and two applications wait for a decision.
    await page.goto("/");
    await visible(page.getByTestId("closing-soon").getByRole("link", { name: /Spring intake/ }));
    const review = await visible(page.getByTestId("to-review").getByRole("link"));
    assert.match(await review.innerText(), /2/);
    await journey.shot(page, "home-recruitment");

    // The admin accepts the junior. The senior goes on the waitlist, is declined, and is accepted
    // after all; then the funnel shows both accepted.
    await review.click();
    await visible(s.heading(page, "Spring intake"));
    const decide = async (applicant, decision, status) => {
      await page.getByRole("button", { name: fill(L.recruitment.decideFor[decision], { name: applicant.name }) }).click();
      await visible(page.getByTestId(`application-${applicant.email}`).getByText(L.recruitment.statuses[status], { exact: true }));
      await visible(page.getByText(fill(L.recruitment.decided[decision], { name: applicant.name })));
    };
    await decide(junior, "accept", "accepted");
    await decide(senior, "waitlist", "waitlisted");
    await journey.shot(page, "senior-waitlisted");
    await decide(senior, "decline", "declined");
    await journey.shot(page, "senior-declined");
    await decide(senior, "accept", "accepted");
    await page.getByRole("button", { name: senior.name, exact: true }).click();
    await visible(page.getByTestId("application-drawer").getByText("How budgets are decided"));
    await journey.shot(page, "application-drawer");
    await page.keyboard.press("Escape");
    await page.reload();
    await visible(page.getByTestId("campaign-funnel").locator(".recharts-bar-rectangle").first());
    assert.match(await page.getByTestId("campaign-funnel-invited").innerText(), /: 3$/);
    assert.match(await page.getByTestId("campaign-funnel-emailed").innerText(), /: 3$/);
    assert.match(await page.getByTestId("campaign-funnel-applied").innerText(), /: 2$/);
    assert.match(await page.getByTestId("campaign-funnel-accepted").innerText(), /: 2$/);
    await journey.shot(page, "campaign-funnel");
    await page.getByRole("link", { name: L.recruitment.backToProgram }).click();
    assert.match(await (await visible(page.getByTestId("program-funnel-accepted"))).innerText(), /: 2$/);
    await journey.shot(page, "program-funnel");

    // An open campaign has a public link to share anywhere, copied in one click.
    await page.getByRole("link", { name: L.recruitment.newCampaign }).click();
    await field(page, L.recruitment.fields.name).fill("Open house");
    await page.getByRole("button", { name: L.recruitment.create }).click();
    await visible(s.heading(page, "Open house"));
    const publicLink = await (await visible(page.getByTestId("public-link"))).inputValue();
    assert.match(publicLink, /\/apply\?token=/);
    await page.getByRole("button", { name: L.recruitment.copyLink }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), publicLink);
    await journey.shot(page, "open-campaign-link");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
}
