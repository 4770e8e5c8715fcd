import { describe, expect, it } from "vitest";
import type { PairSession } from "../tracking/types";
import { correctionBody, initialSession, isPlanned, sessionBody, sessionErrors, sessionStatus, valuesOf } from "./sessionForm";

const zone = "Asia/Tokyo";
const now = new Date("2027-01-20T03:07:00Z"); // 12:07 in Tokyo
/** The pair: Aiko and Ren. */
const members = ["aiko", "ren"];

const logged: PairSession = {
  id: "s1",
  held_at: "2027-01-19T09:00:00Z",
  minutes: 45,
  format: "video",
  topics: ["Excel", "pivot tables"],
  planned: false,
  logged_by: "aiko",
  confirmed_at: null,
  corrected: false,
  took_part: ["aiko", "ren"],
  created_at: "2027-01-19T10:00:00Z",
};

describe("logging a session", () => {
  it("starts at the last quarter hour on the device's clock, with the program's meeting length", () => {
    expect(initialSession(now, zone, 45, members)).toEqual({
      held_at: "2027-01-20T12:00",
      minutes: 45,
      format: "video",
      topics: [],
      took_part: ["aiko", "ren"],
    });
    expect(initialSession(now, zone, 0, members).minutes).toBe(30);
  });

  it("needs a time and a whole number of minutes in range, at most eight hours", () => {
    const ok = initialSession(now, zone, 45, members);
    expect(sessionErrors(ok, zone)).toEqual({});
    expect(sessionErrors({ ...ok, held_at: "" }, zone)).toEqual({ held_at: "portal.sessions.errors.when" });
    for (const minutes of ["", 0, 4, 481, 600, 30.5, "abc"]) {
      expect(sessionErrors({ ...ok, minutes }, zone), String(minutes)).toEqual({ minutes: "portal.sessions.errors.minutes" });
    }
    expect(sessionErrors({ ...ok, minutes: "60" }, zone)).toEqual({});
    expect(sessionErrors({ ...ok, minutes: 480 }, zone)).toEqual({});
    const many = Array.from({ length: 11 }, (_, i) => `topic ${i}`);
    expect(sessionErrors({ ...ok, topics: many }, zone)).toEqual({ topics: "portal.sessions.errors.topics" });
  });

  it("needs at least one of the two to have taken part", () => {
    const ok = initialSession(now, zone, 45, members);
    expect(sessionErrors({ ...ok, took_part: ["ren"] }, zone)).toEqual({});
    expect(sessionErrors({ ...ok, took_part: [] }, zone)).toEqual({ took_part: "portal.sessions.errors.tookPart" });
    expect(sessionBody({ ...ok, took_part: [] }, zone, now, members)).toBeNull();
  });

  it("sends the time as an instant, topics cleaned, and plans a session still to come", () => {
    const past = {
      held_at: "2027-01-19T18:00",
      minutes: "45",
      format: "in_person" as const,
      topics: ["Excel, TikTok", "excel", " "],
      took_part: ["aiko", "ren"],
    };
    expect(sessionBody(past, zone, now, members)).toEqual({
      held_at: "2027-01-19T09:00:00Z",
      minutes: 45,
      format: "in_person",
      topics: ["Excel", "TikTok"],
      planned: false,
    });
    const future = { ...past, held_at: "2027-01-27T18:00" };
    expect(isPlanned(future, zone, now)).toBe(true);
    expect(sessionBody(future, zone, now, members)?.planned).toBe(true);
    expect(sessionBody({ ...past, minutes: "" }, zone, now, members)).toBeNull();
  });

  it("leaves out who took part when both did, and names the one who did otherwise", () => {
    const both = initialSession(now, zone, 45, members);
    expect(sessionBody(both, zone, now, members)).not.toHaveProperty("took_part");
    // Ticked in another order, still both.
    expect(sessionBody({ ...both, took_part: ["ren", "aiko"] }, zone, now, members)).not.toHaveProperty("took_part");
    expect(sessionBody({ ...both, took_part: ["ren"] }, zone, now, members)?.took_part).toEqual(["ren"]);
    expect(sessionBody({ ...both, took_part: ["aiko"] }, zone, now, members)?.took_part).toEqual(["aiko"]);
  });
});

describe("confirming or correcting the partner's session", () => {
  it("sends nothing but a confirmation when nothing changed", () => {
    expect(correctionBody(logged, valuesOf(logged, zone), zone)).toEqual({});
    // Topics in another case are the same topics.
    expect(correctionBody(logged, { ...valuesOf(logged, zone), topics: ["excel", "Pivot tables"] }, zone)).toEqual({});
  });

  it("sends only what differs", () => {
    const values = { ...valuesOf(logged, zone), minutes: 60, topics: ["Excel"] };
    expect(correctionBody(logged, values, zone)).toEqual({ minutes: 60, topics: ["Excel"] });
    const moved = { ...valuesOf(logged, zone), held_at: "2027-01-19T19:00", format: "chat" as const };
    expect(correctionBody(logged, moved, zone)).toEqual({ held_at: "2027-01-19T10:00:00Z", format: "chat" });
    expect(correctionBody(logged, { ...values, minutes: 1 }, zone)).toBeNull();
  });

  it("fills in who took part from the session, and sends it only when it changed", () => {
    expect(valuesOf(logged, zone).took_part).toEqual(["aiko", "ren"]);
    expect(correctionBody(logged, { ...valuesOf(logged, zone), took_part: ["ren", "aiko"] }, zone)).toEqual({});
    expect(correctionBody(logged, { ...valuesOf(logged, zone), took_part: ["aiko"] }, zone)).toEqual({ took_part: ["aiko"] });
    const onlyRen = { ...logged, took_part: ["ren"] };
    expect(valuesOf(onlyRen, zone).took_part).toEqual(["ren"]);
    expect(correctionBody(onlyRen, valuesOf(onlyRen, zone), zone)).toEqual({});
    expect(correctionBody(onlyRen, { ...valuesOf(onlyRen, zone), took_part: ["ren", "aiko"] }, zone)).toEqual({ took_part: ["ren", "aiko"] });
    // Nobody is not a correction: the form says so.
    expect(correctionBody(logged, { ...valuesOf(logged, zone), took_part: [] }, zone)).toBeNull();
  });

  it("asks only the member who did not log it, once it has happened", () => {
    expect(sessionStatus(logged, "ren", now)).toBe("awaitingMe");
    expect(sessionStatus(logged, "aiko", now)).toBe("awaitingPartner");
    expect(sessionStatus({ ...logged, held_at: "2027-02-01T09:00:00Z", planned: true }, "ren", now)).toBe("planned");
    expect(sessionStatus({ ...logged, confirmed_at: "2027-01-20T01:00:00Z" }, "ren", now)).toBe("confirmed");
    expect(sessionStatus({ ...logged, confirmed_at: "2027-01-20T01:00:00Z", corrected: true }, "aiko", now)).toBe("corrected");
  });
});
