// The participant portal's shapes, as the schema names them.
export type {
  GoalUpdate as GoalChange,
  Leaving,
  NewGoal,
  NewLearning,
  NewSession,
  NoteView as PrivateNote,
  PairState,
  PartnerProfile as Partner,
  PortalMe,
  PortalPair,
  PortalPairSummary,
  PortalPerson,
  PortalTraining,
  SessionConfirmation,
  StoryText as StoryDraft,
} from "../../api/types";
