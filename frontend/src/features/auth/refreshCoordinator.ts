import type { ConsoleSession } from "./storedSession";

/** The server refused the refresh cookie (missing, expired, revoked or reused): the session is over. */
export class RefreshRejected extends Error {
  constructor() {
    super("refresh refused");
    this.name = "RefreshRejected";
  }
}

export interface SessionSlot {
  /** The session as it stands now, re-read (another tab may have changed it). */
  load(): ConsoleSession | null;
  /** `null` ends the session; `reason` says why. */
  save(session: ConsoleSession | null, reason?: "expired"): void;
}

export interface RefreshDeps {
  slot: SessionSlot;
  /** Renews the session with the refresh cookie; throws `RefreshRejected` when the server says no. */
  exchange(): Promise<ConsoleSession>;
  now(): number;
  /** Refresh this long before the access token expires. */
  marginMs: number;
  /** Serialises refreshes across browser tabs (Web Locks); runs `fn` directly when absent. */
  lock?: <T>(fn: () => Promise<T>) => Promise<T>;
}

export interface RefreshCoordinator {
  /** A usable access token, refreshed first when missing or about to expire; `null` when signed out. */
  accessToken(): Promise<string | null>;
  /**
   * Renews the session. `rejectedToken` is the access token a 401 came back for: when the
   * session already moved on from it (another request or tab refreshed meanwhile), nothing is
   * sent. Concurrent callers share one in-flight request. Resolves to `null` when the session ended.
   */
  refresh(rejectedToken?: string): Promise<ConsoleSession | null>;
}

/**
 * The refresh cookie is single-use and rotates: presenting one twice revokes the whole login,
 * and every tab sends the same cookie. So there is at most one exchange in flight per tab, the
 * exchanges of all tabs take turns under one lock, and a tab that waited for the lock first
 * looks whether the token it needs has arrived meanwhile (another tab shares its new one).
 */
export function createRefreshCoordinator(deps: RefreshDeps): RefreshCoordinator {
  const runLocked = deps.lock ?? (<T>(fn: () => Promise<T>) => fn());
  let inFlight: Promise<ConsoleSession | null> | null = null;

  const fresh = (s: ConsoleSession) => s.accessToken !== null && s.expiresAt - deps.marginMs > deps.now();

  async function exchangeOnce(rejectedToken: string | undefined): Promise<ConsoleSession | null> {
    // Read inside the lock: another tab may have refreshed or ended the session while we waited.
    const current = deps.slot.load();
    if (!current) return null;
    const movedOn = rejectedToken !== undefined && current.accessToken !== rejectedToken;
    if ((movedOn || rejectedToken === undefined) && fresh(current)) return current;
    if (current.refreshExpiresAt <= deps.now()) {
      // The login is over; the server would only say so.
      deps.slot.save(null, "expired");
      return null;
    }
    let next: ConsoleSession;
    try {
      next = await deps.exchange();
    } catch (error) {
      if (error instanceof RefreshRejected) {
        if (deps.slot.load()) deps.slot.save(null, "expired");
        return null;
      }
      // A network failure: the server may never have seen the cookie, so a later retry is allowed.
      throw error;
    }
    // Signed out (here or in another tab) while the answer was on its way: stay signed out.
    if (!deps.slot.load()) return null;
    deps.slot.save(next);
    return next;
  }

  function refresh(rejectedToken?: string): Promise<ConsoleSession | null> {
    if (!inFlight) {
      inFlight = runLocked(() => exchangeOnce(rejectedToken)).finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  }

  async function accessToken(): Promise<string | null> {
    const current = deps.slot.load();
    if (!current) return null;
    if (fresh(current) && current.accessToken) return current.accessToken;
    const next = await refresh();
    return next ? next.accessToken : null;
  }

  return { accessToken, refresh };
}
