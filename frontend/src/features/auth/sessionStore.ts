import { factsOf, parseFacts, sameLogin, withoutToken, type ConsoleSession, type Login, type SessionFacts } from "./storedSession";

export const SESSION_KEY = "tandem.session";

export type EndReason = "expired" | "logout";

type Listener = () => void;

export interface FactStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What one tab tells the others when it has a new access token. */
export interface TokenNews extends Login {
  kind: "access-token";
  accessToken: string;
  expiresAt: number;
}

/** Tabs of this console (a BroadcastChannel): the access token travels here, never through storage. */
export interface TokenChannel {
  post(news: TokenNews): void;
  listen(listener: (message: unknown) => void): void;
}

export interface SessionStoreDeps {
  storage: FactStorage;
  /** Calls `listener` when another tab changes the storage; `key` is `null` when it was cleared. */
  onStorageChange(listener: (key: string | null) => void): void;
  /** Absent where the browser has none: each tab then refreshes on its own (still one at a time). */
  channel: TokenChannel | null;
  now(): number;
}

function isTokenNews(message: unknown): message is TokenNews {
  if (typeof message !== "object" || message === null) return false;
  const m = message as Record<string, unknown>;
  return (
    m.kind === "access-token" &&
    typeof m.accessToken === "string" &&
    typeof m.expiresAt === "number" &&
    typeof m.userId === "string" &&
    typeof m.tenantId === "string"
  );
}

function sameFacts(a: SessionFacts, b: SessionFacts): boolean {
  return sameLogin(a, b) && a.role === b.role && a.refreshExpiresAt === b.refreshExpiresAt;
}

/**
 * The signed-in session of this tab. localStorage remembers its facts (who, which company,
 * until when), so a reload or another tab knows a session exists and renews it through the
 * refresh cookie; the access token stays in memory and reaches other tabs over the channel.
 * React reads it through `useSyncExternalStore` (see useSession.ts).
 */
export class SessionStore {
  private current: ConsoleSession | null;
  private reason: EndReason | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly deps: SessionStoreDeps) {
    this.current = this.remembered();
    deps.onStorageChange((key) => {
      if (key !== null && key !== SESSION_KEY) return;
      // Another tab signed in, refreshed, changed role or signed out.
      const next = this.merge(this.readFacts());
      if (next === this.current) return;
      this.current = next;
      this.reason = next ? null : "logout";
      this.emit();
    });
    deps.channel?.listen((message) => {
      if (isTokenNews(message)) this.adopt(message);
    });
  }

  load = (): ConsoleSession | null => this.current;

  /** Why the last session ended; `null` while signed in or before any session. */
  endReason = (): EndReason | null => this.reason;

  save = (session: ConsoleSession | null, reason: EndReason = "logout"): void => {
    this.current = session;
    this.reason = session ? null : reason;
    if (session) {
      this.deps.storage.setItem(SESSION_KEY, JSON.stringify(factsOf(session)));
      if (session.accessToken) {
        this.deps.channel?.post({
          kind: "access-token",
          userId: session.userId,
          tenantId: session.tenantId,
          accessToken: session.accessToken,
          expiresAt: session.expiresAt,
        });
      }
    } else {
      this.deps.storage.removeItem(SESSION_KEY);
    }
    this.emit();
  };

  /**
   * Re-reads the facts (used under the refresh lock): another tab may have ended the session
   * or signed in as someone else meanwhile. A token this tab holds or was sent is kept when it
   * still belongs to the remembered login.
   */
  reload = (): ConsoleSession | null => {
    this.current = this.merge(this.readFacts());
    return this.current;
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private readFacts(): SessionFacts | null {
    return parseFacts(this.deps.storage.getItem(SESSION_KEY));
  }

  /** The remembered session at page load; forgets an unreadable, old or ended entry. */
  private remembered(): ConsoleSession | null {
    const raw = this.deps.storage.getItem(SESSION_KEY);
    const facts = parseFacts(raw);
    if (raw !== null && !facts) this.deps.storage.removeItem(SESSION_KEY);
    if (!facts) return null;
    if (facts.refreshExpiresAt <= this.deps.now()) {
      this.deps.storage.removeItem(SESSION_KEY);
      this.reason = "expired";
      return null;
    }
    return withoutToken(facts);
  }

  private merge(facts: SessionFacts | null): ConsoleSession | null {
    const current = this.current;
    if (!facts) return null;
    if (!current || !sameLogin(current, facts)) return withoutToken(facts);
    if (sameFacts(current, facts)) return current;
    return { ...current, ...factsOf(facts) };
  }

  /** Another tab's new access token, when it is for this login and newer than ours. */
  private adopt(news: TokenNews): void {
    const facts = this.current ?? this.merge(this.readFacts());
    if (!facts || !sameLogin(facts, news) || news.expiresAt <= facts.expiresAt) return;
    this.current = { ...facts, accessToken: news.accessToken, expiresAt: news.expiresAt };
    this.reason = null;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
