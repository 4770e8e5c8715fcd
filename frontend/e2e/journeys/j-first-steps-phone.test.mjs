import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, DESKTOP, PHONE, startJourney } from "../support/browser.mjs";
import { field, fill, steps, visible } from "../support/flows.mjs";

const run = Date.now().toString(36);
const owner = { company: "Minato Printing", name: "Rina Ueda", email: `rina.${run}@minato.example`, password: "a long passphrase" };
const colleague = `daichi.${run}@minato.example`;
const SETUP_STEPS = ["people", "team", "program", "campaign"];
const LONG_PURPOSE =
  "Help every sales office learn the new ordering system from the people who use it daily, and let senior managers hear what their youngest colleagues find slow, confusing or missing in it";

/** The browser tab names the page: "People · Tandem". */
async function titled(page, name) {
  const expected = `${name} · Tandem`;
  await page.waitForFunction((title) => document.title === title, expected).catch(() => {});
  assert.equal(await page.title(), expected);
}

/** Fields a phone would zoom into (under 16px), and controls smaller than a 44 × 44 tap target. */
async function phoneProblems(page) {
  return page.evaluate(() => {
    const shown = (el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
    };
    const describe = (el) => el.getAttribute("aria-label") || el.textContent?.trim().slice(0, 40) || el.outerHTML.slice(0, 80);
    const fields = [...document.querySelectorAll('input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]), select, textarea')]
      .filter(shown)
      .map((el) => ({ control: describe(el), fontSize: parseFloat(getComputedStyle(el).fontSize) }))
      .filter((f) => f.fontSize < 16);
    const controls = [...document.querySelectorAll('button, [role="button"], a.mantine-Button-root, a.mantine-NavLink-root, .mantine-SegmentedControl-label')]
      .filter(shown)
      .map((el) => {
        const box = el.getBoundingClientRect();
        return { control: describe(el), width: Math.round(box.width), height: Math.round(box.height) };
      })
      .filter((c) => c.width < 44 || c.height < 44);
    return { fields, controls };
  });
}

async function checkPhonePage(journey, page, { path, heading, title, label }) {
  await page.goto(path);
  await visible(page.getByRole("heading", { name: heading }));
  await titled(page, title);
  assert.deepEqual(await phoneProblems(page), { fields: [], controls: [] }, `${path} fits a phone`);
  await journey.shot(page, label);
}

/** The skip link is the first stop of Tab and moves focus to the main region. */
async function skipsToMain(page, L) {
  // A fresh load, so that Tab starts from the top of the page.
  await page.reload();
  await visible(page.getByRole("heading").first());
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => ({ text: document.activeElement?.textContent ?? "", tag: document.activeElement?.tagName }));
  assert.deepEqual(first, { text: L.a11y.skipToMain, tag: "A" });
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
}

/** The checklist shows exactly these steps ticked (once what it read last has arrived). */
async function checklistShows(page, expected) {
  await visible(page.getByTestId("getting-started"));
  const read = () =>
    page.evaluate(
      (names) => Object.fromEntries(names.map((n) => [n, document.querySelector(`[data-testid="getting-started-${n}"]`)?.getAttribute("data-done") === "true"])),
      SETUP_STEPS,
    );
  await page
    .waitForFunction(
      ([names, want]) => names.every((n) => (document.querySelector(`[data-testid="getting-started-${n}"]`)?.getAttribute("data-done") === "true") === want[n]),
      [SETUP_STEPS, expected],
    )
    .catch(() => {});
  assert.deepEqual(await read(), expected);
}

test("a new company starts from the getting-started checklist, designs a program whose steps check themselves, and the console fits a phone in both languages", async () => {
  const journey = await startJourney("j-first-steps-phone");
  const L = catalogues.en;
  const JA = catalogues.ja;
  const s = steps(L);
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await titled(page, L.auth.signup.title);
    await s.submitSignUp(page, owner);

    // A new company: the checklist, nothing ticked, each step a link to where it is taken.
    await checklistShows(page, { people: false, team: false, program: false, campaign: false });
    const checklist = page.getByTestId("getting-started");
    await visible(checklist.getByText(fill(L.home.checklist.progress, { done: "0", total: "4" })));
    for (const step of SETUP_STEPS) await visible(checklist.getByRole("link", { name: L.home.checklist.steps[step] }));
    await titled(page, L.nav.home);
    await skipsToMain(page, L);
    await journey.shot(page, "home-checklist");

    // Roles are explained beside the picker and in the members table.
    await checklist.getByRole("link", { name: L.home.checklist.steps.team }).click();
    await visible(s.heading(page, L.team.title));
    await titled(page, L.team.title);
    const description = page.getByTestId("invite-role-description");
    assert.match(await description.innerText(), new RegExp(L.team.roleDescriptions.viewer));
    await s.choose(page, L.fields.role, L.roles.program_manager);
    assert.match(await description.innerText(), new RegExp(L.team.roleDescriptions.program_manager));
    await visible(page.getByTestId(`member-${owner.email}`).getByText(L.team.roleDescriptions.owner));
    await s.invite(page, { email: colleague, role: "admin" });
    await journey.shot(page, "team-role-descriptions");

    // The wizard checks each field when it is left and each step before the next opens, beside the field.
    await s.openNav(page, L.nav.home, fill(L.home.title, { name: owner.name }));
    await checklistShows(page, { people: false, team: true, program: false, campaign: false });
    await page.getByTestId("getting-started").getByRole("link", { name: L.home.checklist.steps.program }).click();
    await visible(s.heading(page, L.programs.wizard.title));
    await titled(page, L.programs.wizard.title);
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
    await visible(page.getByText(L.programs.wizard.errors.purposes, { exact: true }));
    await page.getByLabel(L.programs.purposes.custom).check();
    const purpose = field(page, L.programs.fields.custom_purpose);
    await purpose.focus();
    await purpose.blur();
    await besideField(page, purpose, L.programs.wizard.errors.customPurpose);
    await purpose.fill(LONG_PURPOSE);
    await page.getByRole("button", { name: L.programs.wizard.addMetric }).click();
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
    await besideField(page, field(page, L.programs.metric.name), L.programs.wizard.errors.metricName);
    await journey.shot(page, "wizard-purpose-checked");
    await page.getByRole("button", { name: L.programs.wizard.removeMetric }).click();
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();

    // Nobody is imported yet: the design step says so once, instead of counting "0 of 0" per role.
    const emptyDirectory = await visible(page.getByTestId("reach-empty-directory"));
    assert.equal((await emptyDirectory.innerText()).trim(), L.programs.reach.emptyDirectory);
    for (const role of ["mentor", "mentee"]) assert.equal(await page.getByTestId(`reach-${role}`).count(), 0, `no count for the ${role}s`);

    const name = field(page, L.programs.fields.name);
    await name.focus();
    await name.blur();
    await besideField(page, name, L.programs.wizard.errors.name);
    await page.getByRole("button", { name: L.programs.wizard.addResource }).click();
    const link = field(page, L.programs.resource.link);
    await link.fill("www.minato.example/guide");
    await link.blur();
    await besideField(page, link, L.programs.wizard.errors.webLink);
    await field(page, L.programs.fields.start_date).fill("2027-04-01");
    await field(page, L.programs.fields.end_date).fill("2027-03-01");
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
    await besideField(page, field(page, L.programs.fields.end_date), L.programs.wizard.errors.endAfterStart);
    await besideField(page, field(page, L.programs.resource.title), L.programs.wizard.errors.resourceTitle);
    await journey.shot(page, "wizard-design-checked");
    await name.fill("Ordering system, reverse");
    await field(page, L.programs.resource.title).fill("Ordering guide");
    await link.fill("https://minato.example/guide");
    await field(page, L.programs.fields.end_date).fill("2027-09-30");
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();

    // The review names the program and shows the long purpose in full, wrapped.
    assert.equal((await (await visible(page.getByTestId("review-name"))).innerText()).trim(), "Ordering system, reverse");
    const badge = page.getByTestId("purpose-custom");
    assert.equal((await badge.innerText()).trim(), LONG_PURPOSE);
    const fits = await badge.evaluate((el) => {
      const label = el.querySelector(".mantine-Badge-label") ?? el;
      return label.scrollWidth <= label.clientWidth + 1 && el.getBoundingClientRect().height > 30;
    });
    assert.ok(fits, "the long purpose wraps onto several lines and nothing of it is cut off");
    await journey.shot(page, "wizard-review");
    await page.getByRole("button", { name: L.programs.wizard.create }).click();
    await visible(s.heading(page, "Ordering system, reverse"));
    await titled(page, "Ordering system, reverse");
    await s.openNav(page, L.nav.home, fill(L.home.title, { name: owner.name }));
    await checklistShows(page, { people: false, team: true, program: true, campaign: false });

    // On a phone: every page names itself, fields do not zoom, controls are big enough for a thumb.
    await page.setViewportSize(PHONE);
    const phonePages = (C) => [
      { path: "/", heading: fill(C.home.title, { name: owner.name }), title: C.nav.home, label: "home" },
      { path: "/people", heading: C.people.title, title: C.people.title, label: "people" },
      { path: "/programs", heading: C.programs.title, title: C.programs.title, label: "programs" },
      { path: "/programs/new", heading: C.programs.wizard.title, title: C.programs.wizard.title, label: "wizard" },
      { path: "/settings/team", heading: C.team.title, title: C.team.title, label: "team" },
      { path: "/settings/email", heading: C.email.title, title: C.email.title, label: "email" },
    ];
    for (const p of phonePages(L)) await checkPhonePage(journey, page, { ...p, label: `phone-${p.label}-en` });
    await skipsToMain(page, L);

    await s.switchLanguage(page, "日本語");
    for (const p of phonePages(JA)) await checkPhonePage(journey, page, { ...p, label: `phone-${p.label}-ja` });
    await skipsToMain(page, JA);
    await page.goto("/");
    await visible(page.getByTestId("getting-started").getByText(JA.home.checklist.steps.people));
    await page.goto("/settings/team");
    await visible(page.getByTestId(`member-${owner.email}`).getByText(JA.team.roleDescriptions.owner));
    await journey.shot(page, "phone-team-roles-ja");

    // Signed out, the sign-in pages name themselves too, in the language chosen.
    await page.setViewportSize(DESKTOP);
    await steps(JA).logOut(page, owner.name);
    await titled(page, JA.auth.login.title);
    await page.setViewportSize(PHONE);
    assert.deepEqual(await phoneProblems(page), { fields: [], controls: [] }, "the sign-in page fits a phone");
    await skipsToMain(page, JA);
    await journey.shot(page, "phone-login-ja");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});

/** `message` is shown as the error of `input`: visible, and what the input says describes it. */
async function besideField(page, input, message) {
  await visible(page.getByText(message, { exact: true }));
  assert.equal(await input.getAttribute("aria-invalid"), "true");
  const described = (await input.getAttribute("aria-describedby")) ?? "";
  const texts = await Promise.all(described.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText().catch(() => "")));
  assert.ok(texts.some((text) => text.trim() === message), `"${message}" describes the field (${texts.join(" | ")})`);
}
