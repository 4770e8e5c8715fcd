import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, outboxDir, PHONE, startJourney } from "../support/browser.mjs";
import { csvFile } from "../support/directory.mjs";
import { field, fill, steps, visible } from "../support/flows.mjs";
import { inDays, recruitmentSteps } from "../support/recruitment.mjs";

const L = catalogues.en;
const s = steps(L);
const r = recruitmentSteps(L, outboxDir);
const run = Date.now().toString(36);
const owner = { company: "Tsuki Pharma", name: "Emi Hayashi", email: `emi.${run}@tsuki.example`, password: "a long passphrase" };
const viewer = { name: "Daichi Mori", email: `daichi.${run}@tsuki.example`, password: "a viewer's long passphrase" };
const junior = { name: "Riku Aoki", email: `j1.${run}@tsuki.example`, role: "mentor", teach: "Short videos" };

function peopleCsv() {
  const lines = ["Employee ID,Full name,Mail,Dept,Region,Grade"];
  for (const [id, name, grade] of [["J1", "Riku Aoki", 2], ["S1", "Keiko Tanaka", 11], ["M1", "Taro Yamada", 6]]) {
    lines.push(`${id},${name},${id.toLowerCase()}.${run}@tsuki.example,Sales,APAC,${grade}`);
  }
  return lines.join("\n") + "\n";
}

/** Buttons or links in the page's main region named exactly one of `names`. */
function control(page, ...names) {
  const main = page.getByRole("main");
  return names
    .flatMap((name) => [main.getByRole("button", { name, exact: true }), main.getByRole("link", { name, exact: true })])
    .reduce((all, one) => all.or(one));
}

/**
 * A page of the console, what it shows everyone (`data`) and the controls that change something
 * (`writes`; a list stands for "one of these", e.g. the transitions the program may take): the
 * owner sees each, so that their absence for the viewer means something.
 */
async function checkPage(page, { path, data, writes }, { writer }) {
  await page.goto(path);
  for (const locator of data(page)) await visible(locator);
  for (const entry of writes) {
    const names = [entry].flat();
    if (writer) await visible(control(page, ...names));
    else assert.equal(await control(page, ...names).count(), 0, `a viewer sees none of "${names.join('", "')}" on ${path}`);
  }
}

test("a viewer joins from the invitation email and reads everything without a single control that changes it", async () => {
  const journey = await startJourney("h-viewer");
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner);

    // Something to read: three people, a program from a template, a closed campaign with one
    // confirmed application.
    await page.goto("/people/import");
    await page.locator('input[type="file"]').setInputFiles(csvFile("people.csv", peopleCsv()));
    await page.getByRole("button", { name: L.people.import.run, exact: true }).click();
    await visible(page.getByText(L.people.import.reportWritten));
    await page.goto("/programs/templates");
    await page.getByTestId("template-reverse_digital_skills").getByRole("button").click();
    await s.moveAndConfirm(page, L.programs.moveTo.recruiting);
    await visible(page.getByTestId("program-state").getByText(L.programs.states.recruiting));
    const programPath = new URL(page.url()).pathname;
    const programName = await page.getByRole("heading", { level: 1 }).innerText();
    await page.getByRole("link", { name: L.recruitment.newCampaign }).click();
    await field(page, L.recruitment.fields.name).fill("Summer intake");
    await page.getByText(L.recruitment.kinds.closed, { exact: true }).click();
    await field(page, L.recruitment.fields.deadline).fill(inDays(10));
    const en = L.language.names.en;
    await page.getByLabel(fill(L.recruitment.message.subjectIn, { language: en })).fill("Mentor a manager this summer");
    await page.getByLabel(fill(L.recruitment.message.bodyIn, { language: en })).fill("Hello {{ name }}: {{ link }}");
    await page.getByRole("button", { name: L.recruitment.create }).click();
    await visible(s.heading(page, "Summer intake"));
    const campaignPath = new URL(page.url()).pathname;
    await r.pickInvitees(page, [junior]);
    await page.getByRole("button", { name: L.recruitment.invitees.add, exact: true }).click();
    await visible(page.getByTestId("invitees-added"));
    await s.moveAndConfirm(page, L.recruitment.moveTo.open);
    await visible(page.getByTestId("campaign-state").getByText(L.recruitment.states.open));
    const phone = await journey.person("participant", { viewport: PHONE });
    await r.confirm(phone, await r.apply(phone, junior));
    await page.goto("/people");
    const personPath = await (await visible(page.getByRole("link", { name: junior.name }))).getAttribute("href");
    assert.ok(personPath);

    // The owner invites a viewer; the invitation is read in the developer mailbox.
    await s.openNav(page, L.nav.team);
    await s.invite(page, { email: viewer.email, role: "viewer" });
    await s.openMail(page, viewer.email);
    const link = await s.linkInMail(page, /\/invitations\/accept\?token=/);
    await journey.shot(page, "mailbox-viewer-invitation");

    const reader = await journey.person("viewer");
    await reader.goto(link);
    await s.acceptAsNewcomer(reader, viewer);
    await s.submitAcceptance(reader, viewer.name);
    await visible(reader.getByRole("main").getByText(L.roles.viewer));

    const pages = [
      {
        name: "home",
        path: "/",
        data: (p) => [p.getByTestId("home-programs").getByRole("link", { name: programName })],
        // Writers are shown what waits for their decision; viewers decide nothing.
        writes: [fill(L.home.applicationsToReview_one, { campaign: "Summer intake", shown: "1" })],
      },
      {
        name: "people",
        path: "/people",
        data: (p) => [p.getByRole("link", { name: "Keiko Tanaka" }), p.getByText(fill(L.people.shown, { shown: "3" }))],
        writes: [L.people.import.open],
      },
      {
        name: "person",
        path: personPath,
        data: (p) => [s.heading(p, junior.name), p.getByText(junior.email)],
        writes: [L.people.edit, L.people.delete],
      },
      {
        name: "programs",
        path: "/programs",
        data: (p) => [p.getByRole("link", { name: programName })],
        writes: [L.programs.new, L.programs.templates.open],
      },
      {
        name: "program",
        path: programPath,
        data: (p) => [p.getByTestId("program-state").getByText(L.programs.states.recruiting), p.getByRole("link", { name: "Summer intake" })],
        writes: [L.programs.edit, Object.values(L.programs.moveTo), L.recruitment.newCampaign],
      },
      {
        name: "campaign",
        path: campaignPath,
        data: (p) => [
          p.getByTestId("campaign-subject-en").getByText("Mentor a manager this summer"),
          p.getByTestId(`application-${junior.email}`).getByText(L.recruitment.statuses.submitted),
          p.getByTestId("campaign-funnel-applied").getByText("1"),
        ],
        writes: [
          L.recruitment.edit.open,
          L.recruitment.moveTo.closed,
          fill(L.recruitment.decideFor.accept, { name: junior.name }),
          fill(L.recruitment.decideFor.waitlist, { name: junior.name }),
          fill(L.recruitment.decideFor.decline, { name: junior.name }),
          L.recruitment.invitees.add,
        ],
      },
    ];
    for (const spec of pages) {
      await checkPage(page, spec, { writer: true });
      await journey.shot(page, `owner-${spec.name}`);
      await checkPage(reader, spec, { writer: false });
      await journey.shot(reader, `viewer-${spec.name}`);
    }

    // The program page says where it can go next instead of offering the buttons.
    await reader.goto(programPath);
    const nextSteps = await visible(reader.getByText(L.programs.nextStepsAre.replace("{{states}}.", "")));
    assert.match(await nextSteps.innerText(), new RegExp(L.programs.states.matching));

    // Settings: no navigation to them, and an explanation instead of the team's or API keys' controls.
    assert.equal(await reader.getByRole("navigation").getByRole("link", { name: L.nav.team }).count(), 0);
    assert.equal(await reader.getByRole("navigation").getByRole("link", { name: L.nav.apiKeys }).count(), 0);
    for (const path of ["/settings/team", "/settings/api-keys"]) {
      await reader.goto(path);
      await visible(reader.getByText(L.access.deniedTitle));
      for (const name of [L.team.invite, L.apiKeys.create]) {
        assert.equal(await control(reader, name).count(), 0, `a viewer sees no "${name}" on ${path}`);
      }
    }
    await journey.shot(reader, "viewer-settings");
    await checkPage(page, { path: "/settings/team", data: () => [], writes: [L.team.invite] }, { writer: true });
    await checkPage(page, { path: "/settings/api-keys", data: () => [], writes: [L.apiKeys.create] }, { writer: true });
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
