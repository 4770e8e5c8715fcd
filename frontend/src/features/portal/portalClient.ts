import createClient from "openapi-fetch";
import { inConsoleLanguage } from "../../api/client";
import { toProblem } from "../../api/problem";
import type { paths } from "../../api/schema";
import { COOKIE_SESSION, COOKIE_SESSION_HEADER } from "../auth/tokens";
import { PortalError, retryAfterSeconds } from "./portalErrors";

// The portal's calls: the participant's session is an HttpOnly cookie, sent because the call is
// same-origin, and the header tells the server a cookie session is meant (a cross-site form
// cannot send it). Nothing here touches the console's bearer tokens.

const signedOutListeners = new Set<() => void>();

/** Called whenever a portal call answers 401 (not signed in, or the session ended); returns the unsubscribe. */
export function onPortalSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** The typed client of the portal's routes (`/api/v1/portal/…`), in the page's language. */
export const portalApi = createClient<paths>({
  baseUrl: "",
  credentials: "same-origin",
  headers: { [COOKIE_SESSION_HEADER]: COOKIE_SESSION },
});
portalApi.use(inConsoleLanguage);
portalApi.use({
  onResponse({ response }) {
    if (response.status === 401) for (const listener of signedOutListeners) listener();
    return response;
  },
});

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

async function answered<T>(call: Promise<Answer<T>>): Promise<T | undefined> {
  const { data, error, response } = await call;
  if (!response.ok) throw new PortalError(toProblem(error, response.status), retryAfterSeconds(response.headers.get("Retry-After")));
  return data;
}

/** The body of a successful answer; a refusal becomes a `PortalError`. */
export async function portalUnwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const data = await answered(call);
  if (data === undefined) throw new PortalError(toProblem(null, 502), null);
  return data;
}

/** For answers without a body (202, 204): resolves when the call succeeded. */
export async function portalDone(call: Promise<Answer<unknown>>): Promise<void> {
  await answered(call);
}
