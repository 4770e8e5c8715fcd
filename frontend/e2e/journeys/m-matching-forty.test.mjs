import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, outboxDir, PHONE, startJourney } from "../support/browser.mjs";
import { fill, steps, visible } from "../support/flows.mjs";
import { accessToken, call, programWithApplicants } from "../support/matching.mjs";
import { emailSaying, outboxFiles } from "../support/outbox.mjs";

const en = steps(catalogues.en);
const DEPARTMENTS = ["Marketing", "Sales", "IT", "HR", "Finance"];
const TOPICS = ["TikTok", "Python", "Excel", "Instagram", "Notion", "ChatGPT", "Slack", "Canva", "Figma", "SQL"];
const MENTOR_NAMES = [
  "Aoi Mori", "Ren Ito", "Kai Sato", "Yuna Abe", "Riku Ono", "Hina Kudo", "Sota Endo", "Mio Ikeda", "Yuto Baba", "Rin Noda",
  "Haru Oda", "Koharu Sano", "Minato Ueda", "Akari Hara", "Itsuki Kubo", "Sana Ochi", "Daiki Mizuno", "Nene Shiba", "Taiga Hoshi", "Ema Kono",
];
const MENTEE_NAMES = [
  "Hiro Tanaka", "Mei Kato", "Sora Ueno", "Kenji Sato", "Emi Hayashi", "Taro Kimura", "Yoko Fujita", "Jun Ogawa", "Mari Goto", "Shin Mori",
  "Keiko Aoki", "Masa Inoue", "Nao Saito", "Yumi Maeda", "Goro Kondo", "Tom Baker", "Lisa Grant", "Owen Price", "Ruth Hale", "Dean Moss",
];
const PARTNER_FOUND = { en: "as soon as a partner is found", ja: "相手が見つかりしだいご連絡します" };
const WHY = { en: "Why you were matched:", ja: "組み合わせの理由:" };
const ENDED = { en: "has ended", ja: "ペアは終了しました" };

/**
 * Forty accepted applicants: twenty junior mentors (levels 1–4, ten in Kanto, ten in Kansai)
 * and twenty senior mentees (levels 8–13). Six mentees are from Tohoku, and five of them speak
 * only English, which no mentor does: they cannot be paired, so Tohoku's match rate (1 of 6)
 * falls far below four-fifths of the best region's. Every other person reads their email in
 * Japanese or English, in turn.
 */
function directory(run, domain, lang) {
  const person = (id, name, fields) => ({
    external_id: id,
    name,
    email: `${id.toLowerCase()}.${run}@${domain}`,
    ...fields,
  });
  const mentors = MENTOR_NAMES.map((name, i) =>
    person(`M${String(i + 1).padStart(2, "0")}`, name, {
      job_level: 1 + (i % 4),
      department: DEPARTMENTS[i % 5],
      region: i < 10 ? "Kanto" : "Kansai",
      languages: ["ja"],
      preferred_locale: i % 2 === 0 ? "ja" : "en",
      // Every mentor knows Excel, so it is the company's most common skill.
      skills: ["Excel", TOPICS[(i + 1) % 10]],
    }),
  );
  const mentees = MENTEE_NAMES.map((name, i) => {
    const tohoku = i >= 14;
    const englishOnly = i >= 15;
    return person(`S${String(i + 1).padStart(2, "0")}`, name, {
      job_level: 8 + (i % 6),
      department: DEPARTMENTS[(i + 2) % 5],
      region: tohoku ? "Tohoku" : i < 7 ? "Kanto" : "Kansai",
      languages: englishOnly ? ["en"] : ["ja"],
      preferred_locale: englishOnly || i % 2 === 1 ? "en" : "ja",
    });
  });
  const people = [...mentors, ...mentees];
  const applicants = people.map((p, i) => {
    const mentor = p.external_id.startsWith("M");
    return {
      email: p.email,
      role: mentor ? "mentor" : "mentee",
      teach: mentor ? `${TOPICS[i % 10]}, ${TOPICS[(i + 3) % 10]}` : "",
      learn: mentor ? "" : TOPICS[(i * 7) % 10].toLowerCase(),
    };
  });
  // One mentee who reads the console's language applies through the form on their phone.
  const browser = applicants.find((a) => a.role === "mentee" && people.find((p) => p.email === a.email)?.preferred_locale === lang);
  browser.inBrowser = true;
  return { people, applicants, mentors, mentees, browser };
}

/** The proposals shown: their card, and the two pseudonyms. */
async function proposalsShown(page) {
  const shown = [];
  for (const card of await page.getByTestId("proposals").locator('[data-testid^="proposal-"]').all()) {
    const [mentor, mentee] = await card.locator('[data-testid^="person-"]').getByTestId("pseudonym").allInnerTexts();
    shown.push({ card, mentor, mentee, locked: (await card.getByTestId("locked").count()) > 0 });
  }
  return shown;
}

/** The people behind a run's pseudonyms, read by the journey (the page stays blind). */
async function whoIs(token, runId) {
  // The run shown as done may be the one before while the list catches up: wait for this one.
  const deadline = Date.now() + 60_000;
  while ((await call("GET", `/api/v1/matching-runs/${runId}`, { token })).state !== "done") {
    assert.ok(Date.now() < deadline, `run ${runId} is not done`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const people = await call("POST", `/api/v1/matching-runs/${runId}/reveal`, { token });
  return {
    person: new Map(people.map((p) => [p.pseudonym, p.person_id])),
    pseudonym: new Map(people.map((p) => [p.person_id, p.pseudonym])),
    email: new Map(people.map((p) => [p.pseudonym, p.email])),
  };
}

/** The newest runs of a program, newest first. */
async function runsOf(token, programId) {
  return (await call("GET", `/api/v1/programs/${programId}/matching-runs`, { token })).items;
}

/** A count's phrase of catalogue `L` ("1 pair", "15 pairs"); Japanese has one form. */
function counted(L, key, n) {
  const forms = L.matching.publish;
  return fill(n === 1 && forms[`${key}_one`] && L === catalogues.en ? forms[`${key}_one`] : forms[`${key}_other`], { shown: String(n) });
}

/** The confirmation's plan in catalogue `L`, for a dry run's numbers. */
function planSentence(L, { pairs, introductions, waitlisted }) {
  return fill(waitlisted > 0 ? L.matching.publish.plan : L.matching.publish.planNobodyWaits, {
    pairs: counted(L, "pairs", pairs),
    introductions: counted(L, "introductions", introductions),
    waiting: counted(L, "people", waitlisted),
  });
}

/**
 * A program manager matches forty applicants in blind review (one applied through the form on a
 * phone), locks one pair and forbids another, runs again, swaps two proposals' mentees, removes a
 * pair and makes one by hand, reads the fairness flag on a skewed region in the chart and the
 * table, publishes after a confirmation in a dry run's numbers, and every introduction goes out
 * in its reader's language; then a pair ends and a new run pairs the mentee it freed. `lang` is
 * the console's.
 */
function matchingForty(lang) {
  return async () => {
    const L = catalogues[lang];
    const s = steps(L);
    const run = `${lang}${Date.now().toString(36)}`;
    const domain = lang === "ja" ? "yuki.example" : "nami.example";
    const owner =
      lang === "ja"
        ? { company: "雪国ロジスティクス", name: "高橋 由紀", email: `yuki.${run}@${domain}`, password: "長いパスフレーズです34" }
        : { company: "Nami Retail", name: "Kaori Nishi", email: `kaori.${run}@${domain}`, password: "a long passphrase" };
    const { people, applicants, mentors, mentees, browser } = directory(run, domain, lang);
    const names = people.map((p) => p.name);
    const journey = await startJourney(`m-matching-forty-${lang}`);
    const shot = async (p, label) => {
      await p.evaluate(() => window.scrollTo(0, 0));
      await journey.shot(p, label);
    };
    /** Nothing on the page names anyone: blind review shows pseudonyms and job attributes only. */
    const noNames = async (page) => {
      const text = await page.getByRole("main").innerText();
      for (const name of names) assert.ok(!text.includes(name), `blind review shows ${name}`);
      assert.ok(!text.includes(`@${domain}`), "blind review shows an email address");
    };
    try {
      const page = await journey.person("owner");
      if (lang === "ja") {
        await page.goto("/signup");
        await en.switchLanguage(page, "日本語");
        await s.fillSignUp(page, owner);
      } else {
        await s.signUp(page, owner);
      }
      await s.submitSignUp(page, owner);
      const token = await accessToken(owner);
      // One mentee applies on their phone: the form offers the company's skills (the most common
      // first) and takes one typed, and two wishes by work email.
      const [firstMentor, secondMentor] = mentors;
      const applyInBrowser = async (applicant, link) => {
        const phone = await journey.person("applicant", { viewport: PHONE, locale: lang === "ja" ? "ja-JP" : "en-US" });
        await phone.goto(link);
        await visible(phone.getByTestId("apply-campaign"));
        await phone.getByRole("combobox", { name: L.apply.fields.role_wanted, exact: true }).click();
        await phone.getByRole("option", { name: L.apply.roles.mentee, exact: true }).click();
        const learn = phone.getByRole("combobox", { name: L.apply.fields.wants_to_learn, exact: true });
        await learn.click();
        await visible(phone.getByRole("option"));
        assert.equal(await phone.getByRole("option").first().innerText(), "Excel", "the most common skill is offered first");
        await learn.fill("pyth");
        await phone.getByRole("option", { name: "Python", exact: true }).click();
        await learn.fill("Budgeting");
        await phone.keyboard.press("Enter");
        await phone.getByRole("combobox", { name: L.apply.fields.would_like, exact: true }).fill(firstMentor.email);
        await phone.keyboard.press("Enter");
        await phone.getByRole("combobox", { name: L.apply.fields.rather_not, exact: true }).fill(secondMentor.email);
        await phone.keyboard.press("Enter");
        await phone.getByLabel(L.apply.fields.consent).check();
        await journey.shot(phone, "apply-with-skills-and-wishes");
        await phone.getByRole("button", { name: L.apply.submit }).click();
        await visible(phone.getByTestId("apply-received"));
      };
      const programId = await programWithApplicants({ token, outboxDir, people, applicants, locale: lang, applyInBrowser });
      const [campaign] = await call("GET", `/api/v1/programs/${programId}/campaigns`, { token });
      const applications = (await call("GET", `/api/v1/campaigns/${campaign.id}/applications?limit=100`, { token })).items;
      const sent = applications.find((a) => a.person_email === browser.email)?.form;
      assert.equal(sent?.wants_to_learn, "Python, Budgeting");
      assert.deepEqual([sent?.would_like, sent?.rather_not], [[firstMentor.email], [secondMentor.email]]);

      // A first run in blind review: fifteen pairs; the five who speak only English wait, with
      // five mentors more than there are mentees to pair.
      await page.goto(`/programs/${programId}?tab=matching`);
      await visible(page.getByRole("heading", { name: L.matching.settings.title }));
      const runButton = page.getByRole("button", { name: L.matching.settings.run });
      await runButton.click();
      await visible(page.getByTestId("run").getByTestId("run-state").getByText(L.matching.states.done));
      await visible(page.getByTestId("proven-optimal"));
      assert.equal(await page.getByTestId("run-pairs-value").innerText(), "15");
      assert.equal(await page.getByTestId("run-unmatched-value").innerText(), "10");
      await page.getByTestId("proposals").locator('[data-testid^="proposal-"]').nth(14).waitFor();
      await noNames(page);
      const first = await proposalsShown(page);
      assert.equal(first.length, 15);
      await shot(page, "first-run");

      // Tohoku is flagged: its bar is red and named under the chart, its row marked in the table.
      const region = page.getByTestId("fairness-region");
      const tohoku = region.getByTestId("group-Tohoku");
      assert.equal(await tohoku.getAttribute("data-flagged"), "true");
      await visible(tohoku.getByText(L.matching.fairness.belowFourFifths));
      const chart = region.getByTestId("fairness-chart");
      const flaggedText = await chart.getByTestId("fairness-chart-flagged").innerText();
      assert.ok(flaggedText.includes("Tohoku"), flaggedText);
      const description = (await chart.getByRole("img").getAttribute("aria-label")) ?? "";
      assert.ok(description.includes(fill(L.matching.fairness.chartBarFlagged, { group: "Tohoku", rate: "17%" })), description);
      await visible(region.getByTestId("fairness-flag").filter({ hasText: "Tohoku" }));
      await shot(page, "fairness-tohoku");

      // The first proposal is locked and the second forbidden, for every later run.
      const [locked, forbidden] = first;
      const pair = (p) => ({ mentor: p.mentor, mentee: p.mentee });
      await locked.card.getByRole("button", { name: fill(L.matching.proposals.lockPair, pair(locked)) }).click();
      await visible(locked.card.getByTestId("locked-next"));
      await forbidden.card.getByRole("button", { name: fill(L.matching.proposals.forbidPair, pair(forbidden)) }).click();
      await visible(forbidden.card.getByTestId("forbidden-next"));
      const edits = page.getByTestId("edits");
      await visible(edits.getByTestId("edit-lock").getByText(fill(L.matching.edits.pair, pair(locked))));
      await visible(edits.getByTestId("edit-forbid").getByText(fill(L.matching.edits.pair, pair(forbidden))));
      for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click();

      // The next run keeps the lock and leaves the forbidden pair out. Pseudonyms are drawn anew
      // for each run, so the journey looks the people up behind them (the page stays blind).
      await runButton.click();
      await page.getByTestId("runs").getByTestId("run-item").nth(1).waitFor();
      await visible(page.getByTestId("run").getByTestId("run-state").getByText(L.matching.states.done));
      await visible(page.getByTestId("proposals").getByTestId("locked"));
      const [secondRun, firstRun] = (await call("GET", `/api/v1/programs/${programId}/matching-runs`, { token })).items;
      const before = await whoIs(token, firstRun.id);
      const after = await whoIs(token, secondRun.id);
      const second = await proposalsShown(page);
      assert.equal(second.length, 15);
      const again = (p) => ({
        mentor: after.pseudonym.get(before.person.get(p.mentor)),
        mentee: after.pseudonym.get(before.person.get(p.mentee)),
      });
      const kept = second.find((p) => p.mentor === again(locked).mentor && p.mentee === again(locked).mentee);
      assert.ok(kept?.locked, `the locked pair is proposed again as ${JSON.stringify(again(locked))}, marked locked`);
      assert.equal(second.filter((p) => p.locked).length, 1);
      assert.ok(
        !second.some((p) => p.mentor === again(forbidden).mentor && p.mentee === again(forbidden).mentee),
        `the forbidden pair ${JSON.stringify(again(forbidden))} is gone`,
      );
      await noNames(page);
      // The locks and forbids are named by the pseudonyms of the run shown, and mark its proposals.
      await visible(edits.getByTestId("edit-lock").getByText(fill(L.matching.edits.pair, again(locked)), { exact: true }));
      await visible(edits.getByTestId("edit-forbid").getByText(fill(L.matching.edits.pair, again(forbidden)), { exact: true }));
      await shot(page, "second-run");

      // Two proposals swap their mentees in one step: a new run starts at once and shows its progress.
      const runAddress = /\/api\/v1\/matching-runs\/[0-9a-f-]{36}$/;
      const isBrowser = (who, p) => who.email.get(p.mentee) === browser.email;
      const [a, b] = second.filter((p) => !p.locked && !isBrowser(after, p));
      await a.card.getByRole("button", { name: fill(L.matching.changes.swapOf.mentee, pair(a)) }).click();
      await page.getByTestId("swap-menu").getByRole("menuitem", { name: fill(L.matching.changes.pair, pair(b)) }).click();
      const swapDialog = await visible(page.getByTestId("change-dialog"));
      assert.deepEqual(await swapDialog.getByTestId("swap-result").getByRole("listitem").allInnerTexts(), [
        fill(L.matching.changes.pair, { mentor: a.mentor, mentee: b.mentee }),
        fill(L.matching.changes.pair, { mentor: b.mentor, mentee: a.mentee }),
      ]);
      await swapDialog.evaluate((el) => Promise.all(el.closest('[role="dialog"]')?.getAnimations({ subtree: true }).map((x) => x.finished) ?? []));
      await shot(page, "swap-confirm");
      await page.route(runAddress, async (route) => {
        await new Promise((r) => setTimeout(r, 1500));
        await route.continue().catch(() => {});
      });
      await s.inDialog(page, L.matching.changes.swapConfirm);
      const progress = await visible(page.getByTestId("run-progress"));
      assert.equal(await progress.getByRole("progressbar", { name: L.matching.run.progressLabel }).getAttribute("aria-valuenow"), "0");
      await page.unroute(runAddress);
      await page.getByTestId("runs").getByTestId("run-item").nth(2).waitFor();
      await visible(page.getByTestId("run").getByTestId("run-state").getByText(L.matching.states.done));
      const [thirdRun] = await runsOf(token, programId);
      const third = await whoIs(token, thirdRun.id);
      const inThird = (mentor, mentee) => ({
        mentor: third.pseudonym.get(after.person.get(mentor)),
        mentee: third.pseudonym.get(after.person.get(mentee)),
      });
      await page.getByTestId("proposals").locator('[data-testid^="proposal-"]').nth(14).waitFor();
      const thirdShown = await proposalsShown(page);
      for (const made of [inThird(a.mentor, b.mentee), inThird(b.mentor, a.mentee)]) {
        const shown = thirdShown.find((p) => p.mentor === made.mentor && p.mentee === made.mentee);
        assert.ok(shown?.locked, `the swapped pair ${JSON.stringify(made)} is proposed, locked`);
      }
      assert.equal(thirdShown.filter((p) => p.locked).length, 3);
      await noNames(page);
      await shot(page, "swapped");

      // A pair is removed: the next run does not make it.
      const c = thirdShown.find((p) => !p.locked);
      await c.card.getByRole("button", { name: fill(L.matching.changes.removePair, pair(c)) }).click();
      await visible(page.getByTestId("change-dialog").getByText(fill(L.matching.changes.removeBody, pair(c))));
      await s.inDialog(page, L.matching.changes.removeConfirm);
      await page.getByTestId("runs").getByTestId("run-item").nth(3).waitFor();
      await visible(page.getByTestId("run").getByTestId("run-state").getByText(L.matching.states.done));
      const [fourthRun] = await runsOf(token, programId);
      const fourth = await whoIs(token, fourthRun.id);
      await page.getByTestId("proposals").locator('[data-testid^="proposal-"]').nth(14).waitFor();
      const fourthShown = await proposalsShown(page);
      const removed = { mentor: fourth.pseudonym.get(third.person.get(c.mentor)), mentee: fourth.pseudonym.get(third.person.get(c.mentee)) };
      assert.ok(!fourthShown.some((p) => p.mentor === removed.mentor && p.mentee === removed.mentee), `the removed pair ${JSON.stringify(removed)} is gone`);

      // A pair made by hand: a mentor the run left without a pair, with a proposed mentee.
      const unmatchedMentor = (await call("GET", `/api/v1/matching-runs/${fourthRun.id}/unmatched`, { token })).find((u) => u.person.role === "mentor");
      const x = unmatchedMentor.person.pseudonym;
      const y = fourthShown.find((p) => !p.locked && !isBrowser(fourth, p)).mentee;
      const byHand = page.getByTestId("manual-pair");
      await byHand.getByRole("combobox", { name: L.matching.changes.side.mentor, exact: true }).fill(x);
      await page.getByRole("option", { name: new RegExp(`^${x} · `) }).click();
      await byHand.getByRole("combobox", { name: L.matching.changes.side.mentee, exact: true }).fill(y);
      await page.getByRole("option", { name: new RegExp(`^${y} · `) }).click();
      await byHand.getByRole("button", { name: L.matching.changes.make }).click();
      await visible(page.getByTestId("change-dialog").getByTestId("make-pair").getByText(fill(L.matching.changes.makeBody, { mentor: x, mentee: y })));
      await shot(page, "pair-by-hand");
      await s.inDialog(page, L.matching.changes.makeConfirm);
      await page.getByTestId("runs").getByTestId("run-item").nth(4).waitFor();
      await visible(page.getByTestId("run").getByTestId("run-state").getByText(L.matching.states.done));
      const [fifthRun] = await runsOf(token, programId);
      const fifth = await whoIs(token, fifthRun.id);
      await page.getByTestId("proposals").locator('[data-testid^="proposal-"]').nth(14).waitFor();
      const fifthShown = await proposalsShown(page);
      const madeByHand = { mentor: fifth.pseudonym.get(fourth.person.get(x)), mentee: fifth.pseudonym.get(fourth.person.get(y)) };
      assert.ok(
        fifthShown.find((p) => p.mentor === madeByHand.mentor && p.mentee === madeByHand.mentee)?.locked,
        `the pair made by hand ${JSON.stringify(madeByHand)} is proposed, locked`,
      );
      // Four locks (the first, the swap's two, the one by hand) and four forbids (the first, the
      // swap's two, the removed pair), each named by this run's pseudonyms.
      assert.equal(await edits.getByTestId("edit-lock").count(), 4);
      assert.equal(await edits.getByTestId("edit-forbid").count(), 4);
      assert.equal(await edits.locator('[data-testid="edit-pair"][data-in-run="true"]').count(), 8);
      await visible(edits.getByTestId("edit-lock").getByText(fill(L.matching.edits.pair, madeByHand), { exact: true }));
      assert.equal(fifthShown.filter((p) => p.locked).length, 4);
      await noNames(page);
      await shot(page, "made-by-hand");

      // The program moves to matching, and the second run is published after its confirmation.
      await page.getByRole("button", { name: L.programs.moveTo.matching, exact: true }).click();
      await visible(page.getByTestId("transition-closes"));
      await s.inDialog(page, L.programs.moveTo.matching);
      await visible(page.getByTestId("program-state").getByText(L.programs.states.matching));
      for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click();
      await page.getByRole("button", { name: L.matching.publish.open }).click();
      // The confirmation says exactly what publishing does: the numbers of a dry run.
      const dialog = await visible(page.getByTestId("publish-dialog"));
      const dry = await call("POST", `/api/v1/matching-runs/${fifthRun.id}/publish?dry_run=true`, { token });
      assert.deepEqual(dry, { pairs: 15, introductions: 30, waitlisted: 10, skipped: 0, program_state: "active" });
      assert.equal((await dialog.getByTestId("publish-plan").innerText()).trim(), planSentence(L, dry));
      await dialog.evaluate((el) => Promise.all(el.closest('[role="dialog"]')?.getAnimations({ subtree: true }).map((a) => a.finished) ?? []));
      await shot(page, "publish-confirm");
      await s.inDialog(page, L.matching.publish.confirm);
      await visible(
        page.getByTestId("publish-result").getByText(
          fill(L.matching.publish.result, { pairs: counted(L, "pairs", 15), introductions: counted(L, "introductions", 30), waiting: counted(L, "people", 10) }),
        ),
      );
      await page.getByTestId("pairs").getByTestId("pair").nth(14).waitFor();
      await shot(page, "published");

      // Every introduction is in its reader's language, and so is the email of one who waits.
      const pairs = (await call("GET", `/api/v1/programs/${programId}/pairs?limit=100`, { token })).items;
      assert.equal(pairs.length, 15);
      const byName = new Map(people.map((p) => [p.name, p]));
      const locales = new Set();
      for (const p of pairs) {
        for (const member of [p.mentor, p.mentee]) {
          const reader = byName.get(member.name);
          assert.ok(reader, `${member.name} is one of the applicants`);
          const partner = member === p.mentor ? p.mentee : p.mentor;
          const mail = await emailSaying(outboxDir, reader.email, WHY[reader.preferred_locale]);
          assert.ok(mail.text.includes(partner.name), `${reader.name}'s introduction names ${partner.name}`);
          locales.add(reader.preferred_locale);
        }
      }
      assert.deepEqual([...locales].sort(), ["en", "ja"], "introductions went out in both languages");
      const waiting = mentees.find((p) => p.languages.includes("en"));
      await emailSaying(outboxDir, waiting.email, PARTNER_FOUND[waiting.preferred_locale]);
      const japanese = pairs.map((p) => byName.get(p.mentee.name)).find((p) => p.preferred_locale === "ja");
      await s.openMail(page, japanese.email);
      assert.ok((await page.getByTestId("mail-text").innerText()).includes(WHY.ja));
      await shot(page, "introduction-ja");
      const english = pairs.map((p) => byName.get(p.mentor.name)).find((p) => p.preferred_locale === "en");
      await s.openMail(page, english.email);
      assert.ok((await page.getByTestId("mail-text").innerText()).includes(WHY.en));
      await shot(page, "introduction-en");

      // A pair ends with nobody leaving the program: both are told, each in their own language,
      // that they stay and are free for a new partner; the pair stays listed as withdrawn.
      // (A locked pair is left alone: its lock would hold it against the forbid that ending it adds.)
      const locks = (await call("GET", `/api/v1/programs/${programId}/matching-edits`, { token })).filter((e) => e.kind === "lock");
      const lockedPair = (p) => locks.some((e) => e.mentor_id === p.mentor.person_id && e.mentee_id === p.mentee.person_id);
      const mixed = pairs.find(
        (p) => !lockedPair(p) && byName.get(p.mentor.name).preferred_locale !== byName.get(p.mentee.name).preferred_locale,
      );
      const sentBefore = outboxFiles(outboxDir);
      await page.goto(`/programs/${programId}?tab=matching`);
      const card = page.getByTestId("pairs").getByTestId("pair").filter({ hasText: mixed.mentor.name });
      await card.getByRole("button", { name: fill(L.matching.withdraw.open, { first: mixed.mentor.name, second: mixed.mentee.name }) }).click();
      const withdrawing = await visible(page.getByTestId("withdraw-dialog"));
      await withdrawing.getByLabel(L.matching.withdraw.both).check();
      await visible(withdrawing.getByTestId("withdraw-effect").getByText(L.matching.withdraw.bothLeave));
      await withdrawing.getByLabel(L.matching.withdraw.reason).fill("Moved to the Osaka office");
      await withdrawing.evaluate((el) => Promise.all(el.closest('[role="dialog"]')?.getAnimations({ subtree: true }).map((x) => x.finished) ?? []));
      await shot(page, "withdraw-confirm");
      await s.inDialog(page, L.matching.withdraw.confirm);
      await visible(card.getByTestId("pair-withdrawn"));
      assert.equal(await card.getAttribute("data-state"), "withdrawn");
      await visible(page.getByTestId("rematch-hint").getByText(L.matching.withdraw.rematchHint));
      for (const member of [mixed.mentor, mixed.mentee]) {
        const reader = byName.get(member.name);
        await emailSaying(outboxDir, reader.email, ENDED[reader.preferred_locale], undefined, { except: sentBefore });
      }
      await shot(page, "withdrawn");

      // The next run pairs only the people left free: the mentee of the ended pair finds one of the
      // mentors who waited (never the same mentor again), and its confirmation has exact numbers.
      await runButton.click();
      await page.getByTestId("runs").getByTestId("run-item").nth(5).waitFor();
      await visible(page.getByTestId("run").getByTestId("run-state").getByText(L.matching.states.done));
      assert.equal(await page.getByTestId("run-pairs-value").innerText(), "1");
      const [sixthRun] = await runsOf(token, programId);
      await page.getByRole("button", { name: L.matching.publish.open }).click();
      const rematchDialog = await visible(page.getByTestId("publish-dialog"));
      const dry6 = await call("POST", `/api/v1/matching-runs/${sixthRun.id}/publish?dry_run=true`, { token });
      assert.deepEqual(dry6, { pairs: 1, introductions: 2, waitlisted: 10, skipped: 0, program_state: "active" });
      assert.equal((await rematchDialog.getByTestId("publish-plan").innerText()).trim(), planSentence(L, dry6));
      await rematchDialog.evaluate((el) => Promise.all(el.closest('[role="dialog"]')?.getAnimations({ subtree: true }).map((x) => x.finished) ?? []));
      await shot(page, "rematch-publish-confirm");
      await s.inDialog(page, L.matching.publish.confirm);
      await visible(page.getByTestId("publish-result"));
      await page.getByTestId("pairs").getByTestId("pair").nth(15).waitFor();
      const now = (await call("GET", `/api/v1/programs/${programId}/pairs?limit=100`, { token })).items;
      const rematched = now.find((p) => p.state === "active" && p.mentee.name === mixed.mentee.name);
      assert.ok(rematched && rematched.mentor.name !== mixed.mentor.name, `${mixed.mentee.name} has a new mentor`);
      await shot(page, "rematched");

      // Another pair ends with its mentor leaving the program: their application is withdrawn,
      // and the mentee, who stays, is told.
      const leaving = now.find((p) => p.state === "active" && !lockedPair(p) && p.id !== rematched.id);
      const sentBeforeLeaving = outboxFiles(outboxDir);
      const leavingCard = page.getByTestId("pairs").getByTestId("pair").filter({ hasText: leaving.mentor.name });
      await leavingCard.getByRole("button", { name: fill(L.matching.withdraw.open, { first: leaving.mentor.name, second: leaving.mentee.name }) }).click();
      const leavingDialog = await visible(page.getByTestId("withdraw-dialog"));
      await leavingDialog.getByLabel(fill(L.matching.withdraw.member, { name: leaving.mentor.name, side: L.matching.sides.mentor })).check();
      await visible(leavingDialog.getByTestId("withdraw-effect").getByText(fill(L.matching.withdraw.oneLeaves, { stays: leaving.mentee.name })));
      await s.inDialog(page, L.matching.withdraw.confirm);
      await visible(leavingCard.getByTestId("pair-withdrawn"));
      const stays = byName.get(leaving.mentee.name);
      await emailSaying(outboxDir, stays.email, ENDED[stays.preferred_locale], undefined, { except: sentBeforeLeaving });
      const afterLeaving = (await call("GET", `/api/v1/campaigns/${campaign.id}/applications?limit=100`, { token })).items;
      assert.equal(afterLeaving.find((x) => x.person_email === byName.get(leaving.mentor.name).email)?.status, "withdrawn");
    } catch (error) {
      await journey.abort();
      throw error;
    }
    await journey.finish();
  };
}

test(
  "a program manager matches forty applicants (one applied on a phone with the skills offered and two wishes) in blind review, locks and forbids, swaps, removes and makes a pair by hand, reads Tohoku's fairness flag, publishes after a dry run, each introduction in its reader's language, then ends a pair and re-matches the people it freed",
  matchingForty("en"),
);

test("the same forty-applicant matching with the console in Japanese", matchingForty("ja"));
