import { describe, expect, it } from "vitest";
import type { ColumnView, GradeView } from "../../../api/types";
import { choose, confidenceOf, fieldOf, gradeLevels, importMapping, levelOf, missingFields } from "./mapping";
import { toBase64 } from "./file";

const column = (header: string, field: ColumnView["field"], confidence: ColumnView["confidence"] = field ? "exact" : null): ColumnView => ({
  header,
  field,
  confidence,
  examples: [],
});

const columns = [
  column("社員番号", "external_id"),
  column("氏名", "name"),
  column("メール", "email", "likely"),
  column("備考", null),
];

describe("column mapping from the preview", () => {
  it("takes the server's field unless one was chosen by hand, and says which", () => {
    const choices = { 備考: "department" } as const;
    expect(fieldOf(columns[3]!, choices)).toBe("department");
    expect(confidenceOf(columns[3]!, choices)).toBe("chosen");
    expect(fieldOf(columns[2]!, choices)).toBe("email");
    expect(confidenceOf(columns[2]!, choices)).toBe("likely");
    expect(confidenceOf(columns[0]!, { 社員番号: null })).toBeNull();
  });

  it("gives a field to one column: the column that had it is then ignored", () => {
    const choices = choose({}, columns, "備考", "name");
    expect(choices).toEqual({ 備考: "name", 氏名: null });
    expect(importMapping(columns, choices)).toEqual({ 社員番号: "external_id", メール: "email", 備考: "name" });
    expect(choose(choices, columns, "備考", null)).toEqual({ 備考: null, 氏名: null });
  });

  it("names the required fields no column fills", () => {
    expect(missingFields(columns, {})).toEqual([]);
    expect(missingFields(columns, { 社員番号: null, メール: null })).toEqual(["external_id", "email"]);
  });
});

describe("grade table", () => {
  const grades: GradeView[] = [
    { value: "M3", rows: 2, level: 4, source: "suggested" },
    { value: "G5", rows: 1, level: 9, source: "saved" },
    { value: "J1", rows: 2, level: 1, source: "suggested" },
    { value: "7", rows: 3, level: 7, source: "number" },
  ];

  it("sends the level on screen for every grade that is not a number", () => {
    const edits = { M3: 7, J1: "" };
    expect(levelOf(grades[0]!, edits)).toBe(7);
    expect(levelOf(grades[1]!, edits)).toBe(9);
    expect(gradeLevels(grades, edits)).toEqual({ M3: 7, G5: 9 });
  });
});

describe("file bytes", () => {
  it("are sent as base64 exactly as saved, Shift_JIS bytes included", () => {
    // 「社員番号」 in Shift_JIS, then CRLF.
    const sjis = new Uint8Array([0x8e, 0xd0, 0x88, 0xf5, 0x94, 0xd4, 0x8d, 0x86, 0x0d, 0x0a]);
    expect(toBase64(sjis.buffer)).toBe("jtCI9ZTUjYYNCg==");
  });

  it("reads a file larger than one slice", () => {
    const big = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const back = Uint8Array.from(atob(toBase64(big.buffer)), (c) => c.charCodeAt(0));
    expect(back.length).toBe(big.length);
    expect(back.every((b, i) => b === big[i])).toBe(true);
  });
});
