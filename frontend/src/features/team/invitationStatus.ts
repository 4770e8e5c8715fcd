import type { InvitationSent, InvitationView } from "../../api/types";

export function isExpired(invitation: Pick<InvitationView, "expires_at">, now: number): boolean {
  return Date.parse(invitation.expires_at) <= now;
}

export interface InvitationCounts {
  pending: number;
  expired: number;
  /** More invitations exist than were counted. */
  more: boolean;
}

export function countInvitations(page: { items: InvitationView[]; next_cursor?: string | null }, now: number): InvitationCounts {
  const expired = page.items.filter((i) => isExpired(i, now)).length;
  return { pending: page.items.length - expired, expired, more: Boolean(page.next_cursor) };
}

/** Whether an invitation's email reached the queue for sending, or will never be delivered. */
export function undeliverable(sent: { email: Pick<InvitationSent["email"], "state"> }): boolean {
  return sent.email.state === "failed" || sent.email.state === "suppressed";
}
