// The shapes of launch and two-way tracking, written by hand from the API contract until
// docs/openapi.json describes them; then each becomes `components["schemas"][…]` in api/types.ts
// and this file only re-exports those names.
import type { ProgramKind, PurposeKind, Resource } from "../../api/types";

export type HealthStatus = "on_track" | "at_risk" | "inactive";
export const HEALTH_STATUSES: readonly HealthStatus[] = ["on_track", "at_risk", "inactive"];

/** How a pair is doing; the reasons are the server's words, in the language asked for. */
export interface Health {
  status: HealthStatus;
  reasons: string[];
}

export type SessionFormat = "in_person" | "video" | "chat";
export const SESSION_FORMATS: readonly SessionFormat[] = ["in_person", "video", "chat"];

/** A meeting of a pair, logged (or planned) by one member and confirmed by the other. */
export interface PairSession {
  id: string;
  held_at: string;
  minutes: number;
  format: SessionFormat;
  topics: string[];
  planned: boolean;
  /** The person who logged it. */
  logged_by: string;
  confirmed_at: string | null;
  corrected: boolean;
  created_at: string;
}

export type LearningDirection = "learned" | "taught";

export interface LearningEntry {
  id: string;
  session_id: string | null;
  author: string;
  direction: LearningDirection;
  topics: string[];
  note: string | null;
  created_at: string;
}

export type GoalStatus = "open" | "done" | "dropped";
export const GOAL_STATUSES: readonly GoalStatus[] = ["open", "done", "dropped"];

export interface Goal {
  id: string;
  title: string;
  target_date: string | null;
  status: GoalStatus;
  progress_note: string | null;
  updated_at: string;
}

/** How much learning flows both ways: 1 when each side learns as much as the other. */
export interface Reciprocity {
  index: number | null;
  learned_by_mentor: number;
  learned_by_mentee: number;
  explanation: string;
}

export interface Story {
  title: string;
  body: string;
  agreed_by: string[];
  published: boolean;
  featured: boolean;
  updated_at: string;
}

export interface Kickoff {
  starts_at: string;
  ends_at: string;
  time_zone: string;
  place: string | null;
  video_link: string | null;
  agenda: string | null;
  sequence: number;
  cancelled: boolean;
  /** How many people have it in their calendar (console answers). */
  invited?: number;
}

/** A pair's state once published; `ended` in the portal is `withdrawn` in the matching tab. */
export type TrackedPairState = "active" | "paused" | "ended" | "withdrawn";

export type PairRole = "mentor" | "mentee" | "learner";

export interface ProgramOutline {
  id: string;
  name: string;
  kind: ProgramKind;
  purposes: PurposeKind[];
  custom_purpose: string | null;
  meetings_per_month: number;
  minutes_per_meeting: number;
  start_date: string | null;
  end_date: string | null;
  resources: Resource[];
}
