// The shapes of launch and two-way tracking, as the schema names them, under the names the
// tracking components use.
import type {
  GoalStatus,
  GoalView,
  HealthStatus,
  HealthView,
  KickoffView,
  LearningDirection,
  LearningView,
  PairState,
  PortalProgram,
  ReciprocityView,
  SessionFormat,
  SessionView,
  StoryView,
} from "../../api/types";

export { HEALTH_STATUSES, SESSION_FORMATS } from "../../api/types";
export type { GoalStatus, HealthStatus, LearningDirection, SessionFormat };

export type Health = HealthView;
export type PairSession = SessionView;
export type LearningEntry = LearningView;
export type Goal = GoalView;
export type Reciprocity = ReciprocityView;
export type Story = StoryView;
export type Kickoff = KickoffView;
export type TrackedPairState = PairState;
export type ProgramOutline = PortalProgram;

export const GOAL_STATUSES: readonly GoalStatus[] = ["open", "done", "dropped"];

/** A member's part in a pair; the API sends it as text. */
export type PairRole = "mentor" | "mentee" | "learner";

/** The role as sent, read as one of ours: anything unknown is taken as a learning partner (both sides). */
export function pairRole(role: string): PairRole {
  return role === "mentor" || role === "mentee" ? role : "learner";
}
