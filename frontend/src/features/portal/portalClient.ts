import { ApiError, toProblem } from "../../api/problem";
import { currentLanguage } from "../../i18n";
import { COOKIE_SESSION, COOKIE_SESSION_HEADER } from "../auth/tokens";

// The portal's calls: the participant's session is an HttpOnly cookie, sent because the call is
// same-origin, and the header tells the server a cookie session is meant (a cross-site form
// cannot send it). Nothing here touches the console's bearer tokens.

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const signedOutListeners = new Set<() => void>();

/** Called whenever a portal call answers 401 (not signed in, or the session ended); returns the unsubscribe. */
export function onPortalSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** A refusal of the portal, with how long to wait when the server asked (429 Retry-After, in seconds). */
export class PortalError extends ApiError {
  readonly retryAfter: number | null;

  constructor(problem: ConstructorParameters<typeof ApiError>[0], retryAfter: number | null) {
    super(problem);
    this.retryAfter = retryAfter;
  }
}

/** Retry-After in seconds (the server sends seconds, not a date); `null` when absent or unreadable. */
export function retryAfterSeconds(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * One call to `/api/v1{path}`: the JSON answer, or an `ApiError` with the problem document. A 401
 * also tells the listeners, so the portal can send the person to sign in.
 */
export async function portalCall<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    credentials: "same-origin",
    headers: {
      Accept: "application/json",
      "Accept-Language": currentLanguage(),
      [COOKIE_SESSION_HEADER]: COOKIE_SESSION,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? parse(text) : null;
  if (!response.ok) {
    if (response.status === 401) for (const listener of signedOutListeners) listener();
    throw new PortalError(toProblem(json, response.status), retryAfterSeconds(response.headers.get("Retry-After")));
  }
  return json as T;
}

/** Whether a failed call means "not signed in". */
export const isSignedOut = (error: unknown): boolean => error instanceof ApiError && error.status === 401;
