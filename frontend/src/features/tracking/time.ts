import { formatNumber } from "../../i18n/format";
import { intlLocale, type Language } from "../../i18n/language";

// Times across zones: a kickoff set in Tokyo read in London, a partner's clock, a form's
// wall-clock time saved as an instant. Everything goes through Intl; no zone database is shipped.

/** The zone of this device (the viewer's clock); UTC when the browser does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function isTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The date and time fields of `at` on a wall clock in `zone`. */
function wallParts(zone: string, at: Date) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute"), second: get("second") };
}

/** Minutes `zone` is ahead of UTC at the instant `at` (negative west of Greenwich). */
export function offsetMinutes(zone: string, at: Date): number {
  const w = wallParts(zone, at);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant a wall-clock time (`2027-01-11T10:00`, as a `datetime-local` input gives it) is in
 * `zone`, as RFC 3339 UTC; `null` when the text is not such a time. Around a clock change the
 * offset after it wins, as calendars do.
 */
export function wallTimeToUtc(local: string, zone: string): string | null {
  const m = WALL_TIME.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(guess) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  let utc = guess - offsetMinutes(zone, new Date(guess)) * 60_000;
  const settled = offsetMinutes(zone, new Date(utc));
  utc = guess - settled * 60_000;
  return new Date(utc).toISOString().replace(".000Z", "Z");
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The wall-clock time of an instant in `zone`, as a `datetime-local` input takes it. */
export function utcToWallTime(iso: string, zone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const w = wallParts(zone, at);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

function zoned(language: Language, zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: zone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
}

/** "Mon, Jan 11, 2027, 10:00 AM GMT+9" / 「2027年1月11日(月) 10:00 JST」: a moment as read in `zone`. */
export function formatInZone(iso: string, language: Language, zone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return zoned(language, zone).format(at);
}

/** From one moment to another in `zone`, the day said once when both fall on it ("Mon, Jan 11, 2027, 10:00 – 11:30 AM GMT+9"). */
export function formatRangeInZone(startIso: string, endIso: string, language: Language, zone: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start) return formatInZone(startIso, language, zone);
  return zoned(language, zone).formatRange(start, end);
}

/** The time of day only ("6:15 PM", 「18:15」) in `zone`. */
export function formatClock(at: Date, language: Language, zone: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), { timeZone: zone, hour: "numeric", minute: "2-digit" }).format(at);
}

/** How an event from `startIso` to `endIso` reads in `viewerZone`, and in its own zone when the clocks differ. */
export function eventTimes(startIso: string, endIso: string, eventZone: string, viewerZone: string, language: Language) {
  const at = new Date(startIso);
  const same = offsetMinutes(eventZone, at) === offsetMinutes(viewerZone, at);
  return {
    viewer: formatRangeInZone(startIso, endIso, language, viewerZone),
    event: same ? null : formatRangeInZone(startIso, endIso, language, eventZone),
  };
}

export type Difference =
  | { key: "tracking.time.sameAsYou" }
  | { key: "tracking.time.ahead" | "tracking.time.behind"; count: number; hours: string };

/** How far `zone` is from the viewer's now: "9 hours ahead of you", "the same time as you". */
export function differenceFrom(zone: string, viewerZone: string, at: Date, language: Language): Difference {
  const minutes = offsetMinutes(zone, at) - offsetMinutes(viewerZone, at);
  if (minutes === 0) return { key: "tracking.time.sameAsYou" };
  const hours = Math.abs(minutes) / 60;
  return { key: minutes > 0 ? "tracking.time.ahead" : "tracking.time.behind", count: hours, hours: formatNumber(hours, language) };
}

/** "GMT+9", "GMT-5:30": a zone's offset at `at`, for lists of zones. */
export function offsetLabel(zone: string, at: Date): string {
  const minutes = offsetMinutes(zone, at);
  if (minutes === 0) return "GMT";
  const sign = minutes > 0 ? "+" : "-";
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `GMT${sign}${h}${m ? `:${pad(m)}` : ""}`;
}

/** Every zone this browser knows, with `always` (the browser's, a saved one) in it even if unknown to Intl's list. */
export function timeZoneList(always: readonly string[] = []): string[] {
  let known: string[] = [];
  try {
    known = Intl.supportedValuesOf("timeZone");
  } catch {
    known = [];
  }
  const all = new Set([...known, "UTC", ...always.filter(isTimeZone)]);
  return [...all].sort();
}
