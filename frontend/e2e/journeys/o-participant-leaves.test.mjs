import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, outboxDir, startJourney } from "../support/browser.mjs";
import { fill, steps, visible } from "../support/flows.mjs";
import { accessToken, activeProgramWithPairs } from "../support/matching.mjs";
import { emailSaying } from "../support/outbox.mjs";
import { applicantsOf, onThePhone, signInWithLink, SMALL_PHONE } from "../support/portal.mjs";

const L = catalogues.en;
const s = steps(L);
const run = Date.now().toString(36);
const owner = { company: "Nami Logistics", name: "Yui Sasaki", email: `yui.${run}@nami.example`, password: "a long passphrase" };

const person = (id, name, level, department, title) => ({
  external_id: id,
  name,
  email: `${id.toLowerCase()}.${run}@nami.example`,
  job_level: level,
  department,
  title,
  region: "Kansai",
  languages: ["ja", "en"],
  time_zone: "Asia/Tokyo",
  preferred_locale: "en",
});

/** Two junior mentors and two senior mentees, each pair sharing a topic. */
const PEOPLE = [
  person("M1", "Kaito Abe", 2, "Marketing", "Marketing associate"),
  person("M2", "Mei Ota", 3, "Sales", "Account executive"),
  person("S1", "Daichi Kato", 12, "Finance", "Finance director"),
  person("S2", "Nana Hara", 11, "Sales", "Head of sales"),
];
const TEACH = { M1: "TikTok", M2: "Instagram" };
const LEARN = { S1: "tiktok", S2: "instagram" };
const APPLICANTS = applicantsOf(PEOPLE, TEACH, LEARN);
const byId = (id) => PEOPLE.find((p) => p.external_id === id);

test("a participant on a phone leaves their pair with a reason: the pair ends, the partner is told without the reason, the owner is told with it", async () => {
  const journey = await startJourney("o-participant-leaves");
  const { shot, fits } = onThePhone(journey);
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner);
    const token = await accessToken(owner);
    const { pairs } = await activeProgramWithPairs({ token, outboxDir, people: PEOPLE, applicants: APPLICANTS });
    const kaito = byId("M1");
    const daichi = byId("S1");
    assert.ok(
      pairs.some((p) => p.mentor.name === kaito.name && p.mentee.name === daichi.name),
      `Kaito teaches TikTok to Daichi: ${JSON.stringify(pairs)}`,
    );

    // Kaito opens his pair on a small phone; the way out is at the foot of the page.
    const phone = await journey.person("kaito", { viewport: SMALL_PHONE });
    await signInWithLink(phone, kaito, L);
    await phone.getByTestId("portal-pair").click();
    await visible(phone.getByRole("heading", { name: fill(L.portal.pairs.with.mentor, { name: daichi.name }) }));
    await visible(phone.getByRole("button", { name: L.portal.sessions.log }));
    await phone.getByRole("button", { name: L.portal.leave.action }).click();

    // The dialog says what leaving does; the reason is optional and typed on two lines.
    const dialog = await visible(phone.getByTestId("leave-dialog"));
    const effects = dialog.getByTestId("leave-effects");
    await visible(effects.getByText(fill(L.portal.leave.partnerTold, { name: daichi.name })));
    await visible(effects.getByText(L.portal.leave.teamTold));
    await dialog.getByRole("textbox", { name: L.portal.leave.reason }).fill("I moved to the Osaka office\nand have no time left.");
    const reason = "I moved to the Osaka office and have no time left.";
    await visible(dialog.getByTestId("leave-reason-count").getByText(fill(L.portal.leave.count, { typed: String(reason.length), max: "500" })));
    await fits(phone, "the leave dialog");
    await journey.shot(phone, "leave-dialog");
    await dialog.getByRole("button", { name: L.portal.leave.confirm }).click();

    // The pair is ended: a notice, the state, and no forms to add anything.
    await visible(phone.getByTestId("pair-left").getByText(L.portal.leave.leftTitle));
    await phone.getByTestId("leave-dialog").waitFor({ state: "detached" });
    await visible(phone.getByText(L.tracking.states.withdrawn, { exact: true }));
    for (const name of [L.portal.sessions.log, L.portal.learning.add, L.portal.goals.add, L.portal.story.write, L.portal.leave.action]) {
      assert.equal(await phone.getByRole("button", { name, exact: true }).count(), 0, `an ended pair offers no "${name}"`);
    }
    await fits(phone, "the ended pair's page");
    await shot(phone, "pair-left");

    // My pairs shows it ended too.
    await phone.locator("#main").getByRole("link", { name: L.portal.pairs.back }).click();
    await visible(phone.getByTestId("portal-pair").getByText(L.tracking.states.withdrawn, { exact: true }));
    await fits(phone, "My pairs");

    // Daichi is told the pair ended, not why; the owner is told who left and why.
    const told = await emailSaying(outboxDir, daichi.email, "has ended");
    assert.ok(!told.text.includes("Osaka"), `the partner does not read the reason: ${told.text}`);
    const notice = await emailSaying(outboxDir, owner.email, reason);
    assert.match(notice.subject, new RegExp(`${kaito.name} left their pair`));
    assert.ok(notice.text.includes(daichi.name), notice.text);
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
