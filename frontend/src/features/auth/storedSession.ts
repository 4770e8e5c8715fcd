import { ROLES, type Role, type Session } from "../../api/types";

/**
 * What the console remembers of a session between page loads: facts that are no secret.
 * The refresh token is an HttpOnly cookie the page cannot read, and the access token lives
 * in memory only, so nothing in localStorage lets a script that reads it act as the person.
 */
export interface SessionFacts {
  userId: string;
  tenantId: string;
  role: Role;
  /** Epoch milliseconds when the login ends: after it, the refresh cookie no longer works. */
  refreshExpiresAt: number;
}

/** The session as one tab holds it: the facts, and an access token once it has one. */
export interface ConsoleSession extends SessionFacts {
  /** `null` after a page load, until a refresh (or another tab) brings one. */
  accessToken: string | null;
  /** Epoch milliseconds when the access token stops working; 0 without one. */
  expiresAt: number;
}

export function fromSession(session: Session, now: number): ConsoleSession {
  const refreshExpiresAt = Date.parse(session.refresh_expires_at);
  return {
    accessToken: session.access_token,
    expiresAt: now + session.expires_in * 1000,
    userId: session.user_id,
    tenantId: session.tenant_id,
    role: session.role,
    // An unreadable date leaves the end of the login to the server.
    refreshExpiresAt: Number.isFinite(refreshExpiresAt) ? refreshExpiresAt : Number.MAX_SAFE_INTEGER,
  };
}

/** Only the facts, field by field, so that a token can never be written along with them. */
export function factsOf(session: SessionFacts): SessionFacts {
  return {
    userId: session.userId,
    tenantId: session.tenantId,
    role: session.role,
    refreshExpiresAt: session.refreshExpiresAt,
  };
}

/** The facts of a remembered session, still waiting for an access token. */
export function withoutToken(facts: SessionFacts): ConsoleSession {
  return { ...factsOf(facts), accessToken: null, expiresAt: 0 };
}

/** Whether two sessions are the same person in the same company (a token of one fits the other). */
export type Login = Pick<SessionFacts, "userId" | "tenantId">;

export function sameLogin(a: Login, b: Login): boolean {
  return a.userId === b.userId && a.tenantId === b.tenantId;
}

function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/**
 * Parses what localStorage holds; anything unexpected counts as no session. An entry written
 * by an older console (with tokens, without `refreshExpiresAt`) is not a session either: such
 * a login has no refresh cookie.
 */
export function parseFacts(raw: string | null): SessionFacts | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if ("refreshToken" in v || "accessToken" in v) return null;
  if (
    typeof v.userId === "string" &&
    typeof v.tenantId === "string" &&
    typeof v.refreshExpiresAt === "number" &&
    isRole(v.role)
  ) {
    return { userId: v.userId, tenantId: v.tenantId, role: v.role, refreshExpiresAt: v.refreshExpiresAt };
  }
  return null;
}
