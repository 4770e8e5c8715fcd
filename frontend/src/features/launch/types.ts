// The console's launch and monitoring shapes, as the schema names them.
export type {
  ExecutivesTakingPart as Executives,
  KickoffRequest as KickoffInput,
  LearningSummary,
  MonitoredPair,
  Monitoring,
  PairPage as ConsolePair,
  StoryOfPair as PublishedStory,
  TrackedMember as PairMemberFacts,
  TrainingReport,
} from "../../api/types";
