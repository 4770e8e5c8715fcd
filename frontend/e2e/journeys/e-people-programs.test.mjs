import assert from "node:assert/strict";
import { test } from "node:test";
import { catalogues, startJourney } from "../support/browser.mjs";
import { field, fill, steps, visible } from "../support/flows.mjs";

const L = catalogues.en;
const JA = catalogues.ja;
const s = steps(L);
const run = Date.now().toString(36);
const owner = { company: "Kaze Logistics", name: "Yui Mori", email: `yui.${run}@kaze.example`, password: "a long passphrase" };

const FIRST = ["Haruto", "Sota", "Yuna", "Hina", "Ren", "Aoi", "Riku", "Mio", "Kaito", "Sara"];
const LAST = ["Tanaka", "Suzuki", "Ito", "Kato", "Abe"];
const DEPTS = ["Engineering", "Sales", "Finance", "Marketing", "HR"];
const BAD_LINE = 9; // the header is line 1

/** 50 people as an HR export names its columns; row `BAD_LINE` has a job level out of range unless fixed. */
function peopleCsv({ fixed }) {
  const lines = ["Employee ID,Full name,Mail,Dept,Region,Grade,Skills,Board member,Cost centre"];
  for (let i = 0; i < 50; i++) {
    const name = `${FIRST[i % 10]} ${LAST[Math.floor(i / 10)]}`;
    const id = `K${String(1000 + i)}`;
    const grade = !fixed && i + 2 === BAD_LINE ? "99" : String((i % 15) + 1);
    const exec = i % 17 === 0 ? "true" : "false";
    lines.push(`${id},${name},${id.toLowerCase()}@kaze.example,${DEPTS[i % 5]},${i % 2 ? "APAC" : "EMEA"},${grade},"Python; SQL",${exec},CC-${i % 3}`);
  }
  return lines.join("\n") + "\n";
}

const csvFile = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
const failedCall = (status, path) => (entry) => entry.text.includes(String(status)) && entry.url.includes(path);

test("a new customer imports 50 people, searches them, and designs a program up to recruiting", async () => {
  const journey = await startJourney("e-people-programs");
  try {
    const page = await journey.person("owner");
    await s.signUp(page, owner);
    await s.submitSignUp(page, owner.name);

    await s.openNav(page, L.nav.people, L.people.title);
    await visible(page.getByText(L.people.empty));
    await journey.shot(page, "people-empty");

    // Import: the mapping is guessed from the headers; one column is mapped by hand.
    await page.getByRole("link", { name: L.people.import.open }).click();
    await visible(s.heading(page, L.people.import.title));
    await page.locator('input[type="file"]').setInputFiles(csvFile("people.csv", peopleCsv({ fixed: false })));
    const mappingFor = (column) => page.getByRole("combobox", { name: fill(L.people.import.fieldFor, { column }), exact: true });
    await visible(mappingFor("Employee ID"));
    assert.equal(await mappingFor("Employee ID").inputValue(), L.people.fields.external_id);
    assert.equal(await mappingFor("Mail").inputValue(), L.people.fields.email);
    assert.equal(await mappingFor("Grade").inputValue(), L.people.fields.job_level);
    assert.equal(await mappingFor("Cost centre").inputValue(), L.people.import.ignore);
    assert.equal(await mappingFor("Board member").inputValue(), L.people.import.ignore);
    await s.choose(page, fill(L.people.import.fieldFor, { column: "Board member" }), L.people.fields.is_executive);
    await journey.shot(page, "import-mapping");

    await page.getByRole("button", { name: L.people.import.dryRun }).click();
    const badRow = await visible(page.getByTestId(`row-error-${BAD_LINE}`));
    assert.match(await badRow.innerText(), new RegExp(L.people.fields.job_level));
    await visible(page.getByText(L.people.import.reportDryRunErrors));
    assert.match(await page.getByTestId("report-rows").innerText(), /50$/);
    await journey.shot(page, "import-dry-run-error");

    // The row is fixed in the file, which is chosen again; the import is strict and writes all 50.
    await page.locator('input[type="file"]').setInputFiles(csvFile("people-fixed.csv", peopleCsv({ fixed: true })));
    assert.equal(await mappingFor("Board member").inputValue(), L.people.fields.is_executive, "the hand-made choice is kept");
    await page.getByRole("button", { name: L.people.import.run, exact: true }).click();
    await visible(page.getByText(L.people.import.reportWritten));
    assert.match(await page.getByTestId("report-created").innerText(), /50$/);
    assert.equal(await page.getByTestId(`row-error-${BAD_LINE}`).count(), 0);
    await journey.shot(page, "import-done");

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
    await page.getByRole("link", { name: L.programs.new }).click();
    await visible(s.heading(page, L.programs.wizard.title));
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
    await visible(page.getByText(L.validation.required));
    await page.getByLabel(L.programs.purposes.knowledge_sharing).check();
    await page.getByLabel(L.programs.purposes.adapting_to_change).check();
    await journey.shot(page, "wizard-purpose");
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
    await field(page, L.programs.fields.name).fill("Digital skills, reverse");
    await page.getByLabel(fill(L.programs.rule.levelMaxFor, { role: L.programs.roles.mentor })).fill("5");
    await page.getByLabel(fill(L.programs.rule.levelMinFor, { role: L.programs.roles.mentee })).fill("10");
    await journey.shot(page, "wizard-design");
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
    await visible(page.getByTestId("design-summary"));
    await journey.shot(page, "wizard-review");
    await page.getByRole("button", { name: L.programs.wizard.create }).click();
    await visible(s.heading(page, "Digital skills, reverse"));
    await visible(page.getByTestId("program-state").getByText(L.programs.states.draft));

    // Recruiting needs dates: the refusal is shown in words.
    await journey.expectingConsoleErrors([failedCall(409, "/transitions")], async () => {
      await page.getByRole("button", { name: L.programs.moveTo.recruiting }).click();
      const refusal = await visible(page.getByTestId("transition-refused").getByRole("alert"));
      assert.match(await refusal.innerText(), /set the start and end dates before recruiting/);
      assert.match(await refusal.innerText(), new RegExp(L.problems["transition-refused"]));
    });
    await journey.shot(page, "transition-refused");

    // Dates are set in the design, then recruiting starts.
    await page.getByRole("link", { name: L.programs.edit }).click();
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
    await field(page, L.programs.fields.start_date).fill("2027-01-11");
    await field(page, L.programs.fields.end_date).fill("2027-06-30");
    await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
    await page.getByRole("button", { name: L.programs.wizard.save }).click();
    await visible(s.heading(page, "Digital skills, reverse"));
    await page.getByRole("button", { name: L.programs.moveTo.recruiting }).click();
    await visible(page.getByTestId("program-state").getByText(L.programs.states.recruiting));
    await journey.shot(page, "program-recruiting");
    await s.openNav(page, L.nav.programs, L.programs.title);
    await visible(page.getByTestId("program-Digital skills, reverse").getByText(L.programs.states.recruiting));
    await journey.shot(page, "programs-list");

    // The same import step with the console in Japanese: Japanese headers are recognised too.
    await s.switchLanguage(page, "日本語");
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
