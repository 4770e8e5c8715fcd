import { describe, expect, it } from "vitest";
import { initialKickoff, kickoffBody, kickoffErrors, suggestedEnd, wallTimePlus, type KickoffValues } from "./kickoffForm";
import { completionPercent, inProgress, notStarted } from "./training";
import { hasLaunch } from "./visibility";

const filled: KickoffValues = {
  start: "2027-01-11T10:00",
  end: "2027-01-11T11:30",
  time_zone: "Asia/Tokyo",
  place: " Hall A ",
  video_link: "",
  agenda: "",
};

describe("the kickoff form", () => {
  it("starts empty in the browser's zone, or with the kickoff there is in its own zone", () => {
    expect(initialKickoff(null, "Europe/London")).toMatchObject({ start: "", end: "", time_zone: "Europe/London" });
    const kickoff = {
      starts_at: "2027-01-11T01:00:00Z",
      ends_at: "2027-01-11T02:30:00Z",
      time_zone: "Asia/Tokyo",
      place: "Hall A",
      video_link: null,
      agenda: null,
      sequence: 1,
      cancelled: false,
    };
    expect(initialKickoff(kickoff, "Europe/London")).toEqual({ ...filled, place: "Hall A" });
    expect(initialKickoff({ ...kickoff, cancelled: true }, "Europe/London").start).toBe("");
  });

  it("suggests an end an hour after the start, keeping an end already after it", () => {
    expect(wallTimePlus("2027-01-11T23:30", 60)).toBe("2027-01-12T00:30");
    expect(suggestedEnd("2027-01-11T10:00", "")).toBe("2027-01-11T11:00");
    expect(suggestedEnd("2027-01-11T10:00", "2027-01-11T09:00")).toBe("2027-01-11T11:00");
    expect(suggestedEnd("2027-01-11T10:00", "2027-01-11T12:00")).toBe("2027-01-11T12:00");
    expect(suggestedEnd("", "2027-01-11T12:00")).toBe("2027-01-11T12:00");
  });

  it("needs a start, an end after it, a known zone and an http(s) video link", () => {
    expect(kickoffErrors(filled)).toEqual({});
    expect(kickoffErrors({ ...filled, start: "", end: "" })).toEqual({ start: "launch.kickoff.errors.start", end: "launch.kickoff.errors.end" });
    expect(kickoffErrors({ ...filled, end: "2027-01-11T10:00" })).toEqual({ end: "launch.kickoff.errors.endBeforeStart" });
    expect(kickoffErrors({ ...filled, time_zone: "Mars/Olympus" })).toEqual({ time_zone: "launch.kickoff.errors.zone" });
    expect(kickoffErrors({ ...filled, video_link: "javascript:alert(1)" })).toEqual({ video_link: "launch.kickoff.errors.link" });
    expect(kickoffErrors({ ...filled, agenda: "x".repeat(2001) })).toEqual({ agenda: "launch.kickoff.errors.tooLong" });
  });

  it("sends the times as instants in the chosen zone and empty fields as null", () => {
    expect(kickoffBody(filled)).toEqual({
      starts_at: "2027-01-11T01:00:00Z",
      ends_at: "2027-01-11T02:30:00Z",
      time_zone: "Asia/Tokyo",
      place: "Hall A",
      video_link: null,
      agenda: null,
    });
    expect(kickoffBody({ ...filled, video_link: "https://meet.example/kick" })?.video_link).toBe("https://meet.example/kick");
    expect(kickoffBody({ ...filled, start: "" })).toBeNull();
  });
});

describe("training completion", () => {
  const people = [
    { person_id: "1", name: "Sora", role: "mentee" as const, done: [], required: [0, 2], started: false },
    { person_id: "2", name: "Aoi", role: "mentor" as const, done: [0], required: [0, 1], started: true },
    { person_id: "3", name: "Ren", role: "mentor" as const, done: [], required: [0, 1], started: false },
    { person_id: "4", name: "Kai", role: "mentor" as const, done: [0, 1], required: [0, 1], started: true },
    { person_id: "5", name: "Mei", role: "mentee" as const, done: [], required: [], started: false },
  ];

  it("names who has not started, mentors first, leaving out people with nothing to do", () => {
    expect(notStarted({ people }).map((p) => p.name)).toEqual(["Ren", "Sora"]);
  });

  it("counts who is halfway and the share of each role that finished", () => {
    expect(inProgress({ people })).toBe(1);
    expect(completionPercent({ people: 3, completed: 1 })).toBe(33);
    expect(completionPercent({ people: 0, completed: 0 })).toBe(0);
  });
});

describe("the Launch & monitoring tab", () => {
  it("shows once pairs meet: active or completed programs, and matching ones with published pairs", () => {
    expect(hasLaunch("active", false)).toBe(true);
    expect(hasLaunch("completed", false)).toBe(true);
    expect(hasLaunch("matching", true)).toBe(true);
    expect(hasLaunch("matching", false)).toBe(false);
    for (const state of ["draft", "recruiting", "archived"] as const) expect(hasLaunch(state, true), state).toBe(false);
  });
});
