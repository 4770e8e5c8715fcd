// Journey f (console in English) and g (in Japanese): from sign-up to two accepted applicants.
import assert from "node:assert/strict";
import { catalogues, outboxDir, PHONE, startJourney } from "./browser.mjs";
import { field, fill, steps, visible } from "./flows.mjs";
import { inDays, recruitmentSteps } from "./recruitment.mjs";

const failedCall = (status, path) => (entry) => entry.text.includes(String(status)) && entry.url.includes(path);

/** Juniors (levels 2–3) may mentor, seniors (10+) may be mentees; level 6 fits no role of the template. */
function peopleCsv(run) {
  const rows = [
    ["J1", "Riku Aoki", 2],
    ["J2", "Mio Sato", 3],
    ["S1", "Keiko Tanaka", 11],
    ["S2", "Hiroshi Ito", 12],
    ["M1", "Taro Yamada", 6],
  ];
  const lines = ["Employee ID,Full name,Mail,Dept,Region,Grade"];
  for (const [id, name, grade] of rows) lines.push(`${id},${name},${id.toLowerCase()}.${run}@hoshi.example,Sales,APAC,${grade}`);
  return lines.join("\n") + "\n";
}

export async function recruitmentJourney({ name, language }) {
  const L = catalogues[language];
  const s = steps(L);
  const r = recruitmentSteps(L, outboxDir);
  const run = Date.now().toString(36);
  const email = (id) => `${id}.${run}@hoshi.example`;
  const owner = { company: "Hoshi Foods", name: "Nana Kimura", email: `nana.${run}@hoshi.example`, password: "a long passphrase" };
  const browserLocale = language === "ja" ? "ja-JP" : "en-US";
  const journey = await startJourney(name);
  try {
    const page = await journey.person("owner", { locale: browserLocale });
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner.name);
    await r.importPeople(page, peopleCsv(run));
    await journey.shot(page, "people-imported");

    // A program from the template, moved to recruiting.
    await page.goto("/programs/templates");
    await page.getByTestId("template-reverse_digital_skills").getByRole("button").click();
    await visible(page.getByTestId("program-state").getByText(L.programs.states.draft));
    await page.getByRole("button", { name: L.programs.moveTo.recruiting }).click();
    await visible(page.getByTestId("program-state").getByText(L.programs.states.recruiting));
    await visible(page.getByText(L.recruitment.noCampaigns));
    await journey.shot(page, "program-recruiting");

    // An open campaign with an English message, previewed, closing in three days.
    await page.getByRole("link", { name: L.recruitment.newCampaign }).click();
    await field(page, L.recruitment.fields.name).fill("Spring intake");
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
      await visible(page.getByText("needs a deadline"));
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

    await page.getByRole("button", { name: L.recruitment.moveTo.open }).click();
    await visible(page.getByTestId("campaign-state").getByText(L.recruitment.states.open));
    const publicLink = await (await visible(page.getByTestId("public-link"))).inputValue();
    await page.getByRole("button", { name: L.recruitment.copyLink }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), publicLink);
    await journey.shot(page, "campaign-open");

    // The campaign email, as a new customer reads it in the developer mailbox.
    const junior = { email: email("j2"), role: "mentor", teach: "TikTok, short videos" };
    const senior = { email: email("s1"), role: "mentee", teach: "How budgets are decided" };
    await s.openMail(page, junior.email);
    assert.equal(await page.getByTestId("mail-subject").innerText(), "Teach a manager what you know this spring");
    assert.ok((await s.linkInMail(page, /\/apply\?token=/)).startsWith(publicLink.split("?")[0]));
    await journey.shot(page, "mailbox-campaign-email");

    // Two participants apply from their phones and confirm through the emailed link.
    for (const [who, applicant] of [["junior", junior], ["senior", senior]]) {
      const phone = await journey.person(who, { viewport: PHONE, locale: browserLocale });
      const confirmLink = await r.apply(phone, applicant);
      await journey.shot(phone, `${who}-applied-phone`);
      await r.confirm(phone, confirmLink);
      await journey.shot(phone, `${who}-confirmed-phone`);
    }

    // The level-6 person gets no email (eligible for no role); the public link refuses them in words.
    const middle = await journey.person("level-6", { viewport: PHONE, locale: browserLocale });
    await middle.goto(publicLink);
    await r.fillApplication(middle, { email: email("m1"), role: "mentor", teach: "Excel" });
    await journey.expectingConsoleErrors([failedCall(422, "/applications")], async () => {
      await middle.getByRole("button", { name: L.apply.submit }).click();
      const refusal = await visible(middle.getByTestId("apply-refusal"));
      assert.match(await refusal.innerText(), /not eligible/);
    });
    await journey.shot(middle, "level-6-refused-phone");

    // Home: the campaign closes soon, and two applications wait for a decision.
    await page.goto("/");
    await visible(page.getByTestId("closing-soon").getByRole("link", { name: /Spring intake/ }));
    const review = await visible(page.getByTestId("to-review").getByRole("link"));
    assert.match(await review.innerText(), /2/);
    await journey.shot(page, "home-recruitment");

    // The admin accepts both and sees the funnel.
    await review.click();
    await visible(s.heading(page, "Spring intake"));
    for (const person of ["Mio Sato", "Keiko Tanaka"]) {
      await page.getByRole("button", { name: fill(L.recruitment.decideFor.accept, { name: person }) }).click();
      await visible(page.getByTestId(`application-${email(person === "Mio Sato" ? "j2" : "s1")}`).getByText(L.recruitment.statuses.accepted));
    }
    await page.getByRole("button", { name: "Keiko Tanaka", exact: true }).click();
    await visible(page.getByTestId("application-drawer").getByText("How budgets are decided"));
    await journey.shot(page, "application-drawer");
    await page.keyboard.press("Escape");
    await page.reload();
    await visible(page.getByTestId("campaign-funnel").locator(".recharts-bar-rectangle").first());
    assert.match(await page.getByTestId("campaign-funnel-applied").innerText(), /: 2$/);
    assert.match(await page.getByTestId("campaign-funnel-accepted").innerText(), /: 2$/);
    await journey.shot(page, "campaign-funnel");
    await page.getByRole("link", { name: L.recruitment.backToProgram }).click();
    assert.match(await (await visible(page.getByTestId("program-funnel-accepted"))).innerText(), /: 2$/);
    await journey.shot(page, "program-funnel");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
}
