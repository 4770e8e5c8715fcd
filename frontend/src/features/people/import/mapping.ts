import type { ColumnView, Confidence, GradeView, PersonField } from "../../../api/types";

/** Fields chosen by hand in this import, by header: a field, or `null` for a column to ignore. */
export type Choices = Record<string, PersonField | null>;

/** How sure a column's field is: the server's word, or "chosen" for a choice made by hand. */
export type ColumnConfidence = Confidence | "chosen";

/** The field a column fills: the choice made by hand, else what the server read. */
export function fieldOf(column: ColumnView, choices: Choices): PersonField | null {
  return column.header in choices ? (choices[column.header] ?? null) : (column.field ?? null);
}

export function confidenceOf(column: ColumnView, choices: Choices): ColumnConfidence | null {
  if (column.header in choices) return choices[column.header] ? "chosen" : null;
  return column.confidence ?? null;
}

/**
 * The choices after giving `header` the field `field`: a field fills one column at most, so a
 * column that filled it until now is set to be ignored.
 */
export function choose(choices: Choices, columns: readonly ColumnView[], header: string, field: PersonField | null): Choices {
  const next: Choices = { ...choices, [header]: field };
  if (field === null) return next;
  for (const column of columns) {
    if (column.header !== header && fieldOf(column, choices) === field) next[column.header] = null;
  }
  return next;
}

/** The import's mapping: each column that fills a field. */
export function importMapping(columns: readonly ColumnView[], choices: Choices): Record<string, PersonField> {
  const out: Record<string, PersonField> = {};
  for (const column of columns) {
    const field = fieldOf(column, choices);
    if (field) out[column.header] = field;
  }
  return out;
}

export function isMapped(columns: readonly ColumnView[], choices: Choices, field: PersonField): boolean {
  return columns.some((c) => fieldOf(c, choices) === field);
}

export const REQUIRED_FIELDS: readonly PersonField[] = ["external_id", "name", "email"];

/** Required fields no column fills yet. */
export function missingFields(columns: readonly ColumnView[], choices: Choices): PersonField[] {
  return REQUIRED_FIELDS.filter((f) => !isMapped(columns, choices, f));
}

/** Levels typed in the grade table, by grade; an emptied box is "". */
export type LevelEdits = Record<string, number | string>;

/** The level a grade has on screen: as typed, else as the preview gives it. */
export function levelOf(grade: GradeView, edits: LevelEdits): number | string {
  return grade.value in edits ? (edits[grade.value] ?? "") : grade.level;
}

/**
 * The import's grade table: every grade that is not a whole number, with the level on screen.
 * A grade whose box was emptied is left out (the server then names it as not mapped).
 */
export function gradeLevels(grades: readonly GradeView[], edits: LevelEdits): Record<string, number> {
  const out: Record<string, number> = {};
  for (const grade of grades) {
    if (grade.source === "number") continue;
    const level = levelOf(grade, edits);
    if (typeof level === "number" && Number.isInteger(level)) out[grade.value] = level;
  }
  return out;
}
