import { describe, expect, it } from "vitest";
import { ApiError, toProblem } from "../../api/problem";
import type { InvitationPreview } from "../../api/types";
import { acceptMode, badInvitationLink, invitationLink } from "./invitationPreview";

const preview: InvitationPreview = {
  company: "Sakura Industries",
  role: "admin",
  inviter: "Aiko Tanaka",
  email: "kenji.sato@sakura.example",
  expires_at: "2026-11-30T09:00:00Z",
  has_account: false,
};
const refusal = (status: number) =>
  new ApiError(toProblem({ type: "/problems/x", title: "No", status, detail: "", code: "invitation_used" }, status));

describe("invitation link", () => {
  it("is missing without a token, whatever the preview says", () => {
    expect(invitationLink("", { isPending: true, error: null })).toEqual({ kind: "missing" });
  });

  it("is loading until the preview answers", () => {
    expect(invitationLink("t", { isPending: true, error: null })).toEqual({ kind: "loading" });
  });

  it("offers what the preview names", () => {
    expect(invitationLink("t", { isPending: false, data: preview, error: null })).toEqual({ kind: "ready", preview });
  });

  it("tells an unknown link (404) from an expired or used one (410)", () => {
    expect(invitationLink("t", { isPending: false, error: refusal(404) })).toEqual({ kind: "unknown" });
    expect(invitationLink("t", { isPending: false, error: refusal(410) })).toEqual({ kind: "gone" });
  });

  it("keeps the form for other failures, with the error to show", () => {
    const offline = new TypeError("Failed to fetch");
    expect(invitationLink("t", { isPending: false, error: offline })).toEqual({ kind: "failed", error: offline });
    const broken = refusal(500);
    expect(invitationLink("t", { isPending: false, error: broken })).toEqual({ kind: "failed", error: broken });
  });
});

describe("accepting", () => {
  it("asks an address with an account for its password only", () => {
    expect(acceptMode({ kind: "ready", preview: { ...preview, has_account: true } })).toBe("existing");
    expect(acceptMode({ kind: "ready", preview })).toBe("new");
  });

  it("creates an account when the preview could not say", () => {
    expect(acceptMode({ kind: "failed", error: null })).toBe("new");
  });

  it("reads a refused acceptance as a bad link only for 404 and 410", () => {
    expect(badInvitationLink(refusal(410))).toBe("gone");
    expect(badInvitationLink(refusal(404))).toBe("unknown");
    expect(badInvitationLink(refusal(401))).toBeNull();
    expect(badInvitationLink(new Error("x"))).toBeNull();
  });
});
