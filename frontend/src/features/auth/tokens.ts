import createClient from "openapi-fetch";
import type { paths } from "../../api/schema";
import { createRefreshCoordinator, RefreshRejected } from "./refreshCoordinator";
import { sessionStore } from "./sessionStore";
import { fromSession, type StoredSession } from "./storedSession";

// The refresh call goes through a plain client: it must not itself wait for a token.
const authClient = createClient<paths>({ baseUrl: "" });

async function exchange(refreshToken: string): Promise<StoredSession> {
  const { data, response } = await authClient.POST("/api/v1/auth/refresh", { body: { refresh_token: refreshToken } });
  if (data) return fromSession(data, Date.now());
  if (response.status === 401 || response.status === 422) throw new RefreshRejected();
  throw new Error(`refresh failed with HTTP ${response.status}`);
}

async function lockAcrossTabs<T>(fn: () => Promise<T>): Promise<T> {
  if (typeof navigator === "undefined" || !("locks" in navigator)) return fn();
  const result: T = await navigator.locks.request("tandem-refresh", fn);
  return result;
}

export const coordinator = createRefreshCoordinator({
  slot: { load: sessionStore.reload, save: (s, reason) => sessionStore.save(s, reason) },
  exchange,
  now: Date.now,
  marginMs: 60_000,
  lock: lockAcrossTabs,
});

function isAuthEndpoint(url: string): boolean {
  return new URL(url, window.location.href).pathname.startsWith("/api/v1/auth/");
}

function withToken(request: Request, token: string): Request {
  const headers = new Headers(request.headers);
  headers.set("Authorization", `Bearer ${token}`);
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
 * `fetch` for the API client: adds the access token (refreshed first when close to expiry),
 * and on a 401 refreshes once and repeats the request with the new token.
 */
export async function authorizedFetch(request: Request): Promise<Response> {
  if (isAuthEndpoint(request.url)) return fetch(request);
  const spare = request.clone();
  const token = await coordinator.accessToken();
  if (!token) return signedOut();
  const response = await fetch(withToken(request, token));
  if (response.status !== 401) return response;
  const next = await coordinator.refresh(token);
  return next ? fetch(withToken(spare, next.accessToken)) : response;
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Keeps an idle page signed in: refreshes inside the last minute before the access token expires. */
export function scheduleRefresh(): void {
  clearTimeout(timer);
  const session = sessionStore.load();
  if (!session) return;
  const delay = Math.max(session.expiresAt - Date.now() - 50_000, 0);
  timer = setTimeout(() => {
    coordinator.refresh().catch(() => {
      // Offline: the next request retries.
    });
  }, delay);
}
