import { describe, expect, it } from "vitest";
import en from "./en.json";
import ja from "./ja.json";
import { ROLES } from "../api/types";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? "").sort();
}

function leaf(catalogue: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], catalogue);
}

describe("catalogues", () => {
  it("English and Japanese have exactly the same keys", () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
  });

  it("every message is a non-empty string", () => {
    for (const catalogue of [en, ja]) {
      for (const path of keys(catalogue)) {
        const value = leaf(catalogue, path);
        expect(typeof value === "string" && value.trim().length > 0, path).toBe(true);
      }
    }
  });

  it("translations use the same placeholders", () => {
    for (const path of keys(en)) {
      expect(placeholders(String(leaf(ja, path))), path).toEqual(placeholders(String(leaf(en, path))));
    }
  });

  it("every English message starts with a capital letter, except words made to sit inside a sentence", () => {
    const fragments = new Set(["team.you", "preferences.thisEmail", "preferences.or", "home.checklist.done", "home.checklist.todo"]);
    const fragmentGroups = ["recruitment.audience.", "apply.statusWords.", "tracking.time."];
    for (const path of keys(en)) {
      if (fragments.has(path) || fragmentGroups.some((g) => path.startsWith(g))) continue;
      expect(String(leaf(en, path)), path).toMatch(/^[^a-z]/);
    }
  });

  it("Japanese names the job level 等級 and nothing else", () => {
    for (const path of keys(ja)) {
      expect(String(leaf(ja, path)), path).not.toMatch(/職位|職級|グレード|ジョブレベル/);
    }
    expect(leaf(ja, "people.fields.job_level")).toBe("等級");
  });

  it("every role has its name and a one-line description of what it may do, in both languages", () => {
    for (const catalogue of [en, ja]) {
      for (const role of ROLES) {
        expect(leaf(catalogue, `roles.${role}`), role).toBeTruthy();
        const description = String(leaf(catalogue, `team.roleDescriptions.${role}`));
        expect(description.length, role).toBeGreaterThan(10);
        expect(description, role).not.toMatch(/\n/);
      }
    }
  });
});
