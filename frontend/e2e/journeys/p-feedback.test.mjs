import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, outboxDir, startJourney } from "../support/browser.mjs";
import { fill, steps, visible } from "../support/flows.mjs";
import { accessToken, activeProgramWithPairs, call } from "../support/matching.mjs";
import { emailWithLink, invitationEmail, outboxFiles } from "../support/outbox.mjs";
import { applicantsOf, onThePhone, SMALL_PHONE } from "../support/portal.mjs";

const L = catalogues.en;
const JA = catalogues.ja;
const s = steps(L);
const run = Date.now().toString(36);
const owner = { company: "Sora Textiles", name: "Emi Goto", email: `emi.${run}@sora.example`, password: "a long passphrase" };
const viewer = { name: "Jun Ono", email: `jun.${run}@sora.example`, password: "a viewer's long passphrase" };

const person = (id, name, level, department, title, extra = {}) => ({
  external_id: id,
  name,
  email: `${id.toLowerCase()}.${run}@sora.example`,
  job_level: level,
  department,
  title,
  region: "Kanto",
  languages: ["ja", "en"],
  time_zone: "Asia/Tokyo",
  preferred_locale: "en",
  ...extra,
});

/** Three junior mentors and three senior mentees, each pair sharing a topic; Hiro reads Japanese. */
const PEOPLE = [
  person("M1", "Aoi Mori", 2, "Marketing", "Marketing associate"),
  person("M2", "Ren Ito", 3, "Sales", "Account executive"),
  person("M3", "Kenta Sato", 2, "Design", "Designer"),
  person("S1", "Hiro Tanaka", 12, "Finance", "Chief financial officer", { preferred_locale: "ja" }),
  person("S2", "Sora Ueno", 11, "Sales", "Head of sales"),
  person("S3", "Yuki Abe", 10, "Legal", "Head of legal"),
];
const TEACH = { M1: "TikTok", M2: "Instagram", M3: "YouTube" };
const LEARN = { S1: "tiktok", S2: "instagram", S3: "youtube" };
const APPLICANTS = applicantsOf(PEOPLE, TEACH, LEARN);
const byId = (id) => PEOPLE.find((p) => p.external_id === id);
const tokenOf = (link) => new URL(link).searchParams.get("token");

test("members answer a check-in in one click from the email and a survey by its link, one in Japanese on a phone; the manager reads the check-ins, and an anonymous survey's results only from the fifth answer", async () => {
  const journey = await startJourney("p-feedback");
  const { shot, fits } = onThePhone(journey);
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner);
    const token = await accessToken(owner);
    const { programId, pairs } = await activeProgramWithPairs({ token, outboxDir, people: PEOPLE, applicants: APPLICANTS });
    assert.equal(pairs.length, 3, JSON.stringify(pairs));
    const aoi = byId("M1");
    const aoiPair = pairs.find((p) => p.mentor.name === aoi.name);
    assert.ok(aoiPair, `Aoi has a pair: ${JSON.stringify(pairs)}`);
    const partner = aoiPair.mentee.name;

    // The Feedback tab: nothing answered yet; the owner asks for this period's check-ins now.
    await page.goto(`/programs/${programId}?tab=feedback`);
    await visible(page.getByRole("tab", { name: L.programs.tabs.feedback, selected: true }));
    await visible(page.getByTestId("check-ins-none"));
    await visible(page.getByTestId("surveys").getByText(L.feedback.surveys.empty));
    const beforeAsking = outboxFiles(outboxDir);
    await page.getByRole("button", { name: L.feedback.checkIns.ask }).click();

    // Each member gets an email with one link per score; Aoi clicks "2" on her phone.
    const checkInMail = await emailWithLink(outboxDir, aoi.email, /\/check-in\?token=[^&]+&score=2$/, 30_000, { except: beforeAsking });
    assert.ok(
      checkInMail.links.some((l) => /\/check-in\?token=[^&]+&score=5$/.test(l)),
      `one link per score: ${checkInMail.links.join(", ")}`,
    );
    const phone = await journey.person("aoi", { viewport: SMALL_PHONE });
    await phone.goto(checkInMail.link);
    await visible(phone.getByTestId("check-in-recorded").getByText(fill(L.feedback.checkIn.recorded, { score: "2" })));
    // The score left the address: reloading does not send it again.
    await phone.waitForURL((url) => !url.searchParams.has("score"));
    await visible(phone.getByTestId("check-in-until"));
    await fits(phone, "the check-in page");
    await shot(phone, "check-in-recorded");

    // She adds that she learned something, and a few words.
    const comment = "We keep moving our meetings";
    await phone.getByTestId("check-in-learned").getByText(L.feedback.checkIn.yes, { exact: true }).click();
    await phone.getByRole("textbox", { name: L.feedback.checkIn.comment }).fill(comment);
    await phone.getByRole("button", { name: L.feedback.checkIn.save }).click();
    await visible(phone.getByTestId("check-in-recorded").getByText(L.feedback.checkIn.saved));
    await visible(phone.getByText(fill(L.feedback.checkIn.learned, { partner })));
    await fits(phone, "the saved check-in");
    await shot(phone, "check-in-saved");
    const saved = await call("GET", `/api/v1/public/check-ins/${tokenOf(checkInMail.link)}`);
    assert.deepEqual([saved.score, saved.learned, saved.comment], [2, true, comment]);

    // Ren answers 5 from his email (by the API), which puts him after Aoi.
    const ren = byId("M2");
    const renMail = await emailWithLink(outboxDir, ren.email, /\/check-in\?token=[^&]+&score=5$/, 30_000, { except: beforeAsking });
    await call("PUT", `/api/v1/public/check-ins/${tokenOf(renMail.link)}`, { body: { score: 5 } });

    // Kenta opens the email's plain link: he picks his score on the page.
    const kenta = byId("M3");
    const kentaMail = await emailWithLink(outboxDir, kenta.email, /\/check-in\?token=[^&]+$/, 30_000, { except: beforeAsking });
    const kentaPhone = await journey.person("kenta", { viewport: SMALL_PHONE });
    await kentaPhone.goto(kentaMail.link);
    await visible(kentaPhone.getByText(fill(L.feedback.checkIn.question, { partner: pairs.find((p) => p.mentor.name === kenta.name).mentee.name })));
    assert.equal(await kentaPhone.getByTestId("check-in-recorded").count(), 0, "nothing is recorded before he picks");
    assert.ok(await kentaPhone.getByRole("button", { name: L.feedback.checkIn.save }).isDisabled(), "no score, nothing to save");
    await kentaPhone.getByTestId("check-in-score").getByText("3", { exact: true }).click();
    await kentaPhone.getByRole("button", { name: L.feedback.checkIn.save }).click();
    await visible(kentaPhone.getByTestId("check-in-recorded").getByText(fill(L.feedback.checkIn.recorded, { score: "3" })));
    await fits(kentaPhone, "the check-in picked on the page");
    // A link that is no check-in's says so (the API answers 404, which the browser reports).
    await journey.expectingConsoleErrors([(e) => e.text.includes("404")], async () => {
      await kentaPhone.goto("/check-in?token=not-a-check-in");
      await visible(kentaPhone.getByTestId("bad-link").getByText(L.feedback.public.invalidLink));
    });
    await kentaPhone.goto("/survey");
    await visible(kentaPhone.getByTestId("bad-link").getByText(L.feedback.public.incompleteLink));

    // The manager sees them lowest first, with Aoi's words; the period's average is 3.3.
    await page.reload();
    const latest = await visible(page.getByTestId("check-ins-latest"));
    const row = (i) => latest.getByTestId("check-in-row").nth(i);
    await visible(row(0).getByText(aoi.name));
    assert.equal(await row(0).getByTestId("check-in-score").innerText(), "2");
    assert.equal(await row(0).getByTestId("check-in-comment").innerText(), comment);
    await visible(row(1).getByText(kenta.name));
    assert.equal(await row(1).getByTestId("check-in-score").innerText(), "3");
    await visible(row(2).getByText(ren.name));
    assert.equal(await row(2).getByTestId("check-in-score").innerText(), "5");
    await visible(row(3).getByText(L.feedback.checkIns.notAnswered));
    assert.equal(await page.getByTestId("check-in-period-average").first().innerText(), "3.3");
    await visible(page.getByTestId("check-ins-chart"));
    await shot(page, "check-ins");

    // An anonymous mid-program survey for everyone, written as a draft, then opened.
    await page.getByRole("button", { name: L.feedback.surveys.new }).click();
    const form = await visible(page.getByTestId("new-survey"));
    assert.ok(await form.getByRole("switch", { name: L.feedback.surveys.anonymous }).isChecked(), "anonymous by default");
    assert.equal(await form.getByRole("combobox", { name: L.feedback.surveys.audience, exact: true }).inputValue(), L.feedback.surveys.audiences.either);
    await form.getByRole("button", { name: L.feedback.surveys.create }).click();
    const survey = await visible(page.getByTestId("survey"));
    await visible(survey.getByTestId("survey-title").getByText(L.feedback.surveys.kinds.mid_program));
    await visible(survey.getByTestId("survey-state").getByText(L.feedback.surveys.states.draft));
    const beforeOpening = outboxFiles(outboxDir);
    await survey.getByRole("button", { name: L.feedback.surveys.open }).click();
    await visible(survey.getByTestId("survey-state").getByText(L.feedback.surveys.states.open));
    await visible(survey.getByTestId("survey-answered").getByText(fill(L.feedback.surveys.answeredOf, { answered: "0", invited: "6" })));

    // Everyone is emailed a personal link; four answer it without the page.
    const links = {};
    for (const p of PEOPLE) {
      links[p.external_id] = (await emailWithLink(outboxDir, p.email, /\/survey\?token=/, 30_000, { except: beforeOpening })).link;
    }
    const answers = [
      ["M1", 4],
      ["M2", 5],
      ["M3", 3],
      ["S2", 4],
    ];
    for (const [id, going] of answers) {
      await call("POST", "/api/v1/public/survey-responses", {
        body: {
          token: tokenOf(links[id]),
          answers: { going, learned: 4, shared: 4, trust: 5, meetings: "As planned", help: ["Ideas for topics"], comment: `From ${id}: more topics` },
        },
        status: 201,
      });
    }
    // A second answer from the same link is refused.
    await call("POST", "/api/v1/public/survey-responses", {
      body: { token: tokenOf(links.M1), answers: { going: 1, learned: 1, shared: 1, trust: 1, meetings: "As planned" } },
      status: 409,
    });

    // Four answers: the manager reads that results come from five, and nothing else.
    await page.reload();
    const surveyRow = await visible(page.getByTestId("survey"));
    await visible(surveyRow.getByTestId("survey-answered").getByText(fill(L.feedback.surveys.answeredOf, { answered: "4", invited: "6" })));
    await surveyRow.getByRole("button", { name: L.feedback.surveys.showResults }).click();
    await visible(surveyRow.getByTestId("results-too-few").getByText(fill(L.feedback.results.tooFew, { min: "5" })));
    assert.equal(await surveyRow.getByTestId("question-result").count(), 0, "no results under five answers");
    assert.equal(await surveyRow.getByTestId("survey-results").count(), 0);
    await shot(page, "survey-too-few");

    // Hiro reads Japanese: the survey opens in it on his phone, whatever his browser says.
    const hiro = await journey.person("hiro", { viewport: SMALL_PHONE });
    await hiro.goto(links.S1);
    await visible(hiro.getByTestId("survey-anonymous").getByText(JA.feedback.survey.anonymousTitle));
    await visible(hiro.getByTestId("survey-anonymous").getByText(JA.feedback.survey.anonymous));
    await visible(hiro.getByText("ペアの活動は順調に進んでいる。"));
    // Sending nothing names the questions that need an answer, on them.
    await hiro.getByRole("button", { name: JA.feedback.survey.submit }).click();
    await visible(hiro.getByTestId("question-going").getByText(JA.feedback.survey.required));
    await visible(hiro.getByTestId("survey-errors"));
    await fits(hiro, "the survey page in Japanese");
    await shot(hiro, "survey-ja-required");
    const point = (key, value) => hiro.getByTestId(`question-${key}`).getByText(value, { exact: true }).click();
    await point("going", "4");
    await point("learned", "5");
    await point("shared", "3");
    await point("trust", "4");
    await hiro.getByTestId("question-meetings").getByRole("radio", { name: "予定どおり" }).check();
    await hiro.getByTestId("question-help").getByRole("checkbox", { name: "話題のアイデア" }).check();
    await hiro.getByTestId("question-comment").getByRole("textbox").fill("もっと話題がほしい");
    assert.equal(await hiro.getByTestId("question-going").getByText(JA.feedback.survey.required).count(), 0, "the error leaves once answered");
    await hiro.getByRole("button", { name: JA.feedback.survey.submit }).click();
    await visible(hiro.getByTestId("survey-thanks").getByText(JA.feedback.survey.thanksAnonymous));
    await fits(hiro, "the survey's thanks in Japanese");
    await shot(hiro, "survey-ja-thanks");
    // The same link again: answered already.
    await hiro.reload();
    await visible(hiro.getByTestId("survey-answered").getByText(JA.feedback.survey.answeredTitle));

    // Five answers: the results show, for everyone, with no names.
    await page.reload();
    const done = await visible(page.getByTestId("survey"));
    await visible(done.getByTestId("survey-answered").getByText(fill(L.feedback.surveys.answeredOf, { answered: "5", invited: "6" })));
    await done.getByRole("button", { name: L.feedback.surveys.showResults }).click();
    const results = await visible(done.getByTestId("survey-results"));
    await visible(results.getByTestId("results-respondents").getByText(fill(L.feedback.results.total_other, { shown: "5" })));
    assert.equal(await done.getByTestId("results-too-few").count(), 0);
    const going = results.getByTestId("results-everyone").locator('[data-testid="question-result"][data-key="going"]');
    await visible(going.getByText("Our pairing is going well."));
    assert.equal(await going.getByTestId("result-mean").innerText(), "4.0");
    assert.equal(await going.getByTestId("result-agree").innerText(), "80%");
    const words = results.getByTestId("results-everyone").locator('[data-testid="question-result"][data-key="comment"]');
    await visible(words.getByTestId("result-texts").getByText("もっと話題がほしい"));
    for (const p of PEOPLE) assert.equal(await results.getByText(p.name).count(), 0, `${p.name} is not named in the results`);
    await shot(page, "survey-results");

    // In Japanese, the questions in the console read in Japanese too.
    await s.switchLanguage(page, "日本語");
    await visible(results.getByText("ペアの活動は順調に進んでいる。"));
    await visible(results.getByText(fill(JA.feedback.results.total_other, { shown: "5" })));
    await shot(page, "survey-results-ja");
    // The choice is saved for the owner: back to English for what follows.
    await steps(JA).switchLanguage(page, "EN");
    await visible(results.getByText(fill(L.feedback.results.total_other, { shown: "5" })));

    // An end-of-program survey for mentees starts with the Net Promoter question: 0 to 10 fit Hiro's phone.
    const end = await call("POST", `/api/v1/programs/${programId}/surveys`, {
      token,
      body: { kind: "end_of_program", audience: "mentee" },
      status: 201,
    });
    const beforeEnd = outboxFiles(outboxDir);
    await call("POST", `/api/v1/programs/${programId}/surveys/${end.id}/open`, { token });
    const endLink = (await emailWithLink(outboxDir, byId("S1").email, /\/survey\?token=/, 30_000, { except: beforeEnd })).link;
    await hiro.goto(endLink);
    const nps = await visible(hiro.getByTestId("question-recommend"));
    await visible(nps.getByText("このプログラムを同僚に勧める可能性はどのくらいありますか？"));
    await nps.getByText("10", { exact: true }).click();
    assert.ok(await nps.getByRole("radio", { name: "10" }).isChecked(), "10 is chosen");
    await fits(hiro, "the Net Promoter question");
    await shot(hiro, "survey-nps-ja");

    // The company words its own questions for custom surveys, then goes back to Tandem's.
    await page.goto(`/programs/${programId}?tab=feedback`);
    await page.getByRole("button", { name: L.feedback.templates.open }).click();
    const dialog = await visible(page.getByRole("dialog"));
    await s.choose(page, L.feedback.surveys.kind, L.feedback.surveys.kinds.custom);
    await visible(dialog.getByTestId("template-source").getByText(L.feedback.templates.product));
    const firstQuestion = dialog.getByTestId("template-question").first();
    assert.equal(await firstQuestion.getByRole("textbox", { name: L.feedback.templates.label, exact: true }).inputValue(), "Our pairing is going well.");
    await firstQuestion.getByRole("textbox", { name: L.feedback.templates.label, exact: true }).fill("Our meetings are useful.");
    await dialog.getByRole("button", { name: L.feedback.templates.save }).click();
    await visible(dialog.getByTestId("template-source").getByText(L.feedback.templates.custom));
    const template = await call("GET", "/api/v1/survey-templates/custom/either", { token });
    assert.equal(template.questions[0].label, "Our meetings are useful.");
    assert.equal(template.questions[0].labels.ja, "ペアの活動は順調に進んでいる。", "the Japanese stays as it was");
    await journey.shot(page, "template-questions");
    await dialog.getByRole("button", { name: L.feedback.templates.reset }).click();
    await page.getByRole("dialog", { name: L.feedback.templates.resetTitle }).getByRole("button", { name: L.feedback.templates.reset }).click();
    await visible(dialog.getByTestId("template-source").getByText(L.feedback.templates.product));
    await page.keyboard.press("Escape");

    // A viewer reads the tab and changes nothing.
    await call("POST", "/api/v1/team/invitations", { token, body: { email: viewer.email, role: "viewer" }, status: 201 });
    const invited = await invitationEmail(outboxDir, viewer.email);
    await call("POST", "/api/v1/auth/invitations/accept", {
      body: { token: tokenOf(invited.link), name: viewer.name, password: viewer.password },
      status: 201,
    });
    const reader = await journey.person("viewer");
    await reader.goto("/login");
    await s.logIn(reader, viewer);
    await visible(s.heading(reader, fill(L.home.title, { name: viewer.name })));
    await reader.goto(`/programs/${programId}?tab=feedback`);
    await visible(reader.getByTestId("check-ins-latest"));
    const midProgram = reader.getByTestId("survey").filter({ hasText: L.feedback.surveys.kinds.mid_program });
    await visible(midProgram);
    for (const name of [L.feedback.checkIns.ask, L.feedback.surveys.new, L.feedback.templates.open, L.feedback.surveys.remind, L.feedback.surveys.close]) {
      assert.equal(await reader.getByRole("button", { name }).count(), 0, `a viewer has no "${name}"`);
    }
    await midProgram.getByRole("button", { name: L.feedback.surveys.showResults }).click();
    await visible(midProgram.getByTestId("survey-results"));
    await shot(reader, "viewer-feedback");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
