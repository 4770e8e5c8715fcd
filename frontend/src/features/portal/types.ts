// The participant portal's shapes, as the schema names them.
export type {
  GoalUpdate as GoalChange,
  NewGoal,
  NewLearning,
  NoteView as PrivateNote,
  PartnerProfile as Partner,
  PortalMe,
  PortalPair,
  PortalPairSummary,
  PortalPerson,
  PortalTraining,
  StoryText as StoryDraft,
} from "../../api/types";
import type { NewSession as NewSessionSchema, SessionConfirmation as SessionConfirmationSchema } from "../../api/types";

// Who took part, by hand until the schema is generated with it: the members who attended
// (left out, both).
export type NewSession = NewSessionSchema & { took_part?: string[] };
export type SessionConfirmation = SessionConfirmationSchema & { took_part?: string[] };
