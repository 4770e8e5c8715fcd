import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, startJourney } from "../support/browser.mjs";
import { csvFile, directorySteps, employee, PEOPLE } from "../support/directory.mjs";
import { field, fill, steps, visible } from "../support/flows.mjs";
import { serverWords } from "../support/serverWords.mjs";

const L = catalogues.en;
const JA = catalogues.ja;
const s = steps(L);
const d = directorySteps(L);
const run = Date.now().toString(36);
const owner = { company: "Kaze Logistics", name: "Yui Mori", email: `yui.${run}@kaze.example`, password: "a long passphrase" };

const failedCall = (status, path) => (entry) => entry.text.includes(String(status)) && entry.url.includes(path);

/** Who may mentor and be mentored in the program the journey designs, by job level. */
const design = { mentorLevelMax: 5, menteeLevelMin: 10 };
const mentors = (p) => p.level <= design.mentorLevelMax;
const mentees = (p) => p.level >= design.menteeLevelMin;
const marketingMentees = (p) => mentees(p) && p.department === "Marketing";

/** How many of the imported people `fits` admits. */
const imported = Array.from({ length: PEOPLE }, (_, i) => employee(i, { domain: "kaze.example" }));
const counted = (fits) => imported.filter(fits).length;

/** The line beside `role`'s rules reads `text` once the count of the rules as they stand has arrived. */
async function reachSays(page, role, text) {
  await visible(page.locator(`[data-testid="reach-${role}"][aria-busy="false"]`).getByText(text, { exact: true }));
}

/** A department offered in the dropdown with how many people it has, in catalogue `C`. */
function departmentOption(page, C, department) {
  const people = fill(C.programs.reach.valueCount_other, { shown: counted((p) => p.department === department) });
  return page.getByRole("option", { name: new RegExp(`^${department}\\s*${people}$`) });
}

test("a new customer imports 50 people, searches them, and designs a program up to recruiting", async () => {
  const journey = await startJourney("e-people-programs");
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner);

    await s.openNav(page, L.nav.people, L.people.title);
    await visible(page.getByText(L.people.empty));
    await journey.shot(page, "people-empty");

    // Import: the mapping is guessed from the headers, one column is mapped by hand, a bad row is
    // reported by the dry run, fixed in the file and the file imported.
    await d.importWithOneFix(page, { domain: "kaze.example", shot: (name) => journey.shot(page, name) });

    // The directory: 50 people, then a search for one of them.
    await page.getByRole("link", { name: L.people.import.toDirectory }).click();
    await visible(page.getByTestId("person-K1049"));
    await journey.shot(page, "people-directory");
    await field(page, L.people.search).fill("Haruto Kato");
    await visible(page.getByText(fill(L.people.shown, { shown: "1" })));
    await visible(page.getByTestId("person-K1030"));
    await journey.shot(page, "people-search");
    await page.getByRole("link", { name: "Haruto Kato" }).click();
    await visible(s.heading(page, "Haruto Kato"));
    await visible(page.getByText("K1030@kaze.example".toLowerCase()));
    await journey.shot(page, "person-page");

    // A program from the wizard, without dates.
    await s.openNav(page, L.nav.programs, L.programs.title);
    await visible(page.getByText(L.programs.empty));
    await d.createProgramWithWizard(page, {
      name: "Digital skills, reverse",
      ...design,
      shot: (name) => journey.shot(page, name),
    });

    // Recruiting needs dates: the refusal is shown in words.
    await journey.expectingConsoleErrors([failedCall(409, "/transitions")], async () => {
      await s.moveAndConfirm(page, L.programs.moveTo.recruiting);
      const refusal = await visible(page.getByTestId("transition-refused").getByRole("alert"));
      assert.ok((await refusal.innerText()).includes(serverWords(L).datesBeforeRecruiting));
      assert.match(await refusal.innerText(), new RegExp(L.problems["transition-refused"]));
    });
    await journey.shot(page, "transition-refused");
    await s.inDialog(page, L.common.cancel);

    // Editing the design counts who each role's rules admit; a department picked from the
    // directory's narrows the mentees.
    await page.getByRole("link", { name: L.programs.edit }).click();
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
    await reachSays(page, "mentor", fill(L.programs.reach.admits_other, { admitted: counted(mentors), shown: PEOPLE }));
    await reachSays(page, "mentee", fill(L.programs.reach.admits_other, { admitted: counted(mentees), shown: PEOPLE }));
    await page.getByLabel(fill(L.programs.rule.departmentsFor, { role: L.programs.roles.mentee })).click();
    await visible(departmentOption(page, L, "Marketing"));
    await journey.shot(page, "wizard-departments-offered");
    await departmentOption(page, L, "Marketing").click();
    await page.keyboard.press("Escape");
    assert.ok(counted(marketingMentees) < counted(mentees), "the department narrows the mentees");
    await reachSays(page, "mentee", fill(L.programs.reach.admits_other, { admitted: counted(marketingMentees), shown: PEOPLE }));
    await reachSays(page, "mentor", fill(L.programs.reach.admits_other, { admitted: counted(mentors), shown: PEOPLE }));
    await journey.shot(page, "wizard-reach");
    // A department the directory does not have yet may be typed; it admits no one, which is a warning.
    const mentorDepartments = page.getByLabel(fill(L.programs.rule.departmentsFor, { role: L.programs.roles.mentor }));
    await mentorDepartments.fill("Legal");
    await mentorDepartments.press("Enter");
    await reachSays(page, "mentor", L.programs.reach.none);
    await journey.shot(page, "wizard-reach-none");
    await mentorDepartments.press("Backspace");
    await reachSays(page, "mentor", fill(L.programs.reach.admits_other, { admitted: counted(mentors), shown: PEOPLE }));

    // Dates are set in the design too, then recruiting starts.
    await field(page, L.programs.fields.start_date).fill("2027-01-11");
    await field(page, L.programs.fields.end_date).fill("2027-06-30");
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
    assert.match(await (await visible(page.getByTestId("design-summary"))).innerText(), /Marketing/, "the picked department is saved");
    await page.getByRole("button", { name: L.programs.wizard.save }).click();
    await visible(s.heading(page, "Digital skills, reverse"));
    await s.moveAndConfirm(page, L.programs.moveTo.recruiting);
    await visible(page.getByTestId("program-state").getByText(L.programs.states.recruiting));
    await journey.shot(page, "program-recruiting");
    await s.openNav(page, L.nav.programs, L.programs.title);
    await visible(page.getByTestId("program-Digital skills, reverse").getByText(L.programs.states.recruiting));
    await journey.shot(page, "programs-list");

    // In Japanese, the design step counts in Japanese and offers the departments with their sizes.
    await s.switchLanguage(page, "日本語");
    await page.getByRole("link", { name: "Digital skills, reverse" }).click();
    await page.getByRole("link", { name: JA.programs.edit }).click();
    await page.getByRole("button", { name: JA.programs.wizard.next, exact: true }).click();
    await reachSays(page, "mentee", fill(JA.programs.reach.admits_other, { admitted: counted(marketingMentees), shown: PEOPLE }));
    await page.getByLabel(fill(JA.programs.rule.departmentsFor, { role: JA.programs.roles.mentor })).click();
    await visible(departmentOption(page, JA, "Sales"));
    await journey.shot(page, "wizard-reach-ja");
    await page.keyboard.press("Escape");

    // The same import step with the console in Japanese: Japanese headers are recognised too.
    await s.openNav(page, JA.nav.people, JA.people.title);
    await page.getByRole("link", { name: JA.people.import.open }).click();
    const jaCsv = "社員番号,氏名,メールアドレス,部署,等級\nJ1,山田 花子,hanako@kaze.example,営業,3\nJ2,佐藤 次郎,jiro@kaze.example,営業,25\n";
    await page.locator('input[type="file"]').setInputFiles(csvFile("社員.csv", jaCsv));
    const jaMapping = page.getByRole("combobox", { name: fill(JA.people.import.fieldFor, { column: "氏名" }), exact: true });
    assert.equal(await (await visible(jaMapping)).inputValue(), JA.people.fields.name);
    await page.getByRole("button", { name: JA.people.import.dryRun }).click();
    await visible(page.getByTestId("row-error-3"));
    await visible(page.getByText(JA.people.import.reportDryRunErrors));
    await journey.shot(page, "import-dry-run-ja");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
