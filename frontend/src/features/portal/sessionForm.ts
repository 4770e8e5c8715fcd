import { topics } from "../apply/applyForm";
import { utcToWallTime, wallTimeToUtc } from "../tracking/time";
import type { PairSession, SessionFormat } from "../tracking/types";
import type { NewSession, SessionConfirmation } from "./types";

/** The session form as typed: a wall-clock time on this device, minutes as the number field keeps them. */
export interface SessionValues {
  held_at: string;
  minutes: number | string;
  format: SessionFormat;
  topics: string[];
  /** The members ticked as having taken part: at least one of the two. */
  took_part: string[];
  [field: string]: unknown;
}

export const MIN_MINUTES = 5;
export const MAX_MINUTES = 480;
export const MAX_TOPICS = 10;

export type SessionErrors = Partial<
  Record<
    "held_at" | "minutes" | "topics" | "took_part",
    "portal.sessions.errors.when" | "portal.sessions.errors.minutes" | "portal.sessions.errors.topics" | "portal.sessions.errors.tookPart"
  >
>;

/**
 * Now, on this device's clock, to the quarter hour before: where a "log a session" form starts,
 * with both members (`members`, the pair's two) taking part.
 */
export function initialSession(now: Date, zone: string, minutes: number, members: readonly string[]): SessionValues {
  const quarter = new Date(Math.floor(now.getTime() / 900_000) * 900_000);
  return {
    held_at: utcToWallTime(quarter.toISOString(), zone),
    minutes: minutes > 0 ? minutes : 30,
    format: "video",
    topics: [],
    took_part: [...members],
  };
}

/** A whole number of minutes in range, or null. */
function minutesOf(value: number | string): number | null {
  const n = typeof value === "number" ? value : Number(String(value).trim());
  if (String(value).trim() === "" || !Number.isInteger(n) || n < MIN_MINUTES || n > MAX_MINUTES) return null;
  return n;
}

/** What is wrong with the form, field by field (catalogue keys); empty when it may be sent. */
export function sessionErrors(values: SessionValues, zone: string): SessionErrors {
  const errors: SessionErrors = {};
  if (!wallTimeToUtc(values.held_at, zone)) errors.held_at = "portal.sessions.errors.when";
  if (minutesOf(values.minutes) === null) errors.minutes = "portal.sessions.errors.minutes";
  if (topics(values.topics).length > MAX_TOPICS) errors.topics = "portal.sessions.errors.topics";
  if (values.took_part.length === 0) errors.took_part = "portal.sessions.errors.tookPart";
  return errors;
}

/** Whether the time is still to come: such a session is planned, and both get an invitation. */
export function isPlanned(values: Pick<SessionValues, "held_at">, zone: string, now: Date): boolean {
  const at = wallTimeToUtc(values.held_at, zone);
  return at !== null && Date.parse(at) > now.getTime();
}

/**
 * The request for a valid form; null when the form has errors. Who took part is sent only when
 * one of the pair's `members` did not: left out, it is both.
 */
export function sessionBody(values: SessionValues, zone: string, now: Date, members: readonly string[]): NewSession | null {
  const held_at = wallTimeToUtc(values.held_at, zone);
  const minutes = minutesOf(values.minutes);
  if (!held_at || minutes === null || Object.keys(sessionErrors(values, zone)).length > 0) return null;
  const body: NewSession = { held_at, minutes, format: values.format, topics: topics(values.topics), planned: isPlanned(values, zone, now) };
  const took_part = members.filter((m) => values.took_part.includes(m));
  if (took_part.length < members.length) body.took_part = took_part;
  return body;
}

/** The form filled with a logged session, for correcting it. */
export function valuesOf(session: PairSession, zone: string): SessionValues {
  return {
    held_at: utcToWallTime(session.held_at, zone),
    minutes: session.minutes,
    format: session.format,
    topics: [...session.topics],
    took_part: [...session.took_part],
  };
}

const sameTopics = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t.toLowerCase() === b[i]?.toLowerCase());

/** The same members, in whatever order. */
const sameMembers = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((m) => b.includes(m));

/**
 * A correction: only what differs from the session as logged. Nothing changed is a plain
 * confirmation (`{}`); null when the form has errors.
 */
export function correctionBody(session: PairSession, values: SessionValues, zone: string): SessionConfirmation | null {
  const held_at = wallTimeToUtc(values.held_at, zone);
  const minutes = minutesOf(values.minutes);
  if (!held_at || minutes === null || Object.keys(sessionErrors(values, zone)).length > 0) return null;
  const change: SessionConfirmation = {};
  if (Date.parse(held_at) !== Date.parse(session.held_at)) change.held_at = held_at;
  if (minutes !== session.minutes) change.minutes = minutes;
  if (values.format !== session.format) change.format = values.format;
  const typed = topics(values.topics);
  if (!sameTopics(typed, session.topics)) change.topics = typed;
  if (!sameMembers(values.took_part, session.took_part)) change.took_part = [...values.took_part];
  return change;
}

export type SessionStatus = "planned" | "awaitingMe" | "awaitingPartner" | "confirmed" | "corrected";

/** Where a session stands for the member `me`: only the one who did not log it confirms, once it has happened. */
export function sessionStatus(session: PairSession, me: string, now: Date): SessionStatus {
  if (session.confirmed_at) return session.corrected ? "corrected" : "confirmed";
  if (Date.parse(session.held_at) > now.getTime()) return "planned";
  return session.logged_by === me ? "awaitingPartner" : "awaitingMe";
}
