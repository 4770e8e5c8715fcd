import { describe, expect, it } from "vitest";
import type { DeliveryState, InvitationView } from "../../api/types";
import { countInvitations, undeliverable } from "./invitationStatus";

const now = Date.parse("2026-11-25T12:00:00Z");
const invitation = (expires_at: string): InvitationView => ({
  id: expires_at,
  email: "a@b.example",
  role: "viewer",
  invited_by: "u",
  expires_at,
  created_at: "2026-11-20T00:00:00Z",
});

describe("invitation counts", () => {
  it("tells pending from expired invitations", () => {
    const page = { items: [invitation("2026-11-26T00:00:00Z"), invitation("2026-11-24T00:00:00Z")], next_cursor: null };
    expect(countInvitations(page, now)).toEqual({ pending: 1, expired: 1, more: false });
  });

  it("says when there are more than one page holds", () => {
    expect(countInvitations({ items: [], next_cursor: "abc" }, now).more).toBe(true);
  });
});

describe("invitation email", () => {
  const sent = (state: DeliveryState) => ({ email: { state } });
  it("is undeliverable only when it failed or the address is suppressed", () => {
    expect(undeliverable(sent("failed"))).toBe(true);
    expect(undeliverable(sent("suppressed"))).toBe(true);
    for (const state of ["queued", "sending", "sent", "retrying"] as const) expect(undeliverable(sent(state))).toBe(false);
  });
});
