import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { catalogues, startJourney } from "../support/browser.mjs";
import { directorySteps } from "../support/directory.mjs";
import { field, fill, steps, visible } from "../support/flows.mjs";
import { serverWords } from "../support/serverWords.mjs";

const here = dirname(fileURLToPath(import.meta.url));
/** The company's own export as Excel saves it: Shift_JIS, CRLF, Japanese headers, grades M3/J1/G5/J2/M1. */
const EXPORT = join(here, "../../../tests/fixtures/hr-export-sjis.csv");
const EN = catalogues.en;
const L = catalogues.ja;
const en = steps(EN);
const ja = steps(L);
const run = Date.now().toString(36);
const owner = { company: "さくら製作所", name: "山口 真理", email: `mari.${run}@sakura-mfg.example`, password: "長いパスフレーズです34" };

/** The import page with the export chosen, once the server has read it. */
async function openImportWithExport(page, Lx, s) {
  await s.openNav(page, Lx.nav.people, Lx.people.title);
  await page.getByRole("link", { name: Lx.people.import.open }).click();
  await visible(page.getByRole("heading", { name: Lx.people.import.title }));
  await page.locator('input[type="file"]').setInputFiles(EXPORT);
  await visible(directorySteps(Lx).mappingFor(page, "社員番号"));
}

const levelBox = (page, grade) => page.getByLabel(fill(L.people.import.levelFor, { grade }), { exact: true });
const text = async (locator) => (await visible(locator)).innerText();

test("an HR manager imports the company's own Shift_JIS Excel export, in Japanese", async () => {
  const journey = await startJourney("j-hr-export-import");
  try {
    const page = await journey.person("hr");
    await en.signUp(page, owner);
    await en.submitSignUp(page, owner);
    await en.switchLanguage(page, "日本語");
    await visible(page.getByRole("navigation").getByRole("link", { name: L.nav.people, exact: true }));

    // The file is read as Shift_JIS: names and headers are readable, columns mapped by meaning.
    await openImportWithExport(page, L, ja);
    const mappingFor = directorySteps(L).mappingFor;
    assert.equal(await text(page.getByTestId("encoding-used")), fill(L.people.import.encodingDetected, { encoding: "Shift_JIS" }));
    assert.equal(await page.getByRole("combobox", { name: L.people.import.encoding, exact: true }).inputValue(), "Shift_JIS");
    const firstRow = await text(page.getByTestId("sample-2"));
    assert.ok(firstRow.includes("山本 健一"), `line 2 reads ${firstRow}`);
    assert.ok(!firstRow.includes("\uFFFD"), "nothing garbled");
    assert.ok((await text(page.getByTestId("mapping-氏名"))).includes("山本 健一"));
    assert.equal(await mappingFor(page, "氏名").inputValue(), L.people.fields.name);
    assert.equal(await mappingFor(page, "フリガナ").inputValue(), L.people.fields.name_reading);
    assert.equal(await mappingFor(page, "上長社員番号").inputValue(), L.people.fields.manager_external_id);
    assert.equal(await mappingFor(page, "言語").inputValue(), L.people.fields.preferred_locale);
    assert.equal(await mappingFor(page, "備考").inputValue(), L.people.import.ignore);
    assert.equal(await text(page.getByTestId("confidence-社員番号")), L.people.import.confidence.exact);
    assert.ok((await text(page.getByTestId("language-英語"))).includes(L.language.names.en), "英語 is read as English");
    await journey.shot(page, "import-read-shift-jis-ja");

    // Read as UTF-8 instead, the rows cannot be read: the page says so; Shift_JIS again reads them.
    await ja.choose(page, L.people.import.encoding, "UTF-8");
    const unreadable = await text(page.getByTestId("encoding-unreadable"));
    assert.equal(unreadable, fill(L.people.import.unreadable_other, { count: 8, encoding: "UTF-8" }));
    assert.equal(await text(page.getByTestId("encoding-used")), fill(L.people.import.encodingChosen, { encoding: "UTF-8", detected: "Shift_JIS" }));
    await journey.shot(page, "import-read-as-utf8-ja");
    await ja.choose(page, L.people.import.encoding, "Shift_JIS");
    await visible(mappingFor(page, "社員番号"));
    assert.ok((await text(page.getByTestId("sample-2"))).includes("山本 健一"));
    assert.equal(await page.getByTestId("encoding-unreadable").count(), 0);

    // The grade table comes prefilled with a suggestion to check; M3 and G5 are set by hand.
    for (const grade of ["M3", "J1", "G5", "J2", "M1"]) {
      assert.ok((await text(page.getByTestId(`grade-${grade}`))).includes(L.people.import.gradeSource.suggested), grade);
    }
    await levelBox(page, "M3").fill("7");
    await levelBox(page, "G5").fill("12");
    await journey.shot(page, "import-grades-ja");

    // Dry run of the valid rows: the bad email refused on line 4, S004 on line 5 kept without its manager.
    const words = serverWords(L);
    await page.getByLabel(L.people.import.validOnly).check();
    await page.getByRole("button", { name: L.people.import.dryRun }).click();
    await visible(page.getByText(L.people.import.reportDryRunErrors));
    const refused = await text(page.getByTestId("row-error-4"));
    assert.ok(refused.includes("daisuke.suzuki@sakura-mfg"), refused);
    assert.ok(refused.includes(L.people.fields.email), refused);
    assert.ok(refused.includes(words.notAnEmail), refused);
    assert.equal(await page.getByTestId("import-report").locator('[data-testid^="row-error-"]').count(), 1, "one refused row");
    const summary = await text(page.getByTestId("report-summary"));
    assert.ok(summary.includes(fill(L.people.import.summaryRows_other, { count: 1, message: words.notAnEmail })), summary);
    const warning = await text(page.getByTestId("import-warnings").getByTestId("row-warning-5"));
    assert.ok(warning.includes(words.importedWithoutManager), warning);
    assert.ok(warning.includes("S003"), warning);
    assert.match(await text(page.getByTestId("report-accepted")), /7$/);
    await journey.shot(page, "import-dry-run-ja");

    // The import writes the 7 valid rows.
    await page.getByRole("button", { name: L.people.import.run, exact: true }).click();
    await visible(page.getByText(L.people.import.reportPartly));
    assert.match(await text(page.getByTestId("report-created")), /7$/);
    await journey.shot(page, "import-done-ja");

    // The directory has them, with their furigana.
    await page.getByRole("link", { name: L.people.import.toDirectory }).click();
    await visible(page.getByTestId("person-S004"));
    assert.equal(await page.getByTestId("person-S003").count(), 0);
    await page.getByRole("link", { name: "山本 健一" }).click();
    await visible(ja.heading(page, "山本 健一"));
    await visible(page.getByText("ヤマモト ケンイチ"));
    await visible(page.getByText(L.people.fields.name_reading, { exact: true }));
    await journey.shot(page, "person-with-furigana-ja");
    await page.getByRole("button", { name: L.people.edit }).click();
    assert.equal(await (await visible(field(page, L.people.fields.name_reading))).inputValue(), "ヤマモト ケンイチ");
    await journey.shot(page, "person-form-furigana-ja");
    await page.getByRole("button", { name: L.common.cancel }).click();

    // The same file again: the mapping and the grade table are the ones saved by the import.
    await openImportWithExport(page, L, ja);
    for (const header of ["社員番号", "氏名", "上長社員番号", "言語"]) {
      assert.equal(await text(page.getByTestId(`confidence-${header}`)), L.people.import.confidence.saved, header);
    }
    assert.equal(await mappingFor(page, "上長社員番号").inputValue(), L.people.fields.manager_external_id);
    assert.equal(await levelBox(page, "M3").inputValue(), "7");
    assert.equal(await levelBox(page, "G5").inputValue(), "12");
    assert.ok((await text(page.getByTestId("grade-M3"))).includes(L.people.import.gradeSource.saved));
    await journey.shot(page, "import-again-saved-ja");

    // The report in English, with the server's words in English.
    await ja.switchLanguage(page, "EN");
    await visible(page.getByRole("heading", { name: EN.people.import.title }));
    await page.getByLabel(EN.people.import.validOnly).check();
    await page.getByRole("button", { name: EN.people.import.dryRun }).click();
    await visible(page.getByText(EN.people.import.reportDryRunErrors));
    assert.ok((await text(page.getByTestId("row-error-4"))).includes(serverWords(EN).notAnEmail));
    assert.ok((await text(page.getByTestId("row-warning-5"))).includes(serverWords(EN).importedWithoutManager));
    assert.match(await text(page.getByTestId("report-updated")), /7$/);
    await journey.shot(page, "import-dry-run-en");
  } catch (error) {
    await journey.abort();
    throw error;
  }
  await journey.finish();
});
