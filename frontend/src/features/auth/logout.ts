import { sessionStore } from "./browserSession";
import { authClient, withRefreshLock } from "./tokens";

/** Ends the session here and on the server (best effort); the server also clears the cookie. */
export async function logout(): Promise<void> {
  const session = sessionStore.load();
  sessionStore.save(null, "logout");
  if (!session) return;
  try {
    // Under the refresh lock: a refresh in flight finishes first, so its answer cannot bring
    // the session back, and the cookie it rotated is the one ended here.
    await withRefreshLock(() => authClient.POST("/api/v1/auth/logout", { body: {} }));
  } catch {
    // Offline: the login expires on its own; this device has forgotten it already.
  }
}
