import { httpLink } from "../../shared/links";
import { isTimeZone, utcToWallTime, wallTimeToUtc } from "../tracking/time";
import type { Kickoff } from "../tracking/types";
import type { KickoffInput } from "./types";

/** The kickoff form: start and end as wall-clock times in the chosen zone. */
export interface KickoffValues {
  start: string;
  end: string;
  time_zone: string;
  place: string;
  video_link: string;
  agenda: string;
  [field: string]: unknown;
}

export const MAX_PLACE = 200;
export const MAX_AGENDA = 2000;
export const DEFAULT_MINUTES = 60;

export type KickoffErrorKey =
  | "launch.kickoff.errors.start"
  | "launch.kickoff.errors.end"
  | "launch.kickoff.errors.endBeforeStart"
  | "launch.kickoff.errors.zone"
  | "launch.kickoff.errors.link"
  | "launch.kickoff.errors.tooLong";

/** The form for a new kickoff (in `zone`, the browser's) or for moving the one there is (in its own zone). */
export function initialKickoff(kickoff: Kickoff | null, zone: string): KickoffValues {
  if (!kickoff || kickoff.cancelled) return { start: "", end: "", time_zone: zone, place: "", video_link: "", agenda: "" };
  return {
    start: utcToWallTime(kickoff.starts_at, kickoff.time_zone),
    end: utcToWallTime(kickoff.ends_at, kickoff.time_zone),
    time_zone: kickoff.time_zone,
    place: kickoff.place ?? "",
    video_link: kickoff.video_link ?? "",
    agenda: kickoff.agenda ?? "",
  };
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A wall-clock time `minutes` later, on the same wall clock ("" for a time that is not one). */
export function wallTimePlus(local: string, minutes: number): string {
  const m = WALL.exec(local);
  if (!m) return "";
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const later = new Date(Date.UTC(y, mo - 1, d, h, mi) + minutes * 60_000);
  return later.toISOString().slice(0, 16);
}

/**
 * The end to suggest once a start is typed: an hour after it, unless an end after the start is
 * there already.
 */
export function suggestedEnd(start: string, end: string): string {
  if (!WALL.test(start)) return end;
  if (WALL.test(end) && end > start) return end;
  return wallTimePlus(start, DEFAULT_MINUTES);
}

export function kickoffErrors(values: KickoffValues): Partial<Record<keyof KickoffValues & string, KickoffErrorKey>> {
  const errors: Partial<Record<string, KickoffErrorKey>> = {};
  const zoneOk = isTimeZone(values.time_zone);
  if (!zoneOk) errors.time_zone = "launch.kickoff.errors.zone";
  const zone = zoneOk ? values.time_zone : "UTC";
  const start = wallTimeToUtc(values.start, zone);
  const end = wallTimeToUtc(values.end, zone);
  if (!start) errors.start = "launch.kickoff.errors.start";
  if (!end) errors.end = "launch.kickoff.errors.end";
  else if (start && Date.parse(end) <= Date.parse(start)) errors.end = "launch.kickoff.errors.endBeforeStart";
  if (values.video_link.trim() && !httpLink(values.video_link)) errors.video_link = "launch.kickoff.errors.link";
  if (values.place.trim().length > MAX_PLACE) errors.place = "launch.kickoff.errors.tooLong";
  if (values.agenda.trim().length > MAX_AGENDA) errors.agenda = "launch.kickoff.errors.tooLong";
  return errors;
}

/** The request for a valid form; null when it has errors. Empty optional fields are sent as null. */
export function kickoffBody(values: KickoffValues): KickoffInput | null {
  if (Object.keys(kickoffErrors(values)).length > 0) return null;
  const starts_at = wallTimeToUtc(values.start, values.time_zone);
  const ends_at = wallTimeToUtc(values.end, values.time_zone);
  if (!starts_at || !ends_at) return null;
  const optional = (v: string) => (v.trim() ? v.trim() : null);
  return {
    starts_at,
    ends_at,
    time_zone: values.time_zone,
    place: optional(values.place),
    video_link: values.video_link.trim() ? httpLink(values.video_link) : null,
    agenda: optional(values.agenda),
  };
}
