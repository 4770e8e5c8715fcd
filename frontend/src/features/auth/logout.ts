import createClient from "openapi-fetch";
import type { paths } from "../../api/schema";
import { sessionStore } from "./sessionStore";

const authClient = createClient<paths>({ baseUrl: "" });

/** Ends the session on the server (best effort) and here. */
export async function logout(): Promise<void> {
  const session = sessionStore.load();
  sessionStore.save(null, "logout");
  if (!session) return;
  try {
    await authClient.POST("/api/v1/auth/logout", { body: { refresh_token: session.refreshToken } });
  } catch {
    // Offline: the refresh token expires on its own; this device has forgotten it already.
  }
}
