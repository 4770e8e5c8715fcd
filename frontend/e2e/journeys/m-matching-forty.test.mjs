import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, outboxDir, startJourney } from "../support/browser.mjs";
import { fill, steps, visible } from "../support/flows.mjs";
import { accessToken, call, programWithApplicants } from "../support/matching.mjs";
import { emailSaying } from "../support/outbox.mjs";

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

/**
 * Forty accepted applicants: twenty junior mentors (levels 1–4, ten in Kanto, ten in Kansai)
 * and twenty senior mentees (levels 8–13). Six mentees are from Tohoku, and five of them speak
 * only English, which no mentor does: they cannot be paired, so Tohoku's match rate (1 of 6)
 * falls far below four-fifths of the best region's. Every other person reads their email in
 * Japanese or English, in turn.
 */
function directory(run, domain) {
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
  return { people, applicants, mentors, mentees };
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

/** The names and addresses behind a run's pseudonyms, read by the journey (not shown on the page). */
async function whoIs(token, runId) {
  const people = await call("POST", `/api/v1/matching-runs/${runId}/reveal`, { token });
  return {
    person: new Map(people.map((p) => [p.pseudonym, p.person_id])),
    pseudonym: new Map(people.map((p) => [p.person_id, p.pseudonym])),
  };
}

/**
 * A program manager matches forty applicants in blind review, locks one pair and forbids
 * another, runs again, reads the fairness flag on a skewed region in the chart and the table,
 * publishes, and every introduction goes out in its reader's language. `lang` is the console's.
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
    const { people, applicants, mentees } = directory(run, domain);
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
      const programId = await programWithApplicants({ token, outboxDir, people, applicants, locale: lang });

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
      await shot(page, "second-run");

      // The program moves to matching, and the second run is published after its confirmation.
      await page.getByRole("button", { name: L.programs.moveTo.matching, exact: true }).click();
      await visible(page.getByTestId("transition-closes"));
      await s.inDialog(page, L.programs.moveTo.matching);
      await visible(page.getByTestId("program-state").getByText(L.programs.states.matching));
      for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click();
      await page.getByRole("button", { name: L.matching.publish.open }).click();
      const dialog = await visible(page.getByTestId("publish-dialog"));
      const counted = {
        pairs: fill(L.matching.publish.pairs_other, { shown: "15" }),
        introductions: fill(L.matching.publish.introductions_other, { shown: "30" }),
        waiting: fill(L.matching.publish.people_other, { shown: "10" }),
      };
      assert.equal((await dialog.getByTestId("publish-plan").innerText()).trim(), fill(L.matching.publish.plan, counted));
      await dialog.evaluate((el) => Promise.all(el.closest('[role="dialog"]')?.getAnimations({ subtree: true }).map((a) => a.finished) ?? []));
      await shot(page, "publish-confirm");
      await s.inDialog(page, L.matching.publish.confirm);
      await visible(page.getByTestId("publish-result").getByText(fill(L.matching.publish.result, counted)));
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
    } catch (error) {
      await journey.abort();
      throw error;
    }
    await journey.finish();
  };
}

test(
  "a program manager matches forty applicants in blind review, locks and forbids, reads Tohoku's fairness flag, publishes, and each introduction is in its reader's language",
  matchingForty("en"),
);

test("the same forty-applicant matching with the console in Japanese", matchingForty("ja"));
