import { describe, expect, it } from "vitest";
import { SESSION_KEY, SessionStore, type FactStorage, type SessionStoreDeps } from "./sessionStore";
import type { ConsoleSession } from "./storedSession";

const DAY = 24 * 3_600_000;

function session(overrides: Partial<ConsoleSession> = {}): ConsoleSession {
  return {
    accessToken: "access-1",
    expiresAt: 900_000,
    userId: "u1",
    tenantId: "t1",
    role: "owner",
    refreshExpiresAt: 30 * DAY,
    ...overrides,
  };
}

/** One browser: a shared localStorage, storage events and a channel that reach the other tabs only. */
function browser(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  const tabs: { storage: (key: string | null) => void; channel: (m: unknown) => void }[] = [];
  let now = 0;

  function open() {
    const self = { storage: (_: string | null) => {}, channel: (_: unknown) => {} };
    tabs.push(self);
    const others = () => tabs.filter((t) => t !== self);
    const storage: FactStorage = {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => {
        const changed = data.get(k) !== v;
        data.set(k, v);
        if (changed) for (const t of others()) t.storage(k);
      },
      removeItem: (k) => {
        const had = data.has(k);
        data.delete(k);
        if (had) for (const t of others()) t.storage(k);
      },
    };
    const deps: SessionStoreDeps = {
      storage,
      onStorageChange: (listener) => (self.storage = listener),
      channel: {
        post: (news) => {
          for (const t of others()) t.channel(structuredClone(news));
        },
        listen: (listener) => (self.channel = listener),
      },
      now: () => now,
    };
    return new SessionStore(deps);
  }

  /** A message on the channel, as if from a tab outside this test. */
  const broadcast = (message: unknown) => {
    for (const t of tabs) t.channel(message);
  };

  return { open, data, broadcast, setNow: (t: number) => (now = t) };
}

describe("session store", () => {
  it("keeps no token in localStorage, only the facts of the session", () => {
    const b = browser();
    const store = b.open();
    store.save(session());
    const raw = b.data.get(SESSION_KEY) ?? "";
    expect(JSON.parse(raw)).toEqual({ userId: "u1", tenantId: "t1", role: "owner", refreshExpiresAt: 30 * DAY });
    expect(raw).not.toContain("access-1");
    expect(raw).not.toMatch(/token/i);
  });

  it("after a reload, remembers the session without an access token", () => {
    const b = browser();
    b.open().save(session());
    const reloaded = b.open().load();
    expect(reloaded).toMatchObject({ userId: "u1", tenantId: "t1", role: "owner", accessToken: null, expiresAt: 0 });
  });

  it("forgets an entry of an older console that held the tokens themselves", () => {
    const old = { accessToken: "a", refreshToken: "r", expiresAt: 1, userId: "u1", tenantId: "t1", role: "owner" };
    const b = browser({ [SESSION_KEY]: JSON.stringify(old) });
    expect(b.open().load()).toBeNull();
    expect(b.data.has(SESSION_KEY)).toBe(false);
  });

  it("treats a remembered login past its end as expired, without asking the server", () => {
    const b = browser();
    b.open().save(session({ refreshExpiresAt: 1_000 }));
    b.setNow(2_000);
    const store = b.open();
    expect(store.load()).toBeNull();
    expect(store.endReason()).toBe("expired");
  });

  it("hands a new access token to the other tabs of the same login", () => {
    const b = browser();
    const first = b.open();
    first.save(session({ accessToken: null, expiresAt: 0 }));
    const second = b.open();
    first.save(session({ accessToken: "access-2", expiresAt: 1_800_000 }));
    expect(second.load()?.accessToken).toBe("access-2");
    expect(second.load()?.expiresAt).toBe(1_800_000);
  });

  it("takes an access token from another tab before the storage event arrives", () => {
    const b = browser();
    const waiting = b.open();
    const other = b.open();
    // The facts are written, but this tab hears of the token first.
    b.data.set(SESSION_KEY, JSON.stringify({ userId: "u1", tenantId: "t1", role: "owner", refreshExpiresAt: 30 * DAY }));
    other.save(session({ accessToken: "access-9", expiresAt: 1_000_000 }));
    expect(waiting.load()?.accessToken).toBe("access-9");
  });

  it("ignores an older token, and a token of another login", () => {
    const b = browser();
    const mine = b.open();
    mine.save(session({ accessToken: "access-new", expiresAt: 2_000_000 }));
    b.broadcast({ kind: "access-token", userId: "u1", tenantId: "t1", accessToken: "access-old", expiresAt: 1_000_000 });
    b.broadcast({ kind: "access-token", userId: "u2", tenantId: "t1", accessToken: "access-u2", expiresAt: 3_000_000 });
    b.broadcast({ kind: "something else" });
    expect(mine.load()?.accessToken).toBe("access-new");
  });

  it("follows another tab that signed in as someone else, dropping the old token", () => {
    const b = browser();
    const mine = b.open();
    mine.save(session({ accessToken: "access-u1", expiresAt: 2_000_000 }));
    const other = b.open();
    other.save(session({ userId: "u2", accessToken: "access-u2", expiresAt: 1_000_000 }));
    expect(mine.load()).toMatchObject({ userId: "u2", accessToken: "access-u2" });
  });

  it("ends the session in every tab when one signs out", () => {
    const b = browser();
    const first = b.open();
    first.save(session());
    const second = b.open();
    expect(second.load()).not.toBeNull();
    let heard = 0;
    second.subscribe(() => (heard += 1));
    first.save(null, "logout");
    expect(second.load()).toBeNull();
    expect(second.endReason()).toBe("logout");
    expect(heard).toBe(1);
  });

  it("keeps its token when another tab writes the same login with a new role", () => {
    const b = browser();
    const first = b.open();
    first.save(session({ accessToken: null, expiresAt: 0 }));
    const second = b.open();
    second.save(session({ accessToken: "access-2", expiresAt: 1_800_000 }));
    // `first` took access-2 from the channel; now `second` refreshes and the role changed.
    second.save(session({ role: "admin", accessToken: "access-3", expiresAt: 2_000_000 }));
    expect(first.load()).toMatchObject({ role: "admin", accessToken: "access-3" });
    const reloaded = first.reload();
    expect(reloaded).toBe(first.load());
  });
});
