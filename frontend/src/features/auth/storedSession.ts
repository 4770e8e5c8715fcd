import { ROLES, type Role, type Session } from "../../api/types";

/** What the console keeps of a session between page loads. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token stops working. */
  expiresAt: number;
  userId: string;
  tenantId: string;
  role: Role;
}

export function fromSession(session: Session, now: number): StoredSession {
  return {
    accessToken: session.access_token,
    refreshToken: session.refresh_token,
    expiresAt: now + session.expires_in * 1000,
    userId: session.user_id,
    tenantId: session.tenant_id,
    role: session.role,
  };
}

function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Parses what localStorage holds; anything unexpected counts as no session. */
export function parseStoredSession(raw: string | null): StoredSession | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (
    typeof v.accessToken === "string" &&
    typeof v.refreshToken === "string" &&
    typeof v.expiresAt === "number" &&
    typeof v.userId === "string" &&
    typeof v.tenantId === "string" &&
    isRole(v.role)
  ) {
    return {
      accessToken: v.accessToken,
      refreshToken: v.refreshToken,
      expiresAt: v.expiresAt,
      userId: v.userId,
      tenantId: v.tenantId,
      role: v.role,
    };
  }
  return null;
}
