import { parseStoredSession, type StoredSession } from "./storedSession";

const KEY = "tandem.session";

export type EndReason = "expired" | "logout";

type Listener = () => void;

/**
 * The signed-in session, kept in localStorage so it survives reloads and is shared by tabs.
 * React reads it through `useSyncExternalStore` (see useSession.ts).
 */
class SessionStore {
  private current: StoredSession | null = parseStoredSession(localStorage.getItem(KEY));
  private reason: EndReason | null = null;
  private readonly listeners = new Set<Listener>();

  constructor() {
    // Another tab signed in, refreshed or signed out.
    window.addEventListener("storage", (event) => {
      if (event.key !== KEY) return;
      this.current = parseStoredSession(event.newValue);
      if (!this.current) this.reason = "logout";
      this.emit();
    });
  }

  load = (): StoredSession | null => this.current;

  /** Why the last session ended; `null` while signed in or before any session. */
  endReason = (): EndReason | null => this.reason;

  save = (session: StoredSession | null, reason: EndReason = "logout"): void => {
    this.current = session;
    this.reason = session ? null : reason;
    if (session) localStorage.setItem(KEY, JSON.stringify(session));
    else localStorage.removeItem(KEY);
    this.emit();
  };

  /** Re-reads localStorage: another tab may have rotated the tokens (used under the refresh lock). */
  reload = (): StoredSession | null => {
    this.current = parseStoredSession(localStorage.getItem(KEY));
    return this.current;
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export const sessionStore = new SessionStore();
