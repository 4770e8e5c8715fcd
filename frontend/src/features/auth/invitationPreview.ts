import { ApiError } from "../../api/problem";
import type { InvitationPreview } from "../../api/types";

/** What the accept page shows for its link, from the answer of `POST /auth/invitations/preview`. */
export type InvitationLink =
  | { kind: "missing" }
  | { kind: "loading" }
  | { kind: "ready"; preview: InvitationPreview }
  /** No invitation has this token: mistyped, withdrawn, or replaced by a newer link. */
  | { kind: "unknown" }
  /** The invitation expired or was accepted already. */
  | { kind: "gone" }
  /** The preview could not be read (network, server): the form is still offered. */
  | { kind: "failed"; error: unknown };

interface PreviewAnswer {
  isPending: boolean;
  data?: InvitationPreview;
  error: unknown;
}

/** A refusal that says the link itself is no good, whichever call it came from. */
export function badInvitationLink(error: unknown): "unknown" | "gone" | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 410) return "gone";
  if (error.status === 404) return "unknown";
  return null;
}

export function invitationLink(token: string, answer: PreviewAnswer): InvitationLink {
  if (!token) return { kind: "missing" };
  if (answer.data) return { kind: "ready", preview: answer.data };
  if (answer.error) {
    const bad = badInvitationLink(answer.error);
    return bad ? { kind: bad } : { kind: "failed", error: answer.error };
  }
  return { kind: "loading" };
}

/** An address with an account confirms with its password; any other creates one. */
export function acceptMode(link: InvitationLink): "new" | "existing" {
  return link.kind === "ready" && link.preview.has_account ? "existing" : "new";
}
