import { describe, expect, it, vi } from "vitest";
import { createRefreshCoordinator, RefreshRejected, type SessionSlot } from "./refreshCoordinator";
import type { StoredSession } from "./storedSession";

const MINUTE = 60_000;

function session(n: number, expiresAt: number): StoredSession {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresAt, userId: "u", tenantId: "t", role: "owner" };
}

function setup(initial: StoredSession | null, now = 0) {
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
  const exchange = vi.fn(async (token: string) => {
    await new Promise((r) => setTimeout(r, 5));
    if (token.startsWith("bad")) throw new RefreshRejected();
    counter += 1;
    return session(counter, now + 15 * MINUTE);
  });
  const coordinator = createRefreshCoordinator({ slot, exchange, now: () => now, marginMs: MINUTE });
  const put = (s: StoredSession) => {
    stored = s;
  };
  return { coordinator, exchange, ended, current: () => stored, put };
}

describe("refresh coordinator", () => {
  it("returns the current token while it is fresh, without refreshing", async () => {
    const { coordinator, exchange } = setup(session(1, 10 * MINUTE));
    expect(await coordinator.accessToken()).toBe("access-1");
    expect(exchange).not.toHaveBeenCalled();
  });

  it("refreshes before expiry, inside the safety margin", async () => {
    const { coordinator, exchange, current } = setup(session(1, 30_000));
    expect(await coordinator.accessToken()).toBe("access-2");
    expect(exchange).toHaveBeenCalledWith("refresh-1");
    expect(current()?.refreshToken).toBe("refresh-2");
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
    expect(exchange).toHaveBeenCalledWith("refresh-1");
    expect(next?.accessToken).toBe("access-2");
  });

  it("ends the session as expired when the server rejects the refresh token", async () => {
    const { coordinator, ended, current } = setup({ ...session(1, 0), refreshToken: "bad-1" });
    expect(await coordinator.accessToken()).toBeNull();
    expect(current()).toBeNull();
    expect(ended).toEqual(["expired"]);
  });

  it("never sends the same refresh token twice", async () => {
    const rejected = { ...session(1, 0), refreshToken: "bad-1" };
    const { coordinator, exchange, put, ended } = setup(rejected);
    await coordinator.refresh();
    // Something writes the old, already refused token back (e.g. a stale tab).
    put(rejected);
    expect(await coordinator.refresh()).toBeNull();
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(ended).toEqual(["expired", "expired"]);
  });

  it("keeps the session after a network failure so a later attempt may retry", async () => {
    let stored: StoredSession | null = session(1, 0);
    const exchange = vi.fn().mockRejectedValueOnce(new TypeError("offline")).mockResolvedValueOnce(session(2, 15 * MINUTE));
    const coordinator = createRefreshCoordinator({
      slot: { load: () => stored, save: (s) => (stored = s) },
      exchange,
      now: () => 0,
      marginMs: MINUTE,
    });
    await expect(coordinator.accessToken()).rejects.toThrow("offline");
    expect(stored?.refreshToken).toBe("refresh-1");
    expect(await coordinator.accessToken()).toBe("access-2");
  });

  it("returns null without calling the server when signed out", async () => {
    const { coordinator, exchange } = setup(null);
    expect(await coordinator.accessToken()).toBeNull();
    expect(await coordinator.refresh()).toBeNull();
    expect(exchange).not.toHaveBeenCalled();
  });
});
