import { describe, expect, it } from "vitest";
import { autoMap, duplicateFields, guessField, missingFields, requestMapping } from "./mapping";
import { parseCsv, previewCsv } from "./csv";

describe("header → field auto-mapping", () => {
  it("maps field names and obvious synonyms, in English and Japanese", () => {
    expect(guessField("external_id")).toBe("external_id");
    expect(guessField("Employee ID")).toBe("external_id");
    expect(guessField("Full name")).toBe("name");
    expect(guessField("E-mail")).toBe("email");
    expect(guessField("Dept.")).toBe("department");
    expect(guessField("Grade")).toBe("job_level");
    expect(guessField("Time Zone")).toBe("time_zone");
    expect(guessField("氏名")).toBe("name");
    expect(guessField("メールアドレス")).toBe("email");
    expect(guessField("Cost centre")).toBeNull();
  });

  it("gives each field to one column at most and ignores the rest", () => {
    expect(autoMap(["ID", "Employee ID", "Mail", "Cost centre"])).toEqual({
      ID: "external_id",
      "Employee ID": "",
      Mail: "email",
      "Cost centre": "",
    });
  });

  it("keeps choices made for headers the new file still has", () => {
    const previous = { Mail: "", Grade: "title" } as const;
    expect(autoMap(["Mail", "Grade", "Name"], previous)).toEqual({ Mail: "", Grade: "title", Name: "name" });
  });

  it("sends only mapped columns and names what is missing or doubled", () => {
    const mapping = { A: "name", B: "", C: "name" } as const;
    expect(requestMapping(mapping)).toEqual({ A: "name", C: "name" });
    expect(missingFields(mapping)).toEqual(["external_id", "email"]);
    expect(duplicateFields(mapping)).toEqual(["name"]);
  });
});

describe("CSV preview", () => {
  it("reads quotes, doubled quotes, commas and line breaks inside cells, and CRLF", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["two\nlines", "z"],
    ]);
  });

  it("gives the trimmed headers and the first rows, skipping a BOM and blank lines", () => {
    const text = "\uFEFFEmployee ID , Name\nE1,Ann\n\nE2,Bo\nE3,Cy\n";
    expect(previewCsv(text, 2)).toEqual({ headers: ["Employee ID", "Name"], rows: [["E1", "Ann"], ["E2", "Bo"]] });
  });
});
