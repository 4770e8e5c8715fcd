import { useSyncExternalStore } from "react";
import type { Session } from "../../api/types";
import { sessionStore } from "./browserSession";
import { fromSession, type ConsoleSession } from "./storedSession";

export function useSession(): ConsoleSession | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.load);
}

/** Starts a session from what login, a verified sign-up or an accepted invitation returned. */
export function startSession(session: Session): ConsoleSession {
  const started = fromSession(session, Date.now());
  sessionStore.save(started);
  return started;
}
