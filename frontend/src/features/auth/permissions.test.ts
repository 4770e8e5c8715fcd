import { describe, expect, it } from "vitest";
import { assignableRoles, canAdminister, canChangeRole, canRemove } from "./permissions";

describe("permissions", () => {
  it("lets only owners and admins administer", () => {
    expect(canAdminister("owner")).toBe(true);
    expect(canAdminister("admin")).toBe(true);
    expect(canAdminister("program_manager")).toBe(false);
    expect(canAdminister("viewer")).toBe(false);
  });

  it("lets only owners grant the owner role", () => {
    expect(assignableRoles("owner")).toContain("owner");
    expect(assignableRoles("admin")).not.toContain("owner");
    expect(assignableRoles("viewer")).toEqual([]);
  });

  it("keeps admins away from owners and everyone away from the last owner", () => {
    expect(canChangeRole("admin", { role: "owner", isSelf: false }, 2)).toBe(false);
    expect(canChangeRole("owner", { role: "owner", isSelf: false }, 1)).toBe(false);
    expect(canChangeRole("owner", { role: "owner", isSelf: false }, 2)).toBe(true);
    expect(canRemove("admin", { role: "viewer", isSelf: false }, 1)).toBe(true);
  });

  it("does not offer changing or removing oneself", () => {
    expect(canChangeRole("owner", { role: "owner", isSelf: true }, 3)).toBe(false);
    expect(canRemove("admin", { role: "admin", isSelf: true }, 1)).toBe(false);
  });
});
