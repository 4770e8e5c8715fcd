import { topics } from "../apply/applyForm";
import type { ParticipantRole } from "../../api/types";
import type { LearningDirection, PairRole, Story } from "../tracking/types";
import type { GoalChange, Leaving, NewGoal, NewLearning, PairState, PortalTraining, StoryDraft } from "./types";

// The small forms of a pair's page: what each needs before it is sent, and what it sends.

export const MAX_NOTE = 2000;

/** The catalogue keys of these forms' errors; "too long" takes `max`. */
export type FormErrorKey = "portal.errors.required" | "portal.errors.tooLong" | "portal.learning.errors.topics" | "portal.goals.errors.date";
export const MAX_GOAL_TITLE = 200;
export const MAX_STORY_TITLE = 150;
export const MAX_STORY_BODY = 5000;
export const MAX_LEAVING_REASON = 500;

export interface LearningValues {
  direction: LearningDirection;
  topics: string[];
  note: string;
  session_id: string | null;
  [field: string]: unknown;
}

export function learningErrors(values: LearningValues): Partial<Record<"topics" | "note", FormErrorKey>> {
  const errors: Partial<Record<"topics" | "note", FormErrorKey>> = {};
  if (topics(values.topics).length === 0) errors.topics = "portal.learning.errors.topics";
  if (values.note.trim().length > MAX_NOTE) errors.note = "portal.errors.tooLong";
  return errors;
}

export function learningBody(values: LearningValues): NewLearning {
  const note = values.note.trim();
  return { session_id: values.session_id, direction: values.direction, topics: topics(values.topics), ...(note ? { note } : {}) };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function goalErrors(values: { title: string; target_date: string }): Partial<Record<"title" | "target_date", FormErrorKey>> {
  const errors: Partial<Record<"title" | "target_date", FormErrorKey>> = {};
  const title = values.title.trim();
  if (!title) errors.title = "portal.errors.required";
  else if (title.length > MAX_GOAL_TITLE) errors.title = "portal.errors.tooLong";
  const date = values.target_date.trim();
  if (date && (!DATE.test(date) || Number.isNaN(Date.parse(date)))) errors.target_date = "portal.goals.errors.date";
  return errors;
}

export function goalBody(values: { title: string; target_date: string }): NewGoal {
  const date = values.target_date.trim();
  return { title: values.title.trim(), target_date: date || null };
}

/** A progress note saved as typed (trimmed); an emptied note is sent empty, which clears it. */
export function progressChange(note: string): GoalChange {
  return { progress_note: note.trim() };
}

export function storyErrors(values: StoryDraft): Partial<Record<"title" | "body", FormErrorKey>> {
  const errors: Partial<Record<"title" | "body", FormErrorKey>> = {};
  const title = values.title.trim();
  const body = values.body.trim();
  if (!title) errors.title = "portal.errors.required";
  else if (title.length > MAX_STORY_TITLE) errors.title = "portal.errors.tooLong";
  if (!body) errors.body = "portal.errors.required";
  else if (body.length > MAX_STORY_BODY) errors.body = "portal.errors.tooLong";
  return errors;
}

/** Who has agreed to the story being shared: the signed-in member, the partner. */
export function agreement(story: Pick<Story, "agreed_by">, me: string, partner: string) {
  return { mine: story.agreed_by.includes(me), partner: story.agreed_by.includes(partner) };
}

/** The modules for this member's role (both members of a mutual pair learn both sides). */
export function trainingFor(training: readonly PortalTraining[], role: PairRole): PortalTraining[] {
  if (role === "learner") return [...training];
  const mine: ParticipantRole = role;
  return training.filter((m) => m.role === "either" || m.role === mine);
}

/** Topics the pair already used (sessions, then learning), each once, to suggest in topic fields. */
export function pastTopics(lists: readonly { topics: readonly string[] }[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const topic of lists.flatMap((l) => l.topics)) {
    const key = topic.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(topic.trim());
  }
  return out;
}

/** Whether the pair still runs (active, or paused for a while): an ended or withdrawn pair is only read. */
export const stillRuns = (state: PairState): boolean => state === "active" || state === "paused";

/** Characters as the server counts them (code points, not UTF-16 units). */
export const characters = (text: string): number => [...text].length;

/**
 * The reason for leaving as it is sent: trimmed, its line breaks and tabs made spaces (the server
 * takes a single line), and left out when empty.
 */
export function leavingBody(reason: string): Leaving {
  const why = reason.replace(/\s*[\r\n\t]+\s*/g, " ").trim();
  return why ? { reason: why } : {};
}

export function leavingErrors(values: { reason: string }): Partial<Record<"reason", FormErrorKey>> {
  const why = leavingBody(values.reason).reason ?? "";
  return characters(why) > MAX_LEAVING_REASON ? { reason: "portal.errors.tooLong" } : {};
}
