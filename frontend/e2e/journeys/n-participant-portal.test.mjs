import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, outboxDir, startJourney } from "../support/browser.mjs";
import { field, fill, steps, visible } from "../support/flows.mjs";
import { accessToken, activeProgramWithPairs, call } from "../support/matching.mjs";
import { invitationEmail, messagesTo } from "../support/outbox.mjs";
import { applicantsOf, onThePhone, signInWithLink, SMALL_PHONE } from "../support/portal.mjs";

const L = catalogues.en;
const JA = catalogues.ja;
const s = steps(L);
const run = Date.now().toString(36);
const owner = { company: "Kawa Foods", name: "Mika Honda", email: `mika.${run}@kawa.example`, password: "a long passphrase" };
const viewer = { name: "Taro Kimura", email: `taro.${run}@kawa.example`, password: "a viewer's long passphrase" };

const person = (id, name, level, department, title, extra = {}) => ({
  external_id: id,
  name,
  email: `${id.toLowerCase()}.${run}@kawa.example`,
  job_level: level,
  department,
  title,
  region: "Kanto",
  languages: ["ja", "en"],
  time_zone: "Asia/Tokyo",
  ...extra,
});

/** Two junior mentors and two senior mentees, each pair sharing a topic; Hiro, an executive, reads Japanese. */
const PEOPLE = [
  person("M1", "Aoi Mori", 2, "Marketing", "Marketing associate", { preferred_locale: "en", time_zone: "Asia/Singapore" }),
  person("M2", "Ren Ito", 3, "Sales", "Account executive"),
  person("S1", "Hiro Tanaka", 12, "Finance", "Chief financial officer", { is_executive: true, preferred_locale: "ja" }),
  person("S2", "Sora Ueno", 11, "Sales", "Head of sales"),
];
const TEACH = { M1: "TikTok", M2: "Instagram" };
const LEARN = { S1: "tiktok", S2: "instagram" };
const APPLICANTS = applicantsOf(PEOPLE, TEACH, LEARN);
const byId = (id) => PEOPLE.find((p) => p.external_id === id);

test("a participant signs in on a phone by an emailed link, logs a session and what they learned and taught; the partner confirms in Japanese; the manager sees the pair on track", async () => {
  const journey = await startJourney("n-participant-portal");
  const { shot, fits } = onThePhone(journey);
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner);
    const token = await accessToken(owner);
    const { programId, pairs } = await activeProgramWithPairs({ token, outboxDir, people: PEOPLE, applicants: APPLICANTS });
    const aoiPair = pairs.find((p) => p.mentor.name === byId("M1").name);
    assert.ok(aoiPair, `Aoi has a pair: ${JSON.stringify(pairs)}`);
    assert.equal(aoiPair.mentee.name, byId("S1").name, "Aoi teaches TikTok to Hiro, who wants to learn it");

    // The owner sets the kickoff, in Tokyo time, on the Launch & monitoring tab.
    // No kickoff yet: the API answers 404, which the browser reports.
    await journey.expectingConsoleErrors([(e) => e.url.endsWith(`/programs/${programId}/kickoff`)], async () => {
      await page.goto(`/programs/${programId}?tab=launch`);
      await visible(page.getByRole("tab", { name: L.programs.tabs.launch, selected: true }));
      await visible(page.getByTestId("kickoff-none"));
    });
    await page.getByRole("button", { name: L.launch.kickoff.set }).click();
    const kickoffForm = await visible(page.getByTestId("kickoff-form"));
    await field(kickoffForm, L.launch.kickoff.start).fill("2027-01-11T10:00");
    assert.equal(await field(kickoffForm, L.launch.kickoff.end).inputValue(), "2027-01-11T11:00", "the end is suggested an hour later");
    await kickoffForm.getByRole("combobox", { name: L.launch.kickoff.timeZone }).fill("Asia/Tokyo");
    await page.getByRole("option", { name: /^Asia\/Tokyo / }).click();
    await field(kickoffForm, L.launch.kickoff.place).fill("Head office, hall A");
    await page.getByRole("button", { name: L.launch.kickoff.saveNew }).click();
    // The count follows the invitations as the mail worker sends them: both members of both pairs.
    await visible(page.getByTestId("kickoff-invited").getByText(fill(L.launch.kickoff.invited_other, { shown: "4" })));
    const invitations = (await messagesTo(outboxDir, byId("S1").email)).filter((m) =>
      (m.attachments ?? []).some((a) => String(a.mimeType).startsWith("text/calendar")),
    );
    assert.equal(invitations.length, 1, "Hiro has the kickoff in his calendar");
    await shot(page, "kickoff-set");

    // Aoi asks for a link on a small phone. Visiting the portal first sends her to sign in.
    const aoi = await journey.person("aoi", { viewport: SMALL_PHONE });
    await journey.expectingConsoleErrors([(e) => e.text.includes("401")], async () => {
      await aoi.goto("/portal");
      await aoi.waitForURL((url) => url.pathname === "/portal/sign-in");
    });
    // An address nobody has gets the same answer.
    await field(aoi, L.portal.signIn.email).fill(`nobody.${run}@kawa.example`);
    await aoi.getByRole("button", { name: L.portal.signIn.submit }).click();
    await visible(aoi.getByTestId("sign-in-sent"));
    await shot(aoi, "aoi-check-email");
    await signInWithLink(aoi, byId("M1"), L);
    await visible(aoi.getByRole("heading", { name: fill(L.portal.home.hello, { name: byId("M1").name }) }));
    await fits(aoi, "My pairs");
    await aoi.getByTestId("portal-pair").click();
    await visible(aoi.getByRole("heading", { name: fill(L.portal.pairs.with.mentor, { name: byId("S1").name }) }));
    // The kickoff in her time (London) and the event's (Tokyo).
    await visible(aoi.getByTestId("kickoff-your-time"));
    assert.match(await aoi.getByTestId("kickoff-event-time").innerText(), /10:00/);
    await visible(aoi.getByTestId("partner-local-time"));

    // A session just held, then what she learned and what she taught.
    await aoi.getByRole("button", { name: L.portal.sessions.log }).click();
    const logForm = await visible(aoi.getByTestId("log-session"));
    await logForm.getByRole("combobox", { name: L.portal.sessions.topics }).fill("TikTok, budgets");
    await aoi.keyboard.press("Enter");
    await logForm.getByRole("button", { name: L.portal.sessions.save }).click();
    await visible(aoi.getByTestId("session").getByTestId("session-state").getByText(fill(L.portal.sessions.status.awaitingPartner, { name: byId("S1").name })));
    const record = async (direction, topic) => {
      await aoi.getByRole("button", { name: L.portal.learning.add }).click();
      const form = await visible(aoi.getByTestId("learning-form"));
      if (direction === "taught") await form.getByText(L.portal.learning.iTaught, { exact: true }).click();
      const label = direction === "taught" ? L.portal.learning.whatTaught : L.portal.learning.whatLearned;
      await form.getByRole("combobox", { name: label }).fill(topic);
      await aoi.keyboard.press("Enter");
      await form.getByRole("button", { name: L.portal.learning.save, exact: true }).click();
      await aoi.getByTestId("learning-form").waitFor({ state: "detached" });
    };
    await record("learned", "Budget reviews");
    await record("taught", "TikTok");
    await visible(aoi.getByTestId("learning-text").getByText(fill(L.tracking.learning.learnedText, { name: L.portal.you, topics: "Budget reviews" })));
    await visible(aoi.getByTestId("learning-text").getByText(fill(L.tracking.learning.taughtText, { name: L.portal.you, topics: "TikTok" })));
    await fits(aoi, "the pair's page");
    await shot(aoi, "aoi-pair");

    // Hiro reads Japanese: his portal opens in it. He confirms Aoi's session and records what he learned.
    const hiro = await journey.person("hiro", { viewport: SMALL_PHONE, locale: "ja-JP" });
    await signInWithLink(hiro, byId("S1"), JA);
    await visible(hiro.getByRole("heading", { name: fill(JA.portal.home.hello, { name: byId("S1").name }) }));
    await hiro.getByTestId("portal-pair").click();
    await visible(hiro.getByRole("heading", { name: fill(JA.portal.pairs.with.mentee, { name: byId("M1").name }) }));
    await hiro.getByTestId("session-awaiting-me").getByRole("button", { name: JA.portal.sessions.confirm }).click();
    await visible(hiro.getByTestId("session-state").getByText(JA.portal.sessions.status.confirmed));
    await hiro.getByRole("button", { name: JA.portal.learning.add }).click();
    const hiroForm = await visible(hiro.getByTestId("learning-form"));
    await hiroForm.getByRole("combobox", { name: JA.portal.learning.whatLearned }).fill("TikTok");
    await hiro.keyboard.press("Enter");
    await hiroForm.getByRole("button", { name: JA.portal.learning.save, exact: true }).click();
    await visible(hiro.getByTestId("learning-text").getByText(fill(JA.tracking.learning.learnedText, { name: JA.portal.you, topics: "TikTok" })));
    await visible(hiro.getByTestId("notes-private").getByText(JA.portal.notes.private));
    await fits(hiro, "the pair's page in Japanese");
    await shot(hiro, "hiro-pair-ja");

    // Aoi sees her session confirmed.
    await aoi.reload();
    await visible(aoi.getByTestId("session-state").getByText(L.portal.sessions.status.confirmed));

    // The manager sees the pair on track and the program's reciprocity index.
    const monitoring = await call("GET", `/api/v1/programs/${programId}/monitoring`, { token });
    await page.reload();
    const row = page.getByTestId("monitored-pair").filter({ hasText: byId("M1").name });
    await visible(row.getByTestId("health").getByText(L.tracking.health.on_track));
    assert.equal(await row.getByTestId("monitored-sessions").innerText(), "1");
    const index = await page.getByTestId("program-reciprocity-index").innerText();
    assert.equal(index, monitoring.learning.index.toFixed(2));
    // Hiro, an executive, takes part as a mentee; his pair has held one session.
    assert.equal(await page.getByTestId("executives-asMentee").getByText("1", { exact: true }).count(), 1);
    await shot(page, "monitoring");
    await row.getByTestId("monitored-pair-link").click();
    await visible(page.getByRole("heading", { name: fill(L.launch.pairs.names, { mentor: byId("M1").name, mentee: byId("S1").name }) }));
    await visible(page.getByTestId("pair-sessions").getByText(L.tracking.sessions.confirmed));
    assert.equal(await page.getByTestId("pair-learning").getByTestId("learning-entry").count(), 3);
    await shot(page, "pair");

    // The owner pauses the pair: Aoi reads why and can no longer log sessions; then it resumes.
    const reason = "Hiro is travelling in February";
    await page.getByRole("button", { name: L.launch.pair.pause }).click();
    const pause = await visible(page.getByTestId("pause-dialog"));
    await pause.getByRole("textbox", { name: L.launch.pair.reason }).fill(reason);
    await pause.getByRole("button", { name: L.launch.pair.pause }).click();
    await visible(page.getByTestId("pair-paused").getByText(fill(L.launch.pair.pausedBecause, { reason })));
    await aoi.reload();
    await visible(aoi.getByTestId("pair-paused").getByText(fill(L.portal.pairs.pausedBecause, { reason })));
    assert.equal(await aoi.getByRole("button", { name: L.portal.sessions.log }).count(), 0);
    await page.getByRole("button", { name: L.launch.pair.resume }).click();
    await page.getByTestId("pair-paused").waitFor({ state: "detached" });
    await aoi.reload();
    await visible(aoi.getByRole("button", { name: L.portal.sessions.log }));

    // Yesterday Aoi met without Hiro: both are ticked, at least one must stay, she unticks him.
    await aoi.getByRole("button", { name: L.portal.sessions.log }).click();
    const aloneForm = await visible(aoi.getByTestId("log-session"));
    const yesterday = `${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}T09:00`;
    await field(aloneForm, L.portal.sessions.when).fill(yesterday);
    const tookPart = aloneForm.getByRole("group", { name: L.portal.sessions.tookPart });
    await tookPart.getByRole("checkbox", { name: L.portal.sessions.iTookPart }).uncheck();
    await tookPart.getByRole("checkbox", { name: fill(L.portal.sessions.partnerTookPart, { name: byId("S1").name }) }).uncheck();
    await visible(aloneForm.getByText(L.portal.sessions.errors.tookPart));
    await tookPart.getByRole("checkbox", { name: L.portal.sessions.iTookPart }).check();
    await aloneForm.getByRole("button", { name: L.portal.sessions.save }).click();
    await visible(aoi.getByTestId("session-took-part").getByText(L.tracking.sessions.onlyYou));
    await page.reload();
    await visible(page.getByTestId("pair-sessions").getByTestId("session-took-part").getByText(fill(L.tracking.sessions.onlyOne, { name: byId("M1").name })));
    // Only that one session says so: the first, both took part.
    assert.equal(await page.getByTestId("pair-sessions").getByTestId("session-took-part").count(), 1);

    // Aoi signs out; the portal asks her to sign in again.
    await aoi.getByRole("button", { name: L.portal.signOut }).click();
    await visible(aoi.getByRole("heading", { name: L.portal.signIn.title }));

    // In Japanese, the same pair on track.
    await s.switchLanguage(page, "日本語");
    await visible(page.getByTestId("health").getByText(JA.tracking.health.on_track));
    await visible(page.getByTestId("session-took-part").getByText(fill(JA.tracking.sessions.onlyOne, { name: byId("M1").name })));
    await shot(page, "pair-ja");

    // A viewer reads the launch tab and the pair, and changes nothing.
    await call("POST", "/api/v1/team/invitations", { token, body: { email: viewer.email, role: "viewer" }, status: 201 });
    const invited = await invitationEmail(outboxDir, viewer.email);
    await call("POST", "/api/v1/auth/invitations/accept", {
      body: { token: new URL(invited.link).searchParams.get("token"), name: viewer.name, password: viewer.password },
      status: 201,
    });
    const reader = await journey.person("viewer");
    await reader.goto("/login");
    await s.logIn(reader, viewer);
    await visible(s.heading(reader, fill(L.home.title, { name: viewer.name })));
    await reader.goto(`/programs/${programId}?tab=launch`);
    await visible(reader.getByTestId("kickoff-your-time"));
    await visible(reader.getByTestId("monitored-pair").first());
    for (const name of [L.launch.kickoff.move, L.launch.kickoff.cancel, L.launch.stories.feature]) {
      assert.equal(await reader.getByRole("button", { name }).count(), 0, `a viewer has no "${name}"`);
    }
    await reader.goto(`/pairs/${aoiPair.id}`);
    await visible(reader.getByTestId("pair-sessions").getByTestId("session"));
    assert.equal(await reader.getByRole("button", { name: L.launch.pair.pause }).count(), 0);
    await shot(reader, "viewer-pair");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
