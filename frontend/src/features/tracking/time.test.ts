import { describe, expect, it } from "vitest";
import { differenceFrom, eventTimes, formatInZone, offsetLabel, offsetMinutes, timeZoneList, utcToWallTime, wallTimeToUtc } from "./time";

const winter = new Date("2027-01-11T00:00:00Z");
const summer = new Date("2027-07-11T00:00:00Z");

describe("time zones", () => {
  it("knows a zone's offset at an instant, summer time included", () => {
    expect(offsetMinutes("Asia/Tokyo", winter)).toBe(540);
    expect(offsetMinutes("Europe/London", winter)).toBe(0);
    expect(offsetMinutes("Europe/London", summer)).toBe(60);
    expect(offsetMinutes("America/New_York", winter)).toBe(-300);
    expect(offsetMinutes("Asia/Kolkata", winter)).toBe(330);
  });

  it("turns a wall-clock time in a zone into the instant it is", () => {
    expect(wallTimeToUtc("2027-01-11T10:00", "Asia/Tokyo")).toBe("2027-01-11T01:00:00Z");
    expect(wallTimeToUtc("2027-07-11T10:00", "Europe/London")).toBe("2027-07-11T09:00:00Z");
    expect(wallTimeToUtc("2027-01-11T10:00", "America/New_York")).toBe("2027-01-11T15:00:00Z");
    // Midnight in Tokyo is the previous day in UTC.
    expect(wallTimeToUtc("2027-01-11T00:30", "Asia/Tokyo")).toBe("2027-01-10T15:30:00Z");
  });

  it("refuses what is not a wall-clock time", () => {
    expect(wallTimeToUtc("", "UTC")).toBeNull();
    expect(wallTimeToUtc("2027-01-11", "UTC")).toBeNull();
    expect(wallTimeToUtc("2027-13-11T10:00", "UTC")).toBeNull();
    expect(wallTimeToUtc("tomorrow at ten", "UTC")).toBeNull();
  });

  it("reads an instant back as the wall-clock time of a zone, for editing", () => {
    expect(utcToWallTime("2027-01-11T01:00:00Z", "Asia/Tokyo")).toBe("2027-01-11T10:00");
    expect(utcToWallTime("2027-01-10T15:30:00Z", "Asia/Tokyo")).toBe("2027-01-11T00:30");
    expect(utcToWallTime("not a time", "Asia/Tokyo")).toBe("");
    for (const zone of ["Asia/Tokyo", "Europe/London", "America/Los_Angeles", "Asia/Kolkata"]) {
      const local = "2027-03-28T14:45";
      expect(utcToWallTime(wallTimeToUtc(local, zone) ?? "", zone), zone).toBe(local);
    }
  });

  it("shows a kickoff in the viewer's zone, and in the event's only when the clocks differ", () => {
    const tokyo = eventTimes("2027-01-11T01:00:00Z", "2027-01-11T02:30:00Z", "Asia/Tokyo", "Europe/London", "en");
    expect(tokyo.viewer).toMatch(/Jan 11, 2027.*1:00.*2:30\sAM GMT$/);
    expect(tokyo.event).toMatch(/Jan 11, 2027.*10:00.*11:30\sAM GMT\+9$/);
    // The day is said once when start and end share it.
    expect(tokyo.event?.match(/2027/g)).toHaveLength(1);
    const same = eventTimes("2027-01-11T01:00:00Z", "2027-01-11T02:00:00Z", "Asia/Tokyo", "Asia/Seoul", "en");
    expect(same.event).toBeNull();
    // Across midnight in London, both days are named.
    const late = eventTimes("2027-01-11T23:30:00Z", "2027-01-12T00:30:00Z", "Asia/Tokyo", "Europe/London", "en");
    expect(late.viewer).toMatch(/Jan 11.*Jan 12/);
    expect(formatInZone("2027-01-11T01:00:00Z", "ja", "Asia/Tokyo")).toMatch(/2027年1月11日.*10:00/);
  });

  it("says how far a partner's clock is from the viewer's", () => {
    expect(differenceFrom("Asia/Tokyo", "Europe/London", winter, "en")).toEqual({ key: "tracking.time.ahead", count: 9, hours: "9" });
    expect(differenceFrom("Europe/London", "Asia/Tokyo", summer, "en")).toEqual({ key: "tracking.time.behind", count: 8, hours: "8" });
    expect(differenceFrom("Asia/Kolkata", "UTC", winter, "en")).toEqual({ key: "tracking.time.ahead", count: 5.5, hours: "5.5" });
    expect(differenceFrom("Asia/Tokyo", "Asia/Seoul", winter, "ja")).toEqual({ key: "tracking.time.sameAsYou" });
  });

  it("labels offsets and lists zones with the ones that must be there", () => {
    expect(offsetLabel("Asia/Tokyo", winter)).toBe("GMT+9");
    expect(offsetLabel("America/St_Johns", winter)).toBe("GMT-3:30");
    expect(offsetLabel("UTC", winter)).toBe("GMT");
    const zones = timeZoneList(["Asia/Tokyo", "Nowhere/Else"]);
    expect(zones).toContain("UTC");
    expect(zones).toContain("Asia/Tokyo");
    expect(zones).not.toContain("Nowhere/Else");
  });
});
