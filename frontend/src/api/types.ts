// Short names for the generated schema types; nothing here is written by hand but the widening
// of problem codes and the typing of the import preview's mapping below.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type Role = Schemas["Role"];
export type Locale = Schemas["Locale"];
export type ApiScope = Schemas["ApiScope"];
/** Every reason code this console knows of (`Problem.code`, `FieldError.code`). */
export type ReasonCode = Schemas["Problem"]["code"];
/**
 * Problems as the console keeps them: a code is plain text, since a newer server may send one
 * this console does not list, and problems made up in the browser (network failures) have none.
 */
export type FieldError = Omit<Schemas["FieldError"], "code"> & { code: ReasonCode | (string & {}) };
export type Problem = Omit<Schemas["Problem"], "code" | "errors"> & {
  code: ReasonCode | (string & {});
  errors?: FieldError[];
};
export type Session = Schemas["Session"];
export type Me = Schemas["Me"];
export type Principal = Schemas["Principal"];
export type MemberView = Schemas["MemberView"];
export type InvitationView = Schemas["InvitationView"];
export type InvitationPreview = Schemas["InvitationPreview"];
export type InvitationSent = Schemas["InvitationSent"];
export type ApiKeyView = Schemas["ApiKeyView"];
export type ApiKeyCreated = Schemas["ApiKeyCreated"];
export type AuditEventView = Schemas["AuditEventView"];
export type SignupRequest = Schemas["SignupRequest"];
export type LoginRequest = Schemas["LoginRequest"];
export type AcceptInvitationRequest = Schemas["AcceptInvitationRequest"];
export type InviteRequest = Schemas["InviteRequest"];
export type CreateApiKey = Schemas["CreateApiKey"];
export type DeliveryView = Schemas["DeliveryView"];
export type DeliveryState = Schemas["DeliveryState"];
export type EmailCategory = Schemas["EmailCategory"];
export type MailboxMessage = Schemas["MailboxMessage"];
export type MailboxSettings = Schemas["MailboxSettings"];
export type TemplateView = Schemas["TemplateView"];
export type TemplateSources = Schemas["TemplateSources"];
export type PreviewView = Schemas["PreviewView"];
export type SuppressionView = Schemas["SuppressionView"];
export type AddSuppression = Schemas["AddSuppression"];
export type QueueDepth = Schemas["QueueDepth"];
export type DeadJobView = Schemas["DeadJobView"];
export type Preferences = Schemas["Preferences"];
export type PreferenceChange = Schemas["PreferenceChange"];

export const ROLES: readonly Role[] = ["owner", "admin", "program_manager", "viewer"];
export const LOCALES: readonly Locale[] = ["en", "ja"];
export const SCOPES: readonly ApiScope[] = ["read", "write"];
export const DELIVERY_STATES: readonly DeliveryState[] = ["queued", "sending", "sent", "failed", "retrying", "suppressed"];
/** Categories people may turn off; transactional email (invitations, sign-in links) always arrives. */
export const OPTIONAL_CATEGORIES: readonly Exclude<EmailCategory, "transactional">[] = ["campaign", "match", "nudge", "survey"];

export type PersonView = Schemas["PersonView"];
export type PersonInput = Schemas["PersonInput"];
export type PersonField = Schemas["PersonField"];
export type ImportRequest = Schemas["ImportRequest"];
export type ImportReport = Schemas["ImportReport"];
export type RowError = Schemas["RowError"];
export type ImportPreview = Schemas["ImportPreview"];
export type PreviewRequest = Omit<Schemas["ImportPreviewRequest"], "mapping"> & {
  /** Each header to a person field, or `null` for a column to ignore. */
  mapping?: Record<string, PersonField | null>;
};
export type ColumnView = Schemas["ColumnView"];
export type Confidence = Schemas["Confidence"];
export type EncodingReport = Schemas["EncodingReport"];
export type GradeView = Schemas["GradeView"];
export type GradeSource = Schemas["GradeSource"];
export type LanguageView = Schemas["LanguageView"];
export type SampleRow = Schemas["SampleRow"];
export type ProblemSummary = Schemas["ProblemSummary"];
export type ProgramView = Schemas["ProgramView"];
export type ProgramDesign = Schemas["ProgramDesign"];
export type ProgramKind = Schemas["ProgramKind"];
export type ProgramState = Schemas["ProgramState"];
export type ProgramTemplateView = Schemas["ProgramTemplateView"];
export type PurposeKind = Schemas["PurposeKind"];
export type ParticipantRole = Schemas["ParticipantRole"];
export type Cadence = Schemas["Cadence"];
export type Eligibility = Schemas["Eligibility"];
export type ReachRequest = Schemas["ReachRequest"];
export type Reach = Schemas["Reach"];
/** A directory value with how many people have it (the reach's departments, functions, regions). */
export type ValueCount = Schemas["ValueCount"];
export type SuccessMetric = Schemas["SuccessMetric"];
export type MetricSource = Schemas["MetricSource"];
export type TrainingModule = Schemas["TrainingModule"];
export type Resource = Schemas["Resource"];
export type TenantSettings = Schemas["TenantSettings"];

export const PERSON_FIELDS: readonly PersonField[] = [
  "external_id", "name", "name_reading", "email", "department", "function", "region", "location", "job_level", "title",
  "manager_external_id", "time_zone", "languages", "skills", "is_executive", "hire_date", "preferred_locale",
  "gender", "age_band",
];
export const PROGRAM_KINDS: readonly ProgramKind[] = ["reverse", "traditional", "mutual", "group"];
export const PROGRAM_STATES: readonly ProgramState[] = ["draft", "recruiting", "matching", "active", "completed", "archived"];
export const PURPOSES: readonly PurposeKind[] = [
  "knowledge_sharing", "network_building", "adapting_to_change", "diverse_connections", "custom",
];
export const CADENCES: readonly Cadence[] = ["weekly", "biweekly", "monthly"];
export const PARTICIPANT_ROLES: readonly ParticipantRole[] = ["mentor", "mentee", "either"];

export type CampaignView = Schemas["CampaignView"];
export type CampaignInput = Schemas["CampaignInput"];
export type CampaignKind = Schemas["CampaignKind"];
export type CampaignState = Schemas["CampaignState"];
export type CampaignMessage = Schemas["CampaignMessage"];
export type CustomQuestion = Schemas["CustomQuestion"];
export type QuestionKind = Schemas["QuestionKind"];
export type InviteeFilter = Schemas["InviteeFilter"];
export type InviteesRequest = Schemas["InviteesRequest"];
export type ApplicationView = Schemas["ApplicationView"];
export type ApplicationStatus = Schemas["ApplicationStatus"];
export type Decision = Schemas["Decision"];
export type Funnel = Schemas["Funnel"];
export type MessagePreview = Schemas["MessagePreview"];
export type PublicCampaign = Schemas["PublicCampaign"];
export type ApplyRequest = Schemas["ApplyRequest"];
export type PublicApplication = Schemas["PublicApplication"];

export const CAMPAIGN_KINDS: readonly CampaignKind[] = ["open", "closed"];
export const QUESTION_KINDS: readonly QuestionKind[] = ["text", "single_choice", "multiple_choice"];
export const DECISIONS: readonly Decision[] = ["accept", "waitlist", "decline"];
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  "unconfirmed", "submitted", "accepted", "waitlisted", "declined", "withdrawn",
];
export type ApplicationReceived = Schemas["ApplicationReceived"];
export type Audience = Schemas["Audience"];
export type AudienceMember = Schemas["AudienceMember"];
export type InviteeView = Schemas["InviteeView"];
export type InviteesAdded = Schemas["InviteesAdded"];
export type SkippedPerson = Schemas["SkippedPerson"];
export type DecisionRequest = Schemas["DecisionRequest"];
export type Transition = Schemas["Transition"];

export type MatchingSettings = Schemas["MatchingSettings"];
export type MatchingMode = Schemas["Mode"];
export type Criterion = Schemas["Criterion"];
export type Weights = Schemas["Weights"];
export type Constraints = Schemas["Constraints"];
export type RunSettings = Schemas["RunSettings"];
export type StartRun = Schemas["StartRun"];
export type MatchingRunView = Schemas["MatchingRunView"];
export type RunState = Schemas["RunState"];
export type ProposalView = Schemas["ProposalView"];
export type BlindProfile = Schemas["BlindProfile"];
export type ScorePart = Schemas["Part"];
export type PartDetail = Schemas["Detail"];
export type UnmatchedView = Schemas["UnmatchedView"];
export type LeftOut = Schemas["LeftOut"];
export type RevealedPerson = Schemas["RevealedPerson"];
export type MatchingEditView = Schemas["MatchingEditView"];
export type NewMatchingEdit = Schemas["NewMatchingEdit"];
export type ProposalChange = Schemas["ProposalChange"];
export type PairWithdrawal = Schemas["PairWithdrawal"];
export type EditKind = Schemas["EditKind"];
export type FairnessReport = Schemas["FairnessReport"];
export type AttributeReport = Schemas["AttributeReport"];
export type GroupReport = Schemas["GroupReport"];
export type GroupName = Schemas["GroupName"];
export type FairnessFlag = Schemas["Flag"];
export type AuditAttribute = Schemas["AuditAttribute"];
export type Published = Schemas["Published"];
export type PairView = Schemas["PairView"];
export type PairMember = Schemas["PairMember"];
export type RunComparison = Schemas["RunComparison"];
export type ComparedPair = Schemas["ComparedPair"];
export type RateChange = Schemas["RateChange"];

export type PortalMe = Schemas["PortalMe"];
export type PortalPerson = Schemas["PortalPerson"];
export type PortalPairSummary = Schemas["PortalPairSummary"];
export type PortalPair = Schemas["PortalPair"];
export type PartnerProfile = Schemas["PartnerProfile"];
export type PortalProgram = Schemas["PortalProgram"];
export type PortalTraining = Schemas["PortalTraining"];
export type PortalSignIn = Schemas["PortalSignIn"];
export type Leaving = Schemas["Leaving"];
export type KickoffView = Schemas["KickoffView"];
export type KickoffRequest = Schemas["KickoffRequest"];
export type SessionView = Schemas["SessionView"];
export type NewSession = Schemas["NewSession"];
export type SessionConfirmation = Schemas["SessionConfirmation"];
export type SessionFormat = Schemas["SessionFormat"];
export type LearningView = Schemas["LearningView"];
export type NewLearning = Schemas["NewLearning"];
export type LearningDirection = Schemas["LearningDirection"];
export type GoalView = Schemas["GoalView"];
export type NewGoal = Schemas["NewGoal"];
export type GoalUpdate = Schemas["GoalUpdate"];
export type GoalStatus = Schemas["GoalStatus"];
export type NoteView = Schemas["NoteView"];
export type StoryView = Schemas["StoryView"];
export type StoryText = Schemas["StoryText"];
export type HealthView = Schemas["HealthView"];
export type HealthStatus = Schemas["HealthStatus"];
export type ReciprocityView = Schemas["ReciprocityView"];
export type PairState = Schemas["PairState"];
export type TrainingReport = Schemas["TrainingReport"];
export type Monitoring = Schemas["Monitoring"];
export type MonitoredPair = Schemas["MonitoredPair"];
/** A member of a published pair as monitoring and the pair page show them. */
export type TrackedMember = Schemas["PairMemberProfile"];
export type PairPage = Schemas["PairPage"];
export type LearningSummary = Schemas["LearningSummary"];
export type Distribution = Schemas["Distribution"];
export type TopicCount = Schemas["TopicCount"];
export type ExecutivesTakingPart = Schemas["ExecutivesTakingPart"];
export type StoryOfPair = Schemas["StoryOfPair"];

export const SESSION_FORMATS: readonly SessionFormat[] = ["in_person", "video", "chat"];
export const HEALTH_STATUSES: readonly HealthStatus[] = ["on_track", "at_risk", "inactive"];
