import type { StoredSession } from "./storedSession";

/** The server refused the refresh token (unknown, expired, revoked or reused): the session is over. */
export class RefreshRejected extends Error {
  constructor() {
    super("refresh token rejected");
    this.name = "RefreshRejected";
  }
}

export interface SessionSlot {
  load(): StoredSession | null;
  /** `null` ends the session; `reason` says why. */
  save(session: StoredSession | null, reason?: "expired"): void;
}

export interface RefreshDeps {
  slot: SessionSlot;
  /** Trades a refresh token for a new session; throws `RefreshRejected` when the server says no. */
  exchange(refreshToken: string): Promise<StoredSession>;
  now(): number;
  /** Refresh this long before the access token expires. */
  marginMs: number;
  /** Serialises refreshes across browser tabs (Web Locks); runs `fn` directly when absent. */
  lock?: <T>(fn: () => Promise<T>) => Promise<T>;
}

export interface RefreshCoordinator {
  /** A usable access token, refreshed first when it is about to expire; `null` when signed out. */
  accessToken(): Promise<string | null>;
  /**
   * Renews the session. `rejectedToken` is the access token a 401 came back for: when the
   * session already moved on from it (another request refreshed meanwhile), nothing is sent.
   * Concurrent callers share one in-flight request. Resolves to `null` when the session ended.
   */
  refresh(rejectedToken?: string): Promise<StoredSession | null>;
}

/**
 * Refresh tokens are single-use and rotate: presenting one twice revokes the whole family.
 * So there is at most one exchange in flight, and a token the server has answered for
 * (accepted or refused) is never sent again.
 */
export function createRefreshCoordinator(deps: RefreshDeps): RefreshCoordinator {
  const runLocked = deps.lock ?? (<T>(fn: () => Promise<T>) => fn());
  const answered = new Set<string>();
  let inFlight: Promise<StoredSession | null> | null = null;

  const fresh = (s: StoredSession) => s.expiresAt - deps.marginMs > deps.now();

  async function exchangeOnce(rejectedToken: string | undefined): Promise<StoredSession | null> {
    // Read inside the lock: another tab may have rotated the tokens while we waited.
    const current = deps.slot.load();
    if (!current) return null;
    const movedOn = rejectedToken !== undefined && current.accessToken !== rejectedToken;
    if ((movedOn || rejectedToken === undefined) && fresh(current)) return current;
    if (answered.has(current.refreshToken)) {
      deps.slot.save(null, "expired");
      return null;
    }
    try {
      const next = await deps.exchange(current.refreshToken);
      answered.add(current.refreshToken);
      deps.slot.save(next);
      return next;
    } catch (error) {
      if (error instanceof RefreshRejected) {
        answered.add(current.refreshToken);
        deps.slot.save(null, "expired");
        return null;
      }
      // A network failure: the server may never have seen the token, so a later retry is allowed.
      throw error;
    }
  }

  function refresh(rejectedToken?: string): Promise<StoredSession | null> {
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
    if (fresh(current)) return current.accessToken;
    const next = await refresh();
    return next ? next.accessToken : null;
  }

  return { accessToken, refresh };
}
