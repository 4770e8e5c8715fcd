// Journey f (console in English) and g (in Japanese), the same steps in either language: from
// sign-up, a 50-person import with one bad row fixed and a program made with the wizard, to a
// closed campaign whose three invitees apply through the link in their email: two confirmed and
// accepted, one refused in words. Opening asks first with who is emailed; decisions email the
// applicant with the admin's words; leaving recruiting closes the open campaigns.
import assert from "node:assert/strict";
import { baseUrl, catalogues, outboxDir, PHONE, startJourney } from "./browser.mjs";
import { dateIn, directorySteps, employee } from "./directory.mjs";
import { field, fill, steps, visible } from "./flows.mjs";
import { emailSaying, emailWithLink, messagesTo, outboxFiles } from "./outbox.mjs";
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
  const trainingTitle = language === "ja" ? "リバースメンター入門" : "Being a reverse mentor";
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
      training: trainingTitle,
      shot,
    });
    // Each lifecycle move says what it does before it is made.
    await page.getByRole("button", { name: L.programs.moveTo.recruiting }).click();
    await visible(page.getByTestId("transition-dialog").getByText(fill(L.programs.transition.does.recruiting, { name: "Digital skills, reverse" })));
    assert.equal(await page.getByTestId("transition-closes").count(), 0, "a draft has no campaigns to close");
    await journey.shot(page, "program-recruiting-confirm");
    await s.inDialog(page, L.programs.moveTo.recruiting);
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
    // A cleared message has no preview; the Japanese message then comes back for those who read Japanese.
    await page.getByRole("tab", { name: ja }).click();
    await page.getByLabel(fill(L.recruitment.message.subjectIn, { language: ja })).fill("");
    await page.getByLabel(fill(L.recruitment.message.bodyIn, { language: ja })).fill("");
    await visible(page.getByTestId("preview-empty-ja"));
    await page.getByLabel(fill(L.recruitment.message.subjectIn, { language: ja })).fill("管理職に教えよう");
    await page.getByLabel(fill(L.recruitment.message.bodyIn, { language: ja })).fill("{{ name }} さん、{{ deadline }} までに {{ link }} から応募できます");
    await page.getByRole("tab", { name: en }).click();
    await page.getByRole("button", { name: L.recruitment.create }).click();
    await visible(s.heading(page, "Spring intake"));
    await visible(page.getByTestId("campaign-subject-en").getByText("Teach a manager what you know", { exact: true }));
    await visible(page.getByTestId("campaign-reminder").getByText(fill(L.recruitment.details.reminderHours_other, { shown: "24" })));
    const firstDeadline = await page.getByTestId("campaign-deadline").innerText();
    const campaignPath = new URL(page.url()).pathname;

    // The campaign is edited before it opens: without a deadline, the reminder is refused beside the
    // reminder and a body naming {{ deadline }} beside that body; then the deadline moves two days
    // later and the subject changes.
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
    const bodyEn = page.getByLabel(fill(L.recruitment.message.bodyIn, { language: en }));
    assert.equal(await bodyEn.getAttribute("aria-invalid"), "true", "the English body names {{ deadline }}");
    await visible(page.getByText(serverWords(L).deadlineWithoutDeadline).first());
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
    // The senior reads Japanese: their directory entry says so.
    await page.goto("/people");
    await page.getByRole("link", { name: senior.name, exact: true }).click();
    await page.getByRole("button", { name: L.people.edit }).click();
    await s.choose(page, L.people.fields.preferred_locale, L.language.names.ja);
    await page.getByRole("button", { name: L.people.save }).click();
    await visible(page.getByText(fill(L.people.saved, { name: senior.name })));
    await page.goto(campaignPath);
    await visible(s.heading(page, "Spring intake"));

    await r.pickInvitees(page, [junior, senior, middle]);
    await page.getByRole("button", { name: L.recruitment.invitees.add, exact: true }).click();
    const result = page.getByTestId("invitees-added");
    await visible(result.getByText(fill(L.recruitment.invitees.added, { added: 2, invitees: 2 }), { exact: false }));
    const skipped = async () => (await page.getByTestId("invitees-skipped").getByRole("listitem").allInnerTexts()).map((t) => t.trim());
    const [left] = await skipped();
    assert.ok(left?.startsWith(`${middle.name} — `) && left.includes(serverWords(L).mentorLevelAtMost5), `skipped: ${left}`);
    assert.equal((await skipped()).length, 1);
    await journey.shot(page, "campaign-invitees-skipped");
    await page.getByLabel(L.recruitment.invitees.eligibleOnly).uncheck();
    await page.getByRole("button", { name: L.recruitment.invitees.add, exact: true }).click();
    await visible(result.getByText(fill(L.recruitment.invitees.added, { added: 1, invitees: 3 }), { exact: false }));
    assert.deepEqual(
      (await skipped()).sort(),
      [junior, senior].map((p) => fill(L.recruitment.invitees.skippedPerson, { name: p.name, reason: serverWords(L).alreadyInvited })).sort(),
    );
    await journey.shot(page, "campaign-invitees");

    // Opening asks first: three people are emailed now, two in English and one in Japanese.
    const invitees = [junior, senior, middle];
    const beforeOpening = outboxFiles(outboxDir);
    await page.getByRole("button", { name: L.recruitment.moveTo.open }).click();
    const dialog = page.getByTestId("opening-dialog");
    await visible(dialog.getByTestId("opening-count").getByText(fill(L.recruitment.opening.emailsNow_other, { shown: "3" }), { exact: true }));
    const split = [
      fill(L.recruitment.opening.inLanguage, { shown: "2", language: L.recruitment.opening.languages.en }),
      fill(L.recruitment.opening.inLanguage, { shown: "1", language: L.recruitment.opening.languages.ja }),
    ].join(L.recruitment.opening.listSeparator);
    assert.equal((await dialog.getByTestId("opening-languages").innerText()).trim(), split);
    const sample = await dialog.getByTestId("opening-sample").innerText();
    for (const p of invitees) assert.ok(sample.includes(p.name), `${p.name} is among ${sample}`);
    await journey.shot(page, "campaign-open-confirm");
    await s.inDialog(page, L.common.cancel);
    await page.reload();
    await visible(page.getByTestId("campaign-state").getByText(L.recruitment.states.draft));
    for (const p of invitees) {
      assert.deepEqual(await messagesTo(outboxDir, p.email, beforeOpening), [], `nothing is emailed to ${p.email} before the opening is confirmed`);
    }
    await page.getByRole("button", { name: L.recruitment.moveTo.open }).click();
    await visible(dialog.getByTestId("opening-count"));
    await s.inDialog(page, L.recruitment.moveTo.open);
    await visible(page.getByTestId("campaign-state").getByText(L.recruitment.states.open));
    // The state and kind in words ("Open · invitees only"), not raw values in capitals.
    const stateLine = (await page.getByTestId("campaign-state").innerText()).replace(/\s+/g, " ").trim();
    assert.equal(stateLine, `${L.recruitment.states.open} · ${L.recruitment.audience.closed}`);
    assert.equal(await page.getByTestId("public-link").count(), 0, "a closed campaign has no public link");
    await journey.shot(page, "campaign-open");

    // The campaign email, as a new customer reads it in the developer mailbox: a personal link,
    // pointing at this server, which the mailbox names with the folder it keeps the emails in.
    await s.openNav(page, L.nav.mailbox, L.mailbox.title);
    assert.equal((await (await visible(page.getByTestId("mailbox-public-url"))).innerText()).trim(), `${L.mailbox.linksPointTo} ${baseUrl}`);
    assert.ok((await page.getByTestId("mailbox-outbox").innerText()).includes(outboxDir), "the mailbox names its outbox folder");
    await journey.shot(page, "mailbox-settings");
    await s.openMail(page, junior.email);
    assert.equal(await page.getByTestId("mail-subject").innerText(), "Teach a manager what you know this spring");
    await s.linkInMail(page, /\/apply\?token=/);
    await journey.shot(page, "mailbox-campaign-email");

    // The senior's campaign email is the Japanese message.
    await emailSaying(outboxDir, senior.email, "さん、");

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

    // The admin accepts the junior with a message, which reaches the junior's email. The senior
    // goes on the waitlist without an email, is declined, and is accepted after all; then the
    // funnel shows both accepted.
    await review.click();
    await visible(s.heading(page, "Spring intake"));
    const decide = async (applicant, decision, status, { message, notify = true, shot: label } = {}) => {
      await page.getByRole("button", { name: fill(L.recruitment.decideFor[decision], { name: applicant.name }) }).click();
      const dialog = await visible(page.getByTestId("decision-dialog"));
      const notifyBox = dialog.getByLabel(L.recruitment.decision.notify);
      assert.equal(await notifyBox.isChecked(), true, "the applicant is emailed unless the admin says not to");
      assert.equal(
        (await dialog.getByTestId("decision-email-note").innerText()).trim(),
        fill(L.recruitment.decision.willEmail, { name: applicant.name, email: applicant.email }),
      );
      if (!notify) await notifyBox.uncheck();
      if (message) await dialog.getByLabel(L.recruitment.decision.message).fill(message);
      if (label) await journey.shot(page, label);
      await s.inDialog(page, L.recruitment.decisions[decision]);
      await visible(page.getByTestId(`application-${applicant.email}`).getByText(L.recruitment.statuses[status], { exact: true }));
      await visible(page.getByText(fill(L.recruitment.decided[decision], { name: applicant.name })));
    };
    const welcome = language === "ja" ? "1月12日のキックオフでお会いしましょう。" : "See you at the kickoff on 12 January.";
    const beforeDecisions = outboxFiles(outboxDir);
    await decide(junior, "accept", "accepted", { message: welcome, shot: "decision-with-message" });
    await emailSaying(outboxDir, junior.email, welcome, 30_000, { except: beforeDecisions });
    await decide(senior, "waitlist", "waitlisted", { notify: false });
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

    // The invite list: each invitee's email and application, in words.
    const inviteeRow = (p) => page.getByTestId("invitee-list").getByTestId(`invitee-${p.email}`);
    for (const [p, application] of [[junior, L.recruitment.statuses.accepted], [senior, L.recruitment.statuses.accepted], [middle, L.recruitment.inviteeList.notApplied]]) {
      await visible(inviteeRow(p).getByTestId("invitee-email").getByText(L.email.states.sent, { exact: true }));
      await visible(inviteeRow(p).getByTestId("invitee-application").getByText(application, { exact: true }));
    }
    await visible(inviteeRow(senior).getByText(L.language.names.ja, { exact: true }));
    await journey.shot(page, "campaign-invitee-list");
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

    // It has no message: opening it emails nobody, and only its link works.
    await page.getByRole("button", { name: L.recruitment.moveTo.open }).click();
    await visible(page.getByTestId("opening-dialog").getByText(L.recruitment.opening.noMessageLink));
    await journey.shot(page, "open-campaign-no-message-confirm");
    await s.inDialog(page, L.recruitment.moveTo.open);
    await visible(page.getByTestId("campaign-state").getByText(L.recruitment.states.open));

    // Someone opens the public link on their phone: the company, what the program is for, its
    // dates, the time it asks and its training come before the form.
    const visitor = await journey.person("visitor", { viewport: PHONE, locale: browserLocale });
    await visitor.goto(publicLink);
    await visible(visitor.getByTestId("apply-company").getByText(owner.company, { exact: true }));
    const purposes = await visitor.getByTestId("apply-purposes").innerText();
    for (const p of ["knowledge_sharing", "adapting_to_change"]) assert.ok(purposes.includes(L.programs.purposes[p]), purposes);
    await visible(visitor.getByTestId("apply-dates"));
    assert.ok(
      (await visitor.getByTestId("apply-commitment").innerText()).includes(fill(L.programs.commitmentText, { meetings: "2", minutes: "45" })),
    );
    await visible(visitor.getByTestId("apply-training").getByText(trainingTitle));
    const factsBox = await visitor.getByTestId("apply-facts").boundingBox();
    const formBox = await visitor.getByRole("button", { name: L.apply.submit }).boundingBox();
    assert.ok(factsBox && formBox && factsBox.y + factsBox.height <= formBox.y, "the program's facts come before the form");
    assert.ok(factsBox.width <= PHONE.width, "the facts fit the phone");
    await journey.shot(visitor, "public-page-facts-phone");

    // Leaving recruiting closes both open campaigns, and the dialog says so first.
    await page.getByRole("link", { name: L.recruitment.backToProgram }).click();
    await page.getByRole("button", { name: L.programs.moveTo.matching }).click();
    await visible(
      page.getByTestId("transition-dialog").getByTestId("transition-closes").getByText(fill(L.programs.transition.closesCampaigns_other, { shown: "2" })),
    );
    await journey.shot(page, "program-matching-confirm");
    await s.inDialog(page, L.programs.moveTo.matching);
    await visible(page.getByTestId("program-state").getByText(L.programs.states.matching));
    for (const campaign of ["Spring intake", "Open house"]) {
      await visible(page.getByTestId(`campaign-${campaign}`).getByText(L.recruitment.states.closed, { exact: true }));
    }
    await journey.shot(page, "program-matching");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
}
