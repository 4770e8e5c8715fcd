import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, outboxDir, PHONE, startJourney } from "../support/browser.mjs";
import { fill, overflowOnceSettled, steps, visible } from "../support/flows.mjs";
import { accessToken, call, programWithApplicants } from "../support/matching.mjs";
import { invitationEmail } from "../support/outbox.mjs";
import { serverWords } from "../support/serverWords.mjs";

const L = catalogues.en;
const JA = catalogues.ja;
const s = steps(L);
const run = Date.now().toString(36);
const owner = { company: "Kumo Logistics", name: "Sayaka Endo", email: `sayaka.${run}@kumo.example`, password: "a long passphrase" };
const viewer = { name: "Goro Ishii", email: `goro.${run}@kumo.example`, password: "a viewer's long passphrase" };

const person = (id, name, level, department, region, languages, extra = {}) => ({
  external_id: id,
  name,
  email: `${id.toLowerCase()}.${run}@kumo.example`,
  job_level: level,
  department,
  region,
  languages,
  ...extra,
});

/**
 * Five junior mentors (levels 1–4) and seven senior mentees (8 and up); Kai reports to Mei, and
 * Tom and Lisa speak only English, which no mentor does: they are left without a pair, both
 * from Kansai, so the region is flagged by the four-fifths rule.
 */
const PEOPLE = [
  person("M1", "Aoi Mori", 2, "Marketing", "Kanto", ["ja"], { function: "Digital" }),
  person("M2", "Ren Ito", 3, "Sales", "Kansai", ["ja"]),
  person("M3", "Kai Sato", 2, "IT", "Kanto", ["ja"], { manager_external_id: "S2" }),
  person("M4", "Yuna Abe", 4, "HR", "Kansai", ["ja"]),
  person("M5", "Riku Ono", 1, "Finance", "Kanto", ["ja"]),
  person("S1", "Hiro Tanaka", 12, "Finance", "Kanto", ["ja"], { is_executive: true }),
  person("S2", "Mei Kato", 10, "IT", "Kansai", ["ja"]),
  person("S3", "Sora Ueno", 11, "Sales", "Kanto", ["ja"]),
  person("S4", "Kenji Sato", 9, "Marketing", "Kansai", ["ja"]),
  person("S5", "Emi Hayashi", 8, "IT", "Kanto", ["ja"]),
  person("S6", "Tom Baker", 13, "Finance", "Kansai", ["en"]),
  person("S7", "Lisa Grant", 9, "Sales", "Kansai", ["en"]),
];
const TEACH = { M1: "TikTok, Python", M2: "Instagram", M3: "Excel", M4: "Slack, Notion", M5: "ChatGPT" };
const LEARN = { S1: "python", S2: "Excel, TikTok", S3: "instagram", S4: "notion", S5: "chatgpt", S6: "slack", S7: "tiktok" };
const APPLICANTS = PEOPLE.map((p) => ({
  email: p.email,
  role: p.external_id.startsWith("M") ? "mentor" : "mentee",
  teach: TEACH[p.external_id] ?? "",
  learn: LEARN[p.external_id] ?? "",
}));
const NAMES = PEOPLE.map((p) => p.name);

/** The proposals shown: pseudonyms, the job attributes of both sides, names once revealed, and whether a lock kept them. */
async function proposalsShown(page) {
  const cards = page.getByTestId("proposals").locator('[data-testid^="proposal-"]');
  const shown = [];
  for (const card of await cards.all()) {
    const people = card.locator('[data-testid^="person-"]');
    const [mentor, mentee] = await people.getByTestId("pseudonym").allInnerTexts();
    shown.push({
      card,
      mentor,
      mentee,
      profile: (await people.getByTestId("facts").allInnerTexts()).join(" | "),
      names: await people.getByTestId("revealed-name").allInnerTexts(),
      locked: (await card.getByTestId("locked").count()) > 0,
    });
  }
  return shown;
}

/** Nothing on the page names anyone: blind review shows pseudonyms and job attributes only. */
async function noNames(page) {
  const text = await page.getByRole("main").innerText();
  for (const name of NAMES) assert.ok(!text.includes(name), `blind review shows ${name}`);
  assert.ok(!text.includes("@kumo.example"), "blind review shows an email address");
}

test("a program manager runs matching in blind review, locks and forbids pairs that the next run keeps, reveals names after a warning, and reads the fairness report", async () => {
  const journey = await startJourney("k-matching");
  /** A full-page screenshot taken from the top, where the console's fixed header belongs. */
  const shot = async (p, label) => {
    await p.evaluate(() => window.scrollTo(0, 0));
    await journey.shot(p, label);
  };
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner);

    // Twelve accepted applicants, set up through the API as participants and HR would.
    const token = await accessToken(owner);
    const programId = await programWithApplicants({ token, outboxDir, people: PEOPLE, applicants: APPLICANTS });

    // The program page has a Matching tab once recruiting has started.
    await page.goto(`/programs/${programId}`);
    await visible(page.getByTestId("program-state").getByText(L.programs.states.recruiting));
    await page.getByRole("tab", { name: L.programs.tabs.matching }).click();
    await visible(page.getByRole("heading", { name: L.matching.settings.title }));
    assert.equal(new URL(page.url()).search, "?tab=matching");
    await visible(page.getByText(L.matching.noRunsYet));

    // Each mode says what it optimises; the weights start from the reverse preset and come back to it.
    const hint = page.getByTestId("mode-hint");
    assert.equal(await hint.innerText(), L.matching.modeHints.most_pairs);
    await page.getByText(L.matching.modes.best_total, { exact: true }).click();
    assert.equal(await hint.innerText(), L.matching.modeHints.best_total);
    await page.getByText(L.matching.modes.most_pairs, { exact: true }).click();
    const skills = page.getByTestId("weight-skills-value");
    assert.equal(await skills.innerText(), "5");
    const reset = page.getByRole("button", { name: L.matching.settings.resetToPreset });
    assert.ok(await reset.isDisabled(), "nothing to reset while the weights are the preset's");
    await page.getByRole("slider", { name: fill(L.matching.settings.weightOf, { criterion: L.matching.criteria.skills }) }).focus();
    await page.keyboard.press("ArrowRight");
    assert.equal(await skills.innerText(), "6");
    await shot(page, "settings-changed");
    await reset.click();
    assert.equal(await skills.innerText(), "5");

    // The run is a job: while the console waits for it, a progress bar says what it is doing.
    const runAddress = /\/api\/v1\/matching-runs\/[0-9a-f-]{36}$/;
    await page.route(runAddress, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue().catch(() => {});
    });
    await page.getByRole("button", { name: L.matching.settings.run }).click();
    const progress = await visible(page.getByTestId("run-progress"));
    await visible(progress.getByText(L.matching.stateHints.queued));
    assert.equal(await progress.getByRole("progressbar", { name: L.matching.run.progressLabel }).getAttribute("aria-valuenow"), "0");
    await shot(page, "run-progress");
    await page.unroute(runAddress);
    const proven = await visible(page.getByTestId("proven-optimal"));
    assert.equal(await page.getByTestId("run-progress").count(), 0, "the progress bar is gone once the run is done");
    await visible(page.getByTestId("run").getByTestId("run-state").getByText(L.matching.states.done));
    await visible(page.getByTestId("runs").getByTestId("run-state").getByText(L.matching.states.done));
    assert.ok(await page.getByRole("button", { name: L.matching.settings.run }).isEnabled(), "another run may start");
    assert.equal(await page.getByTestId("run-pairs-value").innerText(), "5");
    assert.equal(await page.getByTestId("run-unmatched-value").innerText(), "2");
    assert.notEqual(await page.getByTestId("run-barred-value").innerText(), "0", "Kai and his manager are kept apart");
    await proven.hover();
    await visible(page.getByRole("tooltip").getByText(L.matching.run.provenOptimalHint));
    await shot(page, "first-run");

    // Blind review: pseudonyms and job attributes, the score and why; the breakdown on demand.
    await noNames(page);
    const first = await proposalsShown(page);
    assert.equal(first.length, 5);
    for (const p of first) assert.match(`${p.mentor} ${p.mentee}`, /^P-\d{3} P-\d{3}$/);
    assert.ok(!first.some((p) => p.profile.includes("IT · Kanto | Levels 10–12 · IT · Kansai")), "Kai is never paired with Mei, his manager");
    const explanations = (await page.getByTestId("proposals").getByTestId("explanation").allInnerTexts()).join(" ").toLowerCase();
    assert.ok(explanations.includes(serverWords(L).canTeach), explanations);
    const [forbidden, locked] = first;
    await forbidden.card.getByRole("button", { name: L.matching.proposals.breakdown }).click();
    const breakdown = await visible(forbidden.card.getByTestId("breakdown"));
    assert.equal(await breakdown.locator('[data-testid^="part-"]').count(), 8, "every criterion has its bar");
    assert.equal(await breakdown.getByRole("progressbar").count(), 8);
    await visible(breakdown.getByTestId("part-skills").getByText(L.matching.criteria.skills));
    await shot(page, "breakdown");

    // Tom and Lisa share no language with any mentor, and the region they are from is flagged.
    const unmatched = page.getByTestId("unmatched");
    assert.equal(await unmatched.getByText(L.matching.leftOut.no_allowed_partner).count(), 2);
    assert.equal(await unmatched.getByText(serverWords(L).noCommonLanguage).count(), 2);
    const kansai = page.getByTestId("fairness-region").getByTestId("group-Kansai");
    assert.equal(await kansai.getAttribute("data-flagged"), "true");
    assert.equal(await page.getByTestId("fairness-region").getByTestId("group-Kanto").getAttribute("data-flagged"), "false");
    const flag = await visible(page.getByTestId("fairness-region").getByTestId("fairness-flag"));
    assert.equal(
      (await flag.innerText()).trim(),
      fill(L.matching.fairness.flag, { attribute: L.matching.fairness.attributes.region, group: "Kansai", rate: "67%", bestRate: "100%", best: "Kanto", ratio: "0.67" }),
    );
    // The chart draws Kansai's bar in red, short of the line at four-fifths of Kanto's rate, and says so.
    const chart = page.getByTestId("fairness-region").getByTestId("fairness-chart");
    assert.equal(
      (await chart.getByTestId("fairness-chart-flagged").innerText()).trim(),
      fill(L.matching.fairness.chartFlagged_one, { line: "80%", groups: "Kansai" }),
    );
    assert.ok((await chart.getByRole("img").getAttribute("aria-label"))?.includes(fill(L.matching.fairness.chartBarFlagged, { group: "Kansai", rate: "67%" })));
    await visible(page.getByTestId("executives").getByText(fill(L.matching.fairness.executiveApplicants_one, { shown: "1" })));
    await shot(page, "unmatched-and-fairness");

    // The best pair is forbidden and the next one locked, for every later run.
    const pair = (p) => ({ mentor: p.mentor, mentee: p.mentee });
    await forbidden.card.getByRole("button", { name: fill(L.matching.proposals.forbidPair, pair(forbidden)) }).click();
    await visible(page.getByText(fill(L.matching.proposals.done.forbid, pair(forbidden))));
    await visible(forbidden.card.getByTestId("forbidden-next"));
    await locked.card.getByRole("button", { name: fill(L.matching.proposals.lockPair, pair(locked)) }).click();
    await visible(page.getByText(fill(L.matching.proposals.done.lock, pair(locked))));
    await visible(locked.card.getByTestId("locked-next"));
    const edits = page.getByTestId("edits");
    await visible(edits.getByTestId("edit-forbid").getByText(fill(L.matching.edits.pair, pair(forbidden))));
    await visible(edits.getByTestId("edit-lock").getByText(fill(L.matching.edits.pair, pair(locked))));
    await shot(page, "locked-and-forbidden");
    // The two confirmations are closed, so that the next screenshots show the list beneath them.
    for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click();

    // The next run keeps the lock, and the forbidden pair is gone. Pseudonyms are drawn anew
    // for each run, so the pairs are recognised by their job attributes, which are unique here.
    await page.getByRole("button", { name: L.matching.settings.run }).click();
    await visible(page.getByTestId("proposals").getByTestId("locked"));
    await visible(page.getByTestId("run").getByTestId("run-state").getByText(L.matching.states.done));
    assert.equal(await page.getByTestId("runs").getByTestId("run-item").count(), 2);
    const second = await proposalsShown(page);
    assert.equal(second.length, 5);
    const keptLock = second.find((p) => p.profile === locked.profile);
    assert.ok(keptLock?.locked, `the locked pair (${locked.profile}) is proposed again, marked locked`);
    assert.ok(!second.some((p) => p.profile === forbidden.profile), `the forbidden pair (${forbidden.profile}) is gone`);
    assert.equal(second.filter((p) => p.locked).length, 1);
    await noNames(page);
    await shot(page, "second-run");

    // Revealing names says first that it is audited, with whose name; then names sit beside the pseudonyms.
    await page.getByRole("button", { name: L.matching.reveal.open }).click();
    const dialog = await visible(page.getByTestId("reveal-dialog"));
    assert.equal((await dialog.getByTestId("reveal-audited").innerText()).trim(), fill(L.matching.reveal.audited, { name: owner.name }));
    await dialog.evaluate((el) => Promise.all(el.closest('[role="dialog"]')?.getAnimations({ subtree: true }).map((a) => a.finished) ?? []));
    await shot(page, "reveal-confirm");
    await s.inDialog(page, L.matching.reveal.confirm);
    await visible(page.getByTestId("names-shown"));
    const revealed = await proposalsShown(page);
    for (const p of revealed) assert.equal(p.names.length, 2, `${p.mentor} and ${p.mentee} are named`);
    const lockedNames = revealed.find((p) => p.locked)?.names ?? [];
    await visible(edits.getByTestId("edit-lock").getByText(lockedNames[0] ?? "?", { exact: false }));
    await visible(edits.getByTestId("edit-lock").getByText(lockedNames[1] ?? "?", { exact: false }));
    const forbiddenPair = await edits.getByTestId("edit-forbid").getByTestId("edit-pair").innerText();
    const forbiddenNames = NAMES.filter((name) => forbiddenPair.includes(name));
    assert.equal(forbiddenNames.length, 2, `the forbid names its pair: ${forbiddenPair}`);
    assert.ok(!revealed.some((p) => forbiddenNames.every((name) => p.names.includes(name))), "nobody proposed is the forbidden pair");
    const audit = await call("GET", "/api/v1/audit-events", { token });
    assert.ok(audit.items.some((e) => e.action === "matching_run.revealed"), "the reveal is in the audit log");
    await shot(page, "revealed");

    // A forbid taken back leaves the list (the dialog says what it changes first).
    await visible(edits.getByRole("button", { name: L.matching.edits.removeKind.lock }));
    await edits.getByRole("button", { name: L.matching.edits.removeKind.forbid }).click();
    await visible(page.getByRole("dialog").getByText(L.matching.edits.removeBody.forbid));
    await s.inDialog(page, L.matching.edits.remove);
    await edits.getByTestId("edit-forbid").waitFor({ state: "detached" });
    assert.equal(await edits.getByTestId("edit-lock").count(), 1);

    // In Japanese, the console's words and the server's explanations; the names stay for this page view.
    await s.switchLanguage(page, "日本語");
    await visible(page.getByRole("heading", { name: JA.matching.settings.title }));
    await visible(page.getByTestId("names-shown").getByText(JA.matching.reveal.shown));
    await page.waitForFunction(
      (words) => [...document.querySelectorAll('[data-testid="explanation"]')].some((el) => el.textContent?.includes(words)),
      serverWords(JA).canTeach,
    );
    await visible(page.getByTestId("unmatched").getByText(serverWords(JA).noCommonLanguage).first());
    await shot(page, "revealed-ja");

    // On a phone, everything fits the width.
    await page.setViewportSize(PHONE);
    await page.getByRole("tab", { name: JA.programs.tabs.matching }).scrollIntoViewIfNeeded();
    const overflow = await overflowOnceSettled(page);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await shot(page, "phone-ja");

    // A viewer reads the runs in blind review, but can neither run, lock, forbid, reveal nor remove.
    await call("POST", "/api/v1/team/invitations", { token, body: { email: viewer.email, role: "viewer" }, status: 201 });
    const invitation = await invitationEmail(outboxDir, viewer.email);
    const invitationToken = new URL(invitation.link).searchParams.get("token");
    await call("POST", "/api/v1/auth/invitations/accept", {
      body: { token: invitationToken, name: viewer.name, password: viewer.password },
      status: 201,
    });
    const reader = await journey.person("viewer");
    await reader.goto("/login");
    await s.logIn(reader, viewer);
    await visible(s.heading(reader, fill(L.home.title, { name: viewer.name })));
    await reader.goto(`/programs/${programId}?tab=matching`);
    await visible(reader.getByTestId("proposals").getByTestId("locked"));
    await noNames(reader);
    const shownToViewer = await proposalsShown(reader);
    assert.equal(shownToViewer.length, 5);
    const writes = [
      L.matching.settings.run,
      L.matching.reveal.open,
      L.matching.edits.removeKind.lock,
      ...shownToViewer.flatMap((p) => [fill(L.matching.proposals.lockPair, pair(p)), fill(L.matching.proposals.forbidPair, pair(p))]),
    ];
    for (const name of writes) {
      assert.equal(await reader.getByRole("main").getByRole("button", { name, exact: true }).count(), 0, `a viewer sees no "${name}"`);
    }
    assert.equal(await reader.getByTestId("matching-settings").count(), 0);
    // The viewer reads the remaining lock by the pseudonyms of the run shown, as the manager did.
    const lockedForViewer = shownToViewer.find((p) => p.locked);
    await visible(reader.getByTestId("edits").getByTestId("edit-lock").getByText(fill(L.matching.edits.pair, pair(lockedForViewer))));
    await shot(reader, "viewer");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
