// The participant portal's shapes, by hand from the API contract until docs/openapi.json has
// them (then `components["schemas"][…]` through api/types.ts).
import type { Locale, ParticipantRole } from "../../api/types";
import type {
  Goal,
  GoalStatus,
  Health,
  Kickoff,
  LearningDirection,
  LearningEntry,
  PairRole,
  PairSession,
  ProgramOutline,
  Reciprocity,
  SessionFormat,
  Story,
  TrackedPairState,
} from "../tracking/types";

export interface PortalPerson {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  time_zone: string | null;
}

export interface PortalPairSummary {
  id: string;
  program_id: string;
  program_name: string;
  role: PairRole;
  partner_name: string;
  state: TrackedPairState;
  health: Health;
}

export interface PortalMe {
  person: PortalPerson;
  pairs: PortalPairSummary[];
}

export interface Partner {
  id: string;
  name: string;
  title: string | null;
  department: string | null;
  languages: string[];
  time_zone: string | null;
  local_time: string | null;
}

export interface PortalTraining {
  module: number;
  title: string;
  role: ParticipantRole;
  url: string | null;
  done: boolean;
}

export interface PortalPair {
  id: string;
  state: TrackedPairState;
  paused_reason: string | null;
  role: PairRole;
  partner: Partner;
  program: ProgramOutline;
  training: PortalTraining[];
  kickoff: Kickoff | null;
  sessions: PairSession[];
  learning: LearningEntry[];
  goals: Goal[];
  reciprocity: Reciprocity;
  health: Health;
  story: Story | null;
  /** The signed-in person's id. */
  me: string;
}

export interface PrivateNote {
  id: string;
  body: string;
  created_at: string;
}

export interface NewSession {
  held_at: string;
  minutes: number;
  format: SessionFormat;
  topics: string[];
  planned: boolean;
}

/** `{}` confirms a session as logged; any field corrects it. */
export type SessionConfirmation = Partial<Omit<NewSession, "planned">>;

export interface NewLearning {
  session_id: string | null;
  direction: LearningDirection;
  topics: string[];
  note?: string;
}

export interface NewGoal {
  title: string;
  target_date: string | null;
}

export interface GoalChange {
  status?: GoalStatus;
  progress_note?: string;
}

export interface StoryDraft {
  title: string;
  body: string;
}
