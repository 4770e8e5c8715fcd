// Shared steps of the journeys that start a customer from nothing (e, f, g): a 50-person HR
// export imported with one bad row reported, fixed and imported again, and a program made with
// the wizard. Elements are found by the words people read in catalogue `L`.
import assert from "node:assert/strict";
import { field, fill, visible } from "./flows.mjs";
import { serverWords } from "./serverWords.mjs";

const FIRST = ["Haruto", "Sota", "Yuna", "Hina", "Ren", "Aoi", "Riku", "Mio", "Kaito", "Sara"];
const LAST = ["Tanaka", "Suzuki", "Ito", "Kato", "Abe"];
const DEPTS = ["Engineering", "Sales", "Finance", "Marketing", "HR"];
export const PEOPLE = 50;
/** The row of the export whose job level is out of range until fixed (the header is line 1). */
export const BAD_LINE = 9;

/** Person `i` (0–49) of the export: job levels cycle 1–15, so 1 is level 2, 5 is level 6, 10 is level 11. */
export function employee(i, { domain, tag = "" }) {
  const id = `K${1000 + i}`;
  return {
    id,
    name: `${FIRST[i % 10]} ${LAST[Math.floor(i / 10)]}`,
    email: `${id.toLowerCase()}${tag}@${domain}`,
    level: (i % 15) + 1,
    department: DEPTS[i % 5],
  };
}

/** The export as an HR system names its columns; row `BAD_LINE` has job level 99 unless fixed. */
export function peopleCsv({ fixed, domain, tag = "" }) {
  const lines = ["Employee ID,Full name,Mail,Dept,Region,Grade,Skills,Board member,Cost centre"];
  for (let i = 0; i < PEOPLE; i++) {
    const p = employee(i, { domain, tag });
    const grade = !fixed && i + 2 === BAD_LINE ? "99" : String(p.level);
    const exec = i % 17 === 0 ? "true" : "false";
    lines.push(`${p.id},${p.name},${p.email},${p.department},${i % 2 ? "APAC" : "EMEA"},${grade},"Python; SQL",${exec},CC-${i % 3}`);
  }
  return lines.join("\n") + "\n";
}

export const csvFile = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

/** A date `days` from today, as a date input takes it. */
export function dateIn(days) {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function directorySteps(L) {
  const mappingFor = (page, column) => page.getByRole("combobox", { name: fill(L.people.import.fieldFor, { column }), exact: true });

  return {
    mappingFor,

    /**
     * From the directory to an imported export: the mapping guessed from the headers with one
     * column mapped by hand, a dry run reporting the bad row, the fixed file chosen again and
     * all 50 written. `shot(name)` takes the screenshots.
     */
    async importWithOneFix(page, { domain, tag = "", shot }) {
      await page.getByRole("link", { name: L.people.import.open }).click();
      await visible(page.getByRole("heading", { name: L.people.import.title }));
      await page.locator('input[type="file"]').setInputFiles(csvFile("people.csv", peopleCsv({ fixed: false, domain, tag })));
      await visible(mappingFor(page, "Employee ID"));
      assert.equal(await mappingFor(page, "Employee ID").inputValue(), L.people.fields.external_id);
      assert.equal(await mappingFor(page, "Mail").inputValue(), L.people.fields.email);
      assert.equal(await mappingFor(page, "Grade").inputValue(), L.people.fields.job_level);
      assert.equal(await mappingFor(page, "Cost centre").inputValue(), L.people.import.ignore);
      assert.equal(await mappingFor(page, "Board member").inputValue(), L.people.import.ignore);
      await mappingFor(page, "Board member").click();
      await page.getByRole("option", { name: L.people.fields.is_executive, exact: true }).click();
      await shot("import-mapping");

      await page.getByRole("button", { name: L.people.import.dryRun }).click();
      const badRow = await visible(page.getByTestId(`row-error-${BAD_LINE}`));
      assert.match(await badRow.innerText(), new RegExp(L.people.fields.job_level));
      assert.ok((await badRow.innerText()).includes(serverWords(L).jobLevelOutOfRange), "the server's reason, in the console's language");
      await visible(page.getByText(L.people.import.reportDryRunErrors));
      assert.match(await page.getByTestId("report-rows").innerText(), new RegExp(`${PEOPLE}$`));
      await shot("import-dry-run-error");

      // The row is fixed in the file, which is chosen again; the import is strict and writes all 50.
      await page.locator('input[type="file"]').setInputFiles(csvFile("people-fixed.csv", peopleCsv({ fixed: true, domain, tag })));
      assert.equal(await mappingFor(page, "Board member").inputValue(), L.people.fields.is_executive, "the hand-made choice is kept");
      await page.getByRole("button", { name: L.people.import.run, exact: true }).click();
      await visible(page.getByText(L.people.import.reportWritten));
      assert.match(await page.getByTestId("report-created").innerText(), new RegExp(`${PEOPLE}$`));
      assert.equal(await page.getByTestId(`row-error-${BAD_LINE}`).count(), 0);
      await shot("import-done");
    },

    /**
     * The wizard from the programs list: purposes and a success metric, then the design (name,
     * who may mentor and be mentored by job level, dates and a training module if given), then the
     * review, then create.
     */
    async createProgramWithWizard(page, { name, mentorLevelMax, menteeLevelMin, metric, startDate, endDate, training, shot }) {
      await page.getByRole("link", { name: L.programs.new }).click();
      await visible(page.getByRole("heading", { name: L.programs.wizard.title }));
      await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
      await visible(page.getByText(L.programs.wizard.errors.purposes));
      await page.getByLabel(L.programs.purposes.knowledge_sharing).check();
      await page.getByLabel(L.programs.purposes.adapting_to_change).check();
      if (metric) {
        await page.getByRole("button", { name: L.programs.wizard.addMetric }).click();
        await field(page, L.programs.metric.name).fill(metric.name);
        await field(page, L.programs.metric.target).fill(String(metric.target));
        await field(page, L.programs.metric.unit).fill(metric.unit);
        await field(page, L.programs.metric.measured_by).fill(metric.measuredBy);
      }
      await shot("wizard-purpose");
      await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
      await field(page, L.programs.fields.name).fill(name);
      await page.getByLabel(fill(L.programs.rule.levelMaxFor, { role: L.programs.roles.mentor })).fill(String(mentorLevelMax));
      await page.getByLabel(fill(L.programs.rule.levelMinFor, { role: L.programs.roles.mentee })).fill(String(menteeLevelMin));
      if (startDate) await field(page, L.programs.fields.start_date).fill(startDate);
      if (endDate) await field(page, L.programs.fields.end_date).fill(endDate);
      if (training) {
        await page.getByRole("button", { name: L.programs.wizard.addTraining }).click();
        await field(page, L.programs.training.title).fill(training);
      }
      await shot("wizard-design");
      await page.getByRole("button", { name: L.programs.wizard.next, exact: true }).click();
      const summary = await visible(page.getByTestId("design-summary"));
      assert.equal((await page.getByTestId("review-name").innerText()).trim(), name, "the review names the program");
      assert.match(await summary.innerText(), new RegExp(L.programs.purposes.knowledge_sharing));
      if (metric) assert.match(await summary.innerText(), new RegExp(metric.name));
      await shot("wizard-review");
      await page.getByRole("button", { name: L.programs.wizard.create }).click();
      await visible(page.getByRole("heading", { name }));
      await visible(page.getByTestId("program-state").getByText(L.programs.states.draft));
    },
  };
}
