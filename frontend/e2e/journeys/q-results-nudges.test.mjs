import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { catalogues, outboxDir, startJourney } from "../support/browser.mjs";
import { fill, steps, visible } from "../support/flows.mjs";
import { accessToken, activeProgramWithPairs, call } from "../support/matching.mjs";
import { emailSaying, emailWithLink, invitationEmail, outboxFiles } from "../support/outbox.mjs";
import { applicantsOf } from "../support/portal.mjs";

const L = catalogues.en;
const JA = catalogues.ja;
const s = steps(L);
const run = Date.now().toString(36);
const owner = { company: "Mizu Logistics", name: "Nao Kato", email: `nao.${run}@mizu.example`, password: "a long passphrase" };
const viewer = { name: "Kei Sano", email: `kei.${run}@mizu.example`, password: "a viewer's long passphrase" };

const person = (id, name, level, department, title, extra = {}) => ({
  external_id: id,
  name,
  email: `${id.toLowerCase()}.${run}@mizu.example`,
  job_level: level,
  department,
  title,
  region: "Kanto",
  languages: ["ja", "en"],
  time_zone: "Asia/Tokyo",
  preferred_locale: "en",
  ...extra,
});

/** Two junior mentors and two senior mentees, each pair sharing a topic. */
const PEOPLE = [
  person("M1", "Aoi Mori", 2, "Marketing", "Marketing associate"),
  person("M2", "Ren Ito", 3, "Sales", "Account executive"),
  person("S1", "Hiro Tanaka", 12, "Finance", "Chief financial officer"),
  person("S2", "Sora Ueno", 11, "Legal", "Head of legal"),
];
const APPLICANTS = applicantsOf(PEOPLE, { M1: "TikTok", M2: "Instagram" }, { S1: "tiktok", S2: "instagram" });
const tokenOf = (link) => new URL(link).searchParams.get("token");

const PROMOTIONS = "Mentees promoted within a year";
const CHECK_IN = "Pairs say it goes well";

test("the manager sets the nudge rules, reads the results with the check-in trend, enters a manual metric, downloads a CSV and prints the report, also in Japanese; home says what needs attention", async () => {
  const journey = await startJourney("q-results-nudges");
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner);
    const token = await accessToken(owner);
    const { programId, pairs } = await activeProgramWithPairs({ token, outboxDir, people: PEOPLE, applicants: APPLICANTS });
    assert.equal(pairs.length, 2, JSON.stringify(pairs));

    // Two success metrics: one the managers enter, one Tandem measures from the check-ins.
    const program = await call("GET", `/api/v1/programs/${programId}`, { token });
    const design = {
      ...program.design,
      success_metrics: [
        { name: PROMOTIONS, target: 2, unit: "people", measured_by: "HR records", source: "manual" },
        { name: CHECK_IN, target: 4, unit: "", measured_by: "", source: "check_in_score" },
      ],
    };
    await call("PUT", `/api/v1/programs/${programId}`, { token, body: design });

    // The design editor says where each metric's number comes from.
    await page.goto(`/programs/${programId}/edit`);
    const editors = page.getByTestId("metric-editor");
    await visible(editors.first());
    assert.equal(await editors.nth(0).getByRole("combobox", { name: L.programs.metric.source }).inputValue(), L.programs.metric.sources.manual);
    assert.equal(await editors.nth(1).getByRole("combobox", { name: L.programs.metric.source }).inputValue(), L.programs.metric.sources.check_in_score);
    assert.equal(await page.getByRole("textbox", { name: L.programs.metric.question }).count(), 0, "no question key unless a survey question is chosen");

    // Everyone is asked for this period's check-in; three answer.
    const before = outboxFiles(outboxDir);
    await call("POST", `/api/v1/programs/${programId}/check-ins`, { token, status: 202 });
    const scores = { M1: 4, M2: 5, S1: 3 };
    for (const [id, score] of Object.entries(scores)) {
      const who = PEOPLE.find((p) => p.external_id === id);
      const mail = await emailWithLink(outboxDir, who.email, /\/check-in\?token=[^&]+&score=1$/, 30_000, { except: before });
      await call("PUT", `/api/v1/public/check-ins/${tokenOf(mail.link)}`, { body: { score, learned: true } });
    }

    // The Nudges tab: the rules in words, the weekly cap, an empty log. "No session" after 1 day.
    await page.goto(`/programs/${programId}?tab=nudges`);
    await visible(page.getByRole("tab", { name: L.programs.tabs.nudges, selected: true }));
    await visible(page.getByTestId("nudges-cap").getByText(fill(L.nudges.settings.cap, { cap: "3" })));
    const noSession = await visible(page.getByTestId("nudge-rule-no_session"));
    await visible(noSession.getByText(L.nudges.rules.no_session, { exact: true }));
    await visible(noSession.getByText(L.nudges.ruleHints.no_session));
    await visible(page.getByTestId("nudge-rule-kickoff_tomorrow").getByText(L.nudges.settings.fixed));
    const days = page.getByRole("textbox", { name: fill(L.nudges.settings.daysOf, { rule: L.nudges.rules.no_session }) });
    assert.equal(await days.inputValue(), "21", "the default timing");
    // Left empty: the form says so beside the box and sends nothing (out of range is brought back to 1–90).
    await days.fill("");
    await page.getByRole("button", { name: L.nudges.settings.save }).click();
    await visible(noSession.getByText(L.nudges.settings.daysProblem));
    await days.fill("1");
    await page.getByRole("switch", { name: fill(L.nudges.settings.switchOf, { rule: L.nudges.rules.pair_inactive }) }).uncheck({ force: true });
    await page.getByRole("button", { name: L.nudges.settings.save }).click();
    await visible(page.getByText(L.nudges.settings.saved));
    const settings = await call("GET", `/api/v1/programs/${programId}/nudges/settings`, { token });
    const rule = (name) => settings.rules.find((r) => r.rule === name);
    assert.deepEqual([rule("no_session").days, rule("no_session").enabled, rule("pair_inactive").enabled, settings.paused], [1, true, false, false]);
    // The pairs are new and everything is answered: nothing is due, the log is empty.
    await page.reload();
    assert.equal(await days.inputValue(), "1", "the timing is kept");
    await visible(page.getByTestId("nudge-log").getByText(L.nudges.log.empty));

    // A survey for the mentees closes in two days: the scheduler nudges who has not answered
    // (this server looks every two seconds), and the log shows it.
    const closes = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const survey = await call("POST", `/api/v1/programs/${programId}/surveys`, {
      token,
      body: { kind: "mid_program", audience: "mentee", closes_on: closes },
      status: 201,
    });
    await call("POST", `/api/v1/programs/${programId}/surveys/${survey.id}/open`, { token });
    const log = page.getByTestId("nudge-log");
    const surveyDue = log.locator('[data-testid="nudge-row"][data-rule="survey_due"]');
    for (let tries = 0; tries < 30; tries++) {
      await page.waitForTimeout(1_000);
      await page.reload();
      // The log has loaded once it shows its table or says it is empty.
      await visible(log.getByTestId("nudge-log-table").or(log.getByText(L.nudges.log.empty)));
      if ((await surveyDue.count()) >= 2) break;
    }
    assert.equal(await surveyDue.count(), 2, "both mentees are nudged once");
    await visible(surveyDue.first().getByText(L.nudges.rules.survey_due));
    const hiro = PEOPLE.find((p) => p.external_id === "S1");
    const nudge = await emailSaying(outboxDir, hiro.email, "closes on", 30_000, { except: before });
    assert.match(nudge.subject, /closes on/, "the nudge says when the survey closes");
    assert.match(nudge.text, /\/survey\?token=/, "with a link straight to the survey");
    await journey.shot(page, "nudges");

    // The Results tab: the metrics first, the check-in trend with its numbers.
    await page.getByRole("tab", { name: L.programs.tabs.results }).click();
    const metrics = await visible(page.getByTestId("results-metrics"));
    const promotions = metrics.locator(`[data-testid="metric"][data-name="${PROMOTIONS}"]`);
    const checkIn = metrics.locator(`[data-testid="metric"][data-name="${CHECK_IN}"]`);
    await visible(promotions.getByTestId("metric-status").getByText(L.results.metrics.status.notMeasured));
    await visible(promotions.getByText(fill(L.results.metrics.from, { source: L.results.sources.manual })));
    await visible(checkIn.getByText(fill(L.results.metrics.from, { source: L.results.sources.check_in_score })));
    assert.equal(await checkIn.getByTestId("metric-measured").innerText(), "4");
    await visible(checkIn.getByTestId("metric-status").getByText(L.results.metrics.status.met));
    assert.equal(await checkIn.getByRole("button", { name: L.results.metrics.enter }).count(), 0, "measured by Tandem: no value to enter");
    const trend = await visible(page.getByTestId("results-check-ins"));
    await visible(trend.getByTestId("results-check-ins-chart"));
    assert.equal(await trend.getByTestId("results-check-in-average").first().innerText(), "4.0");
    await visible(page.getByTestId("funnel-accepted"));
    assert.equal(await page.getByTestId("funnel-matched").locator("td").nth(1).innerText(), "4");

    // A value for the manual metric: it is measured, against its target.
    await promotions.getByRole("button", { name: L.results.metrics.enter }).click();
    await promotions.getByRole("textbox", { name: L.results.metrics.value }).fill("3");
    await promotions.getByRole("button", { name: L.results.metrics.save }).click();
    await visible(page.getByText(fill(L.results.metrics.saved, { name: PROMOTIONS })));
    await visible(promotions.getByTestId("metric-measured").getByText("3 people"));
    await visible(promotions.getByTestId("metric-status").getByText(L.results.metrics.status.met));
    await journey.shot(page, "results");

    // A table as CSV, downloaded with the session's token.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-pairs").click()]);
    assert.match(download.suggestedFilename(), /-pairs\.csv$/);
    const csv = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
    assert.equal(csv.split(/\r?\n/)[0], "pair_id,state,mentor,mentee,formed_at,ended_at,paused_reason");
    assert.equal(csv.trim().split(/\r?\n/).length, 3, "a header and two pairs");

    // The printable report: no navigation, the purpose and metrics first, a Print button.
    await page.getByRole("link", { name: L.results.report }).click();
    await page.waitForURL((url) => url.pathname === `/programs/${programId}/report`);
    const report = await visible(page.getByTestId("results-report"));
    await visible(report.getByTestId("report-program").getByText(design.name));
    assert.equal(await page.getByRole("navigation").count(), 0, "the report has no navigation");
    const reportMetrics = await visible(report.getByTestId("report-metric").filter({ hasText: PROMOTIONS }));
    await visible(reportMetrics.getByText("3 people"));
    await visible(report.getByTestId("report-check-ins").getByText("4.0"));
    await page.evaluate(() => {
      window.print = () => {
        window.__printed = true;
      };
    });
    await page.getByRole("button", { name: L.results.printable.print }).click();
    assert.equal(await page.evaluate(() => window.__printed), true, "Print opens the browser's print dialog");
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.getByRole("button", { name: L.results.printable.print }).isVisible(), false, "no button on paper");
    await journey.shot(page, "report-print");
    await page.emulateMedia({ media: "screen" });

    // In Japanese: the Results tab and the report read in Japanese, numbers and months too.
    await page.getByRole("link", { name: L.results.printable.back }).click();
    await visible(page.getByRole("tab", { name: L.programs.tabs.results, selected: true }));
    await s.switchLanguage(page, "日本語");
    await visible(page.getByRole("tab", { name: JA.programs.tabs.results, selected: true }));
    await visible(page.getByRole("heading", { name: JA.results.metrics.title }));
    const promotionsJa = page.locator(`[data-testid="metric"][data-name="${PROMOTIONS}"]`);
    await visible(promotionsJa.getByTestId("metric-status").getByText(JA.results.metrics.status.met));
    await visible(promotionsJa.getByText(fill(JA.results.metrics.from, { source: JA.results.sources.manual })));
    await visible(page.getByTestId("results-check-ins").getByRole("heading", { name: JA.results.checkIns.title }));
    await visible(page.getByTestId("funnel-numbers").getByText(JA.results.funnel.steps.matched));
    await journey.shot(page, "results-ja");
    await page.getByRole("link", { name: JA.results.report }).click();
    await visible(page.getByTestId("results-report").getByRole("heading", { name: JA.results.printable.purpose }));
    await visible(page.getByRole("button", { name: JA.results.printable.print }));
    await journey.shot(page, "report-ja");

    // The nudges of a person, on their page.
    const aoi = (await call("GET", `/api/v1/people?q=${encodeURIComponent("Aoi Mori")}`, { token })).items[0];
    await page.goto(`/people/${aoi.id}`);
    await visible(page.getByTestId("person-nudges").getByText(JA.nudges.person.empty));
    const personNudges = await call("GET", `/api/v1/people/${aoi.id}/nudges`, { token });
    assert.deepEqual(personNudges, []);

    // Home: what needs attention across active programs (new pairs, nothing overdue yet), in Japanese.
    await page.goto("/");
    const attention = await visible(page.getByTestId("needs-attention"));
    await visible(attention.getByRole("heading", { name: JA.home.needsAttention.title }));
    const answer = await call("GET", "/api/v1/attention", { token });
    const items = answer.pairs.length + answer.check_ins_overdue.length + answer.surveys_closing.length + (answer.failed_emails > 0 ? 1 : 0);
    if (items === 0) await visible(attention.getByTestId("needs-attention-empty").getByText(JA.home.needsAttention.empty));
    else assert.equal(await attention.getByTestId("needs-attention-empty").count(), 0);
    for (const pair of answer.pairs) await visible(attention.locator(`a[href="/pairs/${pair.pair_id}"]`));
    await journey.shot(page, "home-attention-ja");

    // A viewer reads the rules and the results and changes nothing.
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
    await visible(reader.getByTestId("needs-attention").getByRole("heading", { name: L.home.needsAttention.title }));
    await reader.goto(`/programs/${programId}?tab=nudges`);
    await visible(reader.getByTestId("nudges-read-only").getByText(L.nudges.settings.readOnly));
    assert.equal(await reader.getByRole("button", { name: L.nudges.settings.save }).count(), 0, "a viewer has no Save");
    assert.ok(
      await reader.getByRole("switch", { name: fill(L.nudges.settings.switchOf, { rule: L.nudges.rules.no_session }) }).isDisabled(),
      "a viewer's switches are off limits",
    );
    await reader.getByRole("tab", { name: L.programs.tabs.results }).click();
    await visible(reader.locator(`[data-testid="metric"][data-name="${PROMOTIONS}"]`).getByTestId("metric-measured").getByText("3 people"));
    assert.equal(await reader.getByRole("button", { name: L.results.metrics.enter }).count(), 0, "a viewer enters no value");
    await journey.shot(reader, "viewer-nudges-results");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
