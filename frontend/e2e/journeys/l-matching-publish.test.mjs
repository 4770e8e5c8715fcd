import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, outboxDir, PHONE, startJourney } from "../support/browser.mjs";
import { fill, overflowOnceSettled, steps, visible } from "../support/flows.mjs";
import { accessToken, call, programWithApplicants } from "../support/matching.mjs";
import { emailSaying, invitationEmail } from "../support/outbox.mjs";

const L = catalogues.en;
const JA = catalogues.ja;
const s = steps(L);
const run = Date.now().toString(36);
const owner = { company: "Hoshi Foods", name: "Naoko Fujii", email: `naoko.${run}@hoshi.example`, password: "a long passphrase" };
const viewer = { name: "Taro Kimura", email: `taro.${run}@hoshi.example`, password: "a viewer's long passphrase" };

const person = (id, name, level, department, title, languages, extra = {}) => ({
  external_id: id,
  name,
  email: `${id.toLowerCase()}.${run}@hoshi.example`,
  job_level: level,
  department,
  title,
  region: "Kanto",
  languages,
  ...extra,
});

/**
 * Five junior mentors and seven senior mentees, as in the matching journey: Tom speaks only
 * English, which no mentor does, so he waits for a partner. Ren reads his email in Japanese.
 */
const PEOPLE = [
  person("M1", "Aoi Mori", 2, "Marketing", "Marketing associate", ["ja"]),
  person("M2", "Ren Ito", 3, "Sales", "Account executive", ["ja"], { preferred_locale: "ja" }),
  person("M3", "Kai Sato", 2, "IT", "Support engineer", ["ja"], { manager_external_id: "S2" }),
  person("M4", "Yuna Abe", 4, "HR", "Recruiter", ["ja"]),
  person("M5", "Riku Ono", 1, "Finance", "Analyst", ["ja"]),
  person("S1", "Hiro Tanaka", 12, "Finance", "Chief financial officer", ["ja"], { is_executive: true }),
  person("S2", "Mei Kato", 10, "IT", "Head of IT", ["ja"]),
  person("S3", "Sora Ueno", 11, "Sales", "Head of sales", ["ja"]),
  person("S4", "Kenji Sato", 9, "Marketing", "Brand manager", ["ja"]),
  person("S5", "Emi Hayashi", 8, "IT", "Engineering manager", ["ja"]),
  person("S6", "Tom Baker", 13, "Finance", "Treasurer", ["en"]),
  person("S7", "Lisa Grant", 9, "Sales", "Sales manager", ["en", "ja"]),
];
const TEACH = { M1: "TikTok, Python", M2: "Instagram", M3: "Excel", M4: "Slack, Notion", M5: "ChatGPT" };
const LEARN = { S1: "python", S2: "Excel, TikTok", S3: "instagram", S4: "notion", S5: "chatgpt", S6: "slack", S7: "tiktok" };
const APPLICANTS = PEOPLE.map((p) => ({
  email: p.email,
  role: p.external_id.startsWith("M") ? "mentor" : "mentee",
  teach: TEACH[p.external_id] ?? "",
  learn: LEARN[p.external_id] ?? "",
}));
const byId = (id) => PEOPLE.find((p) => p.external_id === id);

/** The published pairs shown: each member's name and job. */
async function pairsShown(page) {
  const shown = [];
  for (const pair of await page.getByTestId("pairs").getByTestId("pair").all()) {
    const [mentor, mentee] = await pair.getByTestId("pair-name").allInnerTexts();
    shown.push({ mentor, mentee, jobs: await pair.getByTestId("pair-job").allInnerTexts() });
  }
  return shown;
}

test("a program manager compares two runs, publishes the second after a confirmation, sees the pairs by name, and the introductions go out in each person's language", async () => {
  const journey = await startJourney("l-matching-publish");
  const shot = async (p, label) => {
    await p.evaluate(() => window.scrollTo(0, 0));
    await journey.shot(p, label);
  };
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner);
    const token = await accessToken(owner);
    const programId = await programWithApplicants({ token, outboxDir, people: PEOPLE, applicants: APPLICANTS });

    await page.goto(`/programs/${programId}?tab=matching`);
    await visible(page.getByRole("heading", { name: L.matching.settings.title }));

    // A first run; its best pair is forbidden, and a second run is made without it.
    const runButton = page.getByRole("button", { name: L.matching.settings.run });
    await runButton.click();
    await visible(page.getByTestId("proven-optimal"));
    // While the program recruits, the pairs cannot be published yet, and the page says when they can.
    await visible(page.getByTestId("publish-later").getByText(L.matching.publish.opensWhenMatching));
    assert.equal(await page.getByRole("button", { name: L.matching.publish.open }).count(), 0);
    const best = page.getByTestId("proposals").locator('[data-testid^="proposal-"]').first();
    const [mentor, mentee] = await best.getByTestId("pseudonym").allInnerTexts();
    await best.getByRole("button", { name: fill(L.matching.proposals.forbidPair, { mentor, mentee }) }).click();
    await visible(best.getByTestId("forbidden-next"));
    for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click();
    await runButton.click();
    await page.getByTestId("runs").getByTestId("run-item").nth(1).waitFor();
    await visible(page.getByTestId("run").getByTestId("run-state").getByText(L.matching.states.done));
    await visible(page.getByTestId("proven-optimal"));
    const pairCount = Number(await page.getByTestId("run-pairs-value").innerText());
    const waiting = Number(await page.getByTestId("run-unmatched-value").innerText());
    assert.ok(pairCount === 5 && waiting === 2, `5 pairs and 2 without a partner, not ${pairCount} and ${waiting}`);

    // The second run (shown) compared with the first: the forbidden pair is removed, another added.
    const compareButtons = page.getByTestId("runs").getByTestId("compare-run");
    assert.equal(await compareButtons.count(), 1, "the shown run is compared with the other one only");
    await compareButtons.click();
    const comparison = await visible(page.getByTestId("comparison"));
    await visible(comparison.getByTestId("compare-kept"));
    const count = async (what) => Number(await comparison.getByTestId(`compare-${what}-value`).innerText());
    const [kept, added, removed] = [await count("kept"), await count("added"), await count("removed")];
    assert.ok(removed >= 1 && added >= 1, `the forbidden pair is removed and another added (${kept}/${added}/${removed})`);
    assert.equal(kept + added, pairCount);
    assert.equal(await comparison.getByTestId("compare-removed-pairs").getByTestId("compared-pair").count(), removed);
    assert.equal(await comparison.getByTestId("compare-added-pairs").getByTestId("compared-pair").count(), added);
    await visible(comparison.getByTestId("compare-pairs").getByText(fill(L.matching.compare.pairs, { change: "±0" })));
    // Equal totals are common (scores tie often), so the change is checked against the two runs' own.
    const [second, first] = (await call("GET", `/api/v1/programs/${programId}/matching-runs`, { token })).items;
    const change = Math.round((second.total - first.total) * 10) / 10;
    const signed = change === 0 ? "±0" : `${change > 0 ? "+" : ""}${change}`;
    await visible(comparison.getByTestId("compare-total").getByText(fill(L.matching.compare.total, { change: signed })));
    await visible(comparison.getByTestId("compare-rates"));
    // The pointer leaves the button, so that its tooltip does not cover the list in the screenshot.
    await page.mouse.move(0, 0);
    await page.getByRole("tooltip").waitFor({ state: "detached" });
    await shot(page, "compared");

    // The program moves to matching, closing its campaign in the same step as the dialog says.
    await page.getByRole("button", { name: L.programs.moveTo.matching, exact: true }).click();
    await visible(page.getByTestId("transition-closes").getByText(fill(L.programs.transition.closesCampaigns_one, { shown: "1" })));
    await s.inDialog(page, L.programs.moveTo.matching);
    await visible(page.getByTestId("program-state").getByText(L.programs.states.matching));
    await visible(page.getByTestId("pairs").getByText(L.matching.pairs.empty));

    // Publishing says first what it does, in the run's numbers.
    await page.getByRole("button", { name: L.matching.publish.open }).click();
    const dialog = await visible(page.getByTestId("publish-dialog"));
    assert.equal(
      (await dialog.getByTestId("publish-plan").innerText()).trim(),
      fill(L.matching.publish.plan, {
        pairs: fill(L.matching.publish.pairs_other, { shown: "5" }),
        introductions: fill(L.matching.publish.introductions_other, { shown: "10" }),
        waiting: fill(L.matching.publish.people_other, { shown: "2" }),
      }),
    );
    assert.equal(await dialog.getByTestId("publish-at-most").count(), 0, "the program has no pairs yet");
    await dialog.evaluate((el) => Promise.all(el.closest('[role="dialog"]')?.getAnimations({ subtree: true }).map((a) => a.finished) ?? []));
    await shot(page, "publish-confirm");
    await s.inDialog(page, L.matching.publish.confirm);

    // What it did, the run marked published, and the pairs by name with their jobs.
    const result = await visible(page.getByTestId("publish-result"));
    await visible(
      result.getByText(
        fill(L.matching.publish.result, {
          pairs: fill(L.matching.publish.pairs_other, { shown: "5" }),
          introductions: fill(L.matching.publish.introductions_other, { shown: "10" }),
          waiting: fill(L.matching.publish.people_other, { shown: "2" }),
        }),
      ),
    );
    await visible(page.getByTestId("run").getByTestId("run-published"));
    await visible(page.getByTestId("runs").getByTestId("run-published"));
    assert.equal(await page.getByRole("button", { name: L.matching.publish.open }).count(), 0, "a run is published once");
    await page.getByTestId("pairs").getByTestId("pair").nth(pairCount - 1).waitFor();
    const pairs = await pairsShown(page);
    assert.equal(pairs.length, pairCount);
    const mentors = PEOPLE.filter((p) => p.external_id.startsWith("M")).map((p) => p.name);
    assert.deepEqual(pairs.map((p) => p.mentor).sort(), [...mentors].sort(), "every mentor has a mentee");
    const ren = pairs.find((p) => p.mentor === byId("M2").name);
    const renMentee = PEOPLE.find((p) => p.name === ren?.mentee);
    assert.ok(renMentee, `Ren's mentee is one of the applicants: ${ren?.mentee}`);
    assert.deepEqual(ren?.jobs, [`${byId("M2").department} · ${byId("M2").title}`, `${renMentee.department} · ${renMentee.title}`]);
    assert.ok(!pairs.some((p) => p.mentee === byId("S6").name), "Tom shares no language with any mentor");
    await shot(page, "published");

    // The introductions: Ren's in Japanese, with his mentee's name and why; Aoi's in English;
    // Tom is told kindly that he waits for a partner.
    const renMail = await emailSaying(outboxDir, byId("M2").email, "組み合わせの理由");
    assert.ok(renMail.subject.includes(renMentee.name), renMail.subject);
    assert.ok(renMail.text.includes(`${renMentee.name}さん`), renMail.text);
    const aoiMail = await emailSaying(outboxDir, byId("M1").email, "Why you were matched:");
    assert.match(aoiMail.subject, /^Meet your mentee in /);
    const tomMail = await emailSaying(outboxDir, byId("S6").email, "as soon as a partner is found");
    assert.match(tomMail.subject, /^About your pair in /);
    await s.openMail(page, byId("M2").email);
    assert.ok((await page.getByTestId("mail-subject").innerText()).includes(`${renMentee.name}さん`));
    await shot(page, "introduction-ja");

    // With its first pairs, the program went active.
    await page.goto(`/programs/${programId}?tab=matching`);
    await visible(page.getByTestId("program-state").getByText(L.programs.states.active));
    for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click();
    await visible(page.getByTestId("pairs").getByText(byId("M2").name));

    // In Japanese, with the comparison open again.
    await s.switchLanguage(page, "日本語");
    await visible(page.getByTestId("pairs").getByRole("heading", { name: JA.matching.pairs.title }));
    await visible(page.getByTestId("run").getByTestId("run-published").getByText(JA.matching.publish.published));
    await page.getByTestId("runs").getByTestId("compare-run").click();
    await visible(page.getByTestId("comparison").getByRole("heading", { name: JA.matching.compare.title }));
    await visible(page.getByTestId("comparison").getByTestId("compare-pairs").getByText(fill(JA.matching.compare.pairs, { change: "±0" })));
    await page.mouse.move(0, 0);
    await page.getByRole("tooltip").waitFor({ state: "detached" });
    await shot(page, "published-ja");

    // On a phone, the pairs and the comparison fit the width.
    await page.setViewportSize(PHONE);
    const overflow = await overflowOnceSettled(page);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await shot(page, "phone-ja");

    // A viewer reads the pairs and may compare runs, but sees no publishing.
    await call("POST", "/api/v1/team/invitations", { token, body: { email: viewer.email, role: "viewer" }, status: 201 });
    const invitation = await invitationEmail(outboxDir, viewer.email);
    await call("POST", "/api/v1/auth/invitations/accept", {
      body: { token: new URL(invitation.link).searchParams.get("token"), name: viewer.name, password: viewer.password },
      status: 201,
    });
    const reader = await journey.person("viewer");
    await reader.goto("/login");
    await s.logIn(reader, viewer);
    await visible(s.heading(reader, fill(L.home.title, { name: viewer.name })));
    await reader.goto(`/programs/${programId}?tab=matching`);
    await visible(reader.getByTestId("pairs").getByText(byId("M2").name));
    await visible(reader.getByTestId("run").getByTestId("run-published"));
    assert.equal(await reader.getByRole("button", { name: L.matching.publish.open }).count(), 0);
    assert.equal(await reader.getByTestId("publish-later").count(), 0);
    await reader.getByTestId("runs").getByTestId("compare-run").click();
    await visible(reader.getByTestId("comparison").getByTestId("compare-kept"));

    // Runs go on in the active program, and say that they pair only the people without an active
    // pair: here the two who wait, for whom no free mentor is left.
    await page.bringToFront();
    await visible(page.getByTestId("free-only").getByText(JA.matching.settings.freeOnly));
    await page.getByRole("button", { name: JA.matching.settings.run }).click();
    await page.getByTestId("runs").getByTestId("run-item").nth(2).waitFor();
    await visible(page.getByTestId("run").getByTestId("run-state").getByText(JA.matching.states.done));
    assert.equal(await page.getByTestId("run-pairs-value").innerText(), "0");
    assert.equal(await page.getByTestId("run-unmatched-value").innerText(), String(waiting));
    await shot(page, "active-run-phone-ja");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
