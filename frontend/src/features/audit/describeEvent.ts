import { ROLES, type Role } from "../../api/types";
import type en from "../../i18n/en.json";

export const KNOWN_ACTIONS = [
  "tenant.created",
  "demo.seeded",
  "member.role_changed",
  "member.removed",
  "invitation.created",
  "invitation.accepted",
  "invitation.withdrawn",
  "api_key.created",
  "api_key.revoked",
] as const;

export type KnownAction = (typeof KNOWN_ACTIONS)[number];

type ActionLeaf = keyof (typeof en)["audit"]["actions"];

// Dots would nest in i18next, so catalogue keys use underscores; the compiler checks each exists.
const LEAVES: Record<KnownAction, ActionLeaf> = {
  "tenant.created": "tenant_created",
  "demo.seeded": "demo_seeded",
  "member.role_changed": "member_role_changed",
  "member.removed": "member_removed",
  "invitation.created": "invitation_created",
  "invitation.accepted": "invitation_accepted",
  "invitation.withdrawn": "invitation_withdrawn",
  "api_key.created": "api_key_created",
  "api_key.revoked": "api_key_revoked",
};

function isKnownAction(action: string): action is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}

/** The catalogue key of an action's label; `null` for actions this console does not know yet. */
export function actionKey(action: string): `audit.actions.${ActionLeaf}` | null {
  return isKnownAction(action) ? `audit.actions.${LEAVES[action]}` : null;
}

export type DetailValue = { kind: "role"; role: Role } | { kind: "text"; text: string };

export interface Detail {
  key: string;
  value: DetailValue;
}

function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The flat, readable part of an event's details: primitives only; roles marked for translation. */
export function summarizeDetails(details: Readonly<Record<string, unknown>>): Detail[] {
  const out: Detail[] = [];
  for (const [key, raw] of Object.entries(details)) {
    if (isRole(raw) && (key === "role" || key === "from" || key === "to")) {
      out.push({ key, value: { kind: "role", role: raw } });
    } else if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") {
      out.push({ key, value: { kind: "text", text: String(raw) } });
    } else if (Array.isArray(raw) && raw.every((v) => typeof v === "string")) {
      out.push({ key, value: { kind: "text", text: raw.join(", ") } });
    }
  }
  return out;
}

/** A short form of an id for people to compare, e.g. "01936f0e…". */
export function shortId(id: string | null | undefined): string {
  return id ? `${id.slice(0, 8)}…` : "—";
}
