import createClient from "openapi-fetch";
import type { paths } from "../../api/schema";
import { sessionStore } from "./browserSession";
import { createRefreshCoordinator, RefreshRejected } from "./refreshCoordinator";
import { fromSession, type ConsoleSession } from "./storedSession";

/**
 * Asks the server to keep the refresh token in its HttpOnly cookie rather than in the answer.
 * The server also insists on it before it reads the cookie, which a cross-site form cannot send.
 */
export const COOKIE_SESSION_HEADER = "X-Tandem-Session";
export const COOKIE_SESSION = "cookie";

/**
 * For the refresh and logout calls: a plain client (it must not itself wait for a token) that
 * sends the cookie (same origin) and asks for cookie sessions.
 */
export const authClient = createClient<paths>({
  baseUrl: "",
  credentials: "same-origin",
  headers: { [COOKIE_SESSION_HEADER]: COOKIE_SESSION },
});

async function exchange(): Promise<ConsoleSession> {
  // `{}`: the refresh token is the cookie.
  const { data, response } = await authClient.POST("/api/v1/auth/refresh", { body: {} });
  if (data) return fromSession(data, Date.now());
  if (response.status === 401 || response.status === 422) throw new RefreshRejected();
  throw new Error(`refresh failed with HTTP ${response.status}`);
}

/**
 * Runs `fn` while no other tab of this console uses the refresh cookie: each use rotates it, and
 * the server ends the whole login when an old one comes back.
 */
export async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  if (typeof navigator === "undefined" || !("locks" in navigator)) return fn();
  const result: T = await navigator.locks.request("tandem-refresh", fn);
  return result;
}

export const coordinator = createRefreshCoordinator({
  slot: { load: sessionStore.reload, save: (s, reason) => sessionStore.save(s, reason) },
  exchange,
  now: Date.now,
  marginMs: 60_000,
  lock: withRefreshLock,
});

function isAuthEndpoint(url: string): boolean {
  return new URL(url, window.location.href).pathname.startsWith("/api/v1/auth/");
}

function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request, { headers });
}

/** The answer for a call made without a session: the server would say the same, so it is not asked. */
function signedOut(): Response {
  const problem = { type: "/problems/unauthorized", title: "Not signed in", status: 401, detail: "Log in to continue.", code: "no_credential" };
  return new Response(JSON.stringify(problem), {
    status: 401,
    headers: { "content-type": "application/problem+json" },
  });
}

/**
 * `fetch` for the API client. Calls to `/auth/…` (sign-in, sign-up, invitations) ask for a
 * cookie session; every other call carries the access token (refreshed first when missing or
 * close to expiry), and on a 401 refreshes once and repeats the request with the new token.
 */
export async function authorizedFetch(request: Request): Promise<Response> {
  if (isAuthEndpoint(request.url)) return fetch(withHeader(request, COOKIE_SESSION_HEADER, COOKIE_SESSION));
  const spare = request.clone();
  const token = await coordinator.accessToken();
  if (!token) return signedOut();
  const response = await fetch(withHeader(request, "Authorization", `Bearer ${token}`));
  if (response.status !== 401) return response;
  const next = await coordinator.refresh(token);
  return next?.accessToken ? fetch(withHeader(spare, "Authorization", `Bearer ${next.accessToken}`)) : response;
}

let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * Keeps an idle page signed in: refreshes inside the last minute before the access token
 * expires, and at once after a page load, which leaves only the remembered facts.
 */
export function scheduleRefresh(): void {
  clearTimeout(timer);
  const session = sessionStore.load();
  if (!session) return;
  const delay = session.accessToken ? Math.max(session.expiresAt - Date.now() - 50_000, 0) : 0;
  timer = setTimeout(() => {
    coordinator.refresh().catch(() => {
      // Offline: the next request retries.
    });
  }, delay);
}
