import { useSyncExternalStore } from "react";
import type { Session } from "../../api/types";
import { sessionStore } from "./sessionStore";
import { fromSession, type StoredSession } from "./storedSession";

export function useSession(): StoredSession | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.load);
}

/** Starts a session from what signup, login or an accepted invitation returned. */
export function startSession(session: Session): StoredSession {
  const stored = fromSession(session, Date.now());
  sessionStore.save(stored);
  return stored;
}
