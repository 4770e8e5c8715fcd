import { describe, expect, it } from "vitest";
import { actionKey, shortId, summarizeDetails } from "./describeEvent";
import en from "../../i18n/en.json";

describe("audit events", () => {
  it("has a label for every known action", () => {
    for (const action of ["member.role_changed", "api_key.created", "tenant.created"]) {
      const key = actionKey(action);
      expect(key).not.toBeNull();
      const leaf = key!.split(".").pop()!;
      expect(Object.keys(en.audit.actions)).toContain(leaf);
    }
  });

  it("shows unknown actions as they are", () => {
    expect(actionKey("program.created")).toBeNull();
  });

  it("marks roles for translation and keeps other primitives", () => {
    expect(summarizeDetails({ from: "admin", to: "program_manager", email: "a@b.example", nested: { x: 1 } })).toEqual([
      { key: "from", value: { kind: "role", role: "admin" } },
      { key: "to", value: { kind: "role", role: "program_manager" } },
      { key: "email", value: { kind: "text", text: "a@b.example" } },
    ]);
    expect(summarizeDetails({ scopes: ["read", "write"] })).toEqual([
      { key: "scopes", value: { kind: "text", text: "read, write" } },
    ]);
  });

  it("shortens ids", () => {
    expect(shortId("01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f")).toBe("01936f0e…");
    expect(shortId(null)).toBe("—");
  });
});
