import { describe, expect, it, vi } from "vitest";
import { createRefreshCoordinator, RefreshRejected, type SessionSlot } from "./refreshCoordinator";
import type { ConsoleSession } from "./storedSession";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function session(n: number | null, expiresAt: number): ConsoleSession {
  return {
    accessToken: n === null ? null : `access-${n}`,
    expiresAt: n === null ? 0 : expiresAt,
    userId: "u",
    tenantId: "t",
    role: "owner",
    refreshExpiresAt: 30 * DAY,
  };
}

/** One tab; `refuse` makes the server answer the next exchanges with 401. */
function setup(initial: ConsoleSession | null, now = 0) {
  let stored = initial;
  const ended: string[] = [];
  const slot: SessionSlot = {
    load: () => stored,
    save: (s, reason) => {
      stored = s;
      if (!s && reason) ended.push(reason);
    },
  };
  let counter = 1;
  let refusing = false;
  const exchange = vi.fn(async () => {
    await new Promise((r) => setTimeout(r, 5));
    if (refusing) throw new RefreshRejected();
    counter += 1;
    return session(counter, now + 15 * MINUTE);
  });
  const coordinator = createRefreshCoordinator({ slot, exchange, now: () => now, marginMs: MINUTE });
  const put = (s: ConsoleSession | null) => {
    stored = s;
  };
  return { coordinator, exchange, ended, current: () => stored, put, refuse: () => (refusing = true) };
}

describe("refresh coordinator", () => {
  it("returns the current token while it is fresh, without refreshing", async () => {
    const { coordinator, exchange } = setup(session(1, 10 * MINUTE));
    expect(await coordinator.accessToken()).toBe("access-1");
    expect(exchange).not.toHaveBeenCalled();
  });

  it("obtains an access token through the cookie after a page load, which remembers none", async () => {
    const { coordinator, exchange, current } = setup(session(null, 0));
    expect(await coordinator.accessToken()).toBe("access-2");
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(current()?.accessToken).toBe("access-2");
  });

  it("refreshes before expiry, inside the safety margin", async () => {
    const { coordinator, exchange, current } = setup(session(1, 30_000));
    expect(await coordinator.accessToken()).toBe("access-2");
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(current()?.accessToken).toBe("access-2");
  });

  it("shares one in-flight request between concurrent callers", async () => {
    const { coordinator, exchange } = setup(session(1, 0));
    const tokens = await Promise.all([coordinator.accessToken(), coordinator.accessToken(), coordinator.refresh("access-1")]);
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(tokens.slice(0, 2)).toEqual(["access-2", "access-2"]);
  });

  it("does not refresh again for a 401 on a token that was already replaced", async () => {
    const { coordinator, exchange } = setup(session(1, 0));
    await coordinator.refresh("access-1");
    const again = await coordinator.refresh("access-1");
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(again?.accessToken).toBe("access-2");
  });

  it("refreshes a fresh-looking token that the server refused", async () => {
    const { coordinator, exchange } = setup(session(1, 10 * MINUTE));
    const next = await coordinator.refresh("access-1");
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(next?.accessToken).toBe("access-2");
  });

  it("ends the session as expired when the server refuses the cookie", async () => {
    const { coordinator, ended, current, refuse } = setup(session(null, 0));
    refuse();
    expect(await coordinator.accessToken()).toBeNull();
    expect(current()).toBeNull();
    expect(ended).toEqual(["expired"]);
  });

  it("does not ask the server once the login has passed its end", async () => {
    const { coordinator, exchange, ended } = setup({ ...session(1, 0), refreshExpiresAt: 0 }, 1);
    expect(await coordinator.accessToken()).toBeNull();
    expect(exchange).not.toHaveBeenCalled();
    expect(ended).toEqual(["expired"]);
  });

  it("stays signed out when the session ended while a refresh was on its way", async () => {
    const { coordinator, current, put } = setup(session(1, 0));
    const pending = coordinator.refresh();
    put(null); // logout, here or in another tab
    expect(await pending).toBeNull();
    expect(current()).toBeNull();
  });

  it("keeps the session after a network failure so a later attempt may retry", async () => {
    let stored: ConsoleSession | null = session(null, 0);
    const exchange = vi.fn().mockRejectedValueOnce(new TypeError("offline")).mockResolvedValueOnce(session(2, 15 * MINUTE));
    const coordinator = createRefreshCoordinator({
      slot: { load: () => stored, save: (s) => (stored = s) },
      exchange,
      now: () => 0,
      marginMs: MINUTE,
    });
    await expect(coordinator.accessToken()).rejects.toThrow("offline");
    expect(stored?.userId).toBe("u");
    expect(await coordinator.accessToken()).toBe("access-2");
  });

  it("returns null without calling the server when signed out", async () => {
    const { coordinator, exchange } = setup(null);
    expect(await coordinator.accessToken()).toBeNull();
    expect(await coordinator.refresh()).toBeNull();
    expect(exchange).not.toHaveBeenCalled();
  });
});

/** Two tabs sharing one lock and one cookie, as a browser does. */
describe("refresh coordinators of two tabs", () => {
  function tabs() {
    const now = 0;
    // The token each tab holds in memory; both see the same remembered facts.
    const held: Record<"a" | "b", ConsoleSession | null> = { a: session(null, 0), b: session(null, 0) };
    let queue = Promise.resolve();
    const lock = <T,>(fn: () => Promise<T>): Promise<T> => {
      const run = queue.then(fn);
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    };
    let cookie = 1;
    let using = 0;
    let overlapped = false;
    const exchange = vi.fn(async () => {
      using += 1;
      if (using > 1) overlapped = true;
      await new Promise((r) => setTimeout(r, 5));
      using -= 1;
      cookie += 1;
      return session(cookie, now + 15 * MINUTE);
    });
    const tab = (name: "a" | "b", other: "a" | "b", share: boolean) =>
      createRefreshCoordinator({
        slot: {
          load: () => held[name],
          save: (s) => {
            held[name] = s;
            // The channel: the other tab learns of the new token.
            if (share && s && held[other]) held[other] = s;
          },
        },
        exchange,
        now: () => now,
        marginMs: MINUTE,
        lock,
      });
    return { held, exchange, tab, overlapped: () => overlapped };
  }

  it("never use the cookie at the same time, and the second tab takes the token the first one shared", async () => {
    const { exchange, tab, overlapped, held } = tabs();
    const a = tab("a", "b", true);
    const b = tab("b", "a", true);
    const [ta, tb] = await Promise.all([a.accessToken(), b.accessToken()]);
    expect(overlapped()).toBe(false);
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(ta).toBe("access-2");
    expect(tb).toBe("access-2");
    expect(held.b?.accessToken).toBe("access-2");
  });

  it("take turns when no token is shared: the second tab refreshes after the first", async () => {
    const { exchange, tab, overlapped } = tabs();
    const a = tab("a", "b", false);
    const b = tab("b", "a", false);
    const [ta, tb] = await Promise.all([a.accessToken(), b.accessToken()]);
    expect(overlapped()).toBe(false);
    expect(exchange).toHaveBeenCalledTimes(2);
    expect(new Set([ta, tb])).toEqual(new Set(["access-2", "access-3"]));
  });
});
