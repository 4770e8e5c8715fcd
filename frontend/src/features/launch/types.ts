// The console's launch and monitoring shapes, by hand from the API contract until
// docs/openapi.json describes them (then `components["schemas"][…]` through api/types.ts).
import type { Goal, Health, LearningEntry, PairSession, Reciprocity, Story, TrackedPairState } from "../tracking/types";
import type { Bucket, TopicCount } from "../tracking/reciprocity";

export interface KickoffInput {
  starts_at: string;
  ends_at: string;
  time_zone: string;
  place: string | null;
  video_link: string | null;
  agenda: string | null;
}

export type TrainingRole = "mentor" | "mentee";

export interface TrainingReport {
  modules: { module: number; title: string; role: "mentor" | "mentee" | "either" }[];
  people: { person_id: string; name: string; role: TrainingRole; done: number[]; required: number[]; started: boolean }[];
  by_role: { role: TrainingRole; people: number; completed: number; not_started: number }[];
}

export interface Named {
  id: string;
  name: string;
}

export interface MonitoredPair {
  id: string;
  mentor: Named;
  mentee: Named;
  state: TrackedPairState;
  health: Health;
  last_session_at: string | null;
  sessions: number;
  reciprocity: number | null;
}

export interface ProgramReciprocity {
  index: number | null;
  pairs_with_learning: number;
  distribution: Bucket[];
  topics_learned_by_mentees: TopicCount[];
  topics_learned_by_mentors: TopicCount[];
  senior_learned_share: number | null;
  senior_learned_pairs: number;
  pairs_with_seniority: number;
}

export interface Executives {
  as_mentor: number;
  as_mentee: number;
  sessions: number;
  people: { id: string; name: string; role: TrainingRole; sessions: number }[];
}

export interface PublishedStory {
  pair_id: string;
  title: string;
  body: string;
  featured: boolean;
  updated_at: string;
}

export interface Monitoring {
  pairs: MonitoredPair[];
  reciprocity: ProgramReciprocity;
  health: { on_track: number; at_risk: number; inactive: number };
  executives: Executives;
  stories: PublishedStory[];
}

export interface PairMemberFacts extends Named {
  title: string | null;
  department: string | null;
}

/** A pair as the console sees it: everything but the members' private notes, which it never gets. */
export interface ConsolePair {
  id: string;
  program_id: string;
  state: TrackedPairState;
  paused_reason: string | null;
  mentor: PairMemberFacts;
  mentee: PairMemberFacts;
  health: Health;
  sessions: PairSession[];
  learning: LearningEntry[];
  goals: Goal[];
  reciprocity: Reciprocity;
  story: Story | null;
}
