//! What the store hands out: plain records with domain types, never entities.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use tandem_domain::{
    ApiKeyId, ApiScope, AuditEventId, InvitationId, Locale, PasswordResetId, PersonId, ProgramId, RefreshTokenId, Role,
    SignupId, TenantId, TokenFamilyId, UserId,
};
use uuid::Uuid;

#[derive(Clone, Debug)]
pub struct Tenant {
    pub id: TenantId,
    pub name: String,
    pub locale: Locale,
    pub created_at: DateTime<Utc>,
    /// Whether sensitive person attributes (gender, age band) are kept at all.
    pub sensitive_attributes_enabled: bool,
}

#[derive(Clone, Debug)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub locale: Locale,
    pub created_at: DateTime<Utc>,
}

/// A user with the hash their password is checked against (login only).
#[derive(Clone, Debug)]
pub struct UserCredentials {
    pub user: User,
    pub password_hash: String,
}

#[derive(Clone, Debug)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub locale: Locale,
}

/// A user as a member of one tenant.
#[derive(Clone, Debug)]
pub struct Member {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub locale: Locale,
    pub joined_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct ApiKey {
    pub id: ApiKeyId,
    pub name: String,
    pub prefix: String,
    pub scopes: Vec<ApiScope>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug)]
pub struct NewApiKey {
    pub id: ApiKeyId,
    pub name: String,
    pub prefix: String,
    pub secret_hash: String,
    pub scopes: Vec<ApiScope>,
    pub created_by: Option<UserId>,
}

#[derive(Clone, Debug)]
pub struct RefreshToken {
    pub id: RefreshTokenId,
    pub user_id: UserId,
    pub family_id: TokenFamilyId,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug)]
pub struct NewRefreshToken {
    pub user_id: UserId,
    pub family_id: TokenFamilyId,
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct Invitation {
    pub id: InvitationId,
    pub email: String,
    pub role: Role,
    pub invited_by: UserId,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct NewInvitation {
    pub email: String,
    pub role: Role,
    pub token_hash: String,
    pub invited_by: UserId,
    pub expires_at: DateTime<Utc>,
}

/// Who did something, as the audit log records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditActor {
    User(UserId),
    ApiKey(ApiKeyId),
    System,
}

#[derive(Clone, Debug)]
pub struct AuditEvent {
    pub id: AuditEventId,
    pub actor_kind: String,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<Uuid>,
    pub details: Value,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct NewAuditEvent {
    pub actor: AuditActor,
    pub action: &'static str,
    pub target_kind: &'static str,
    pub target_id: Option<Uuid>,
    pub details: Value,
}

/// Where a login attempt stands for one email address.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoginThrottle {
    pub failures: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// An email to record and send. Its template (and so its category) and variables come
/// from `email`.
#[derive(Clone, Debug)]
pub struct NewEmailDelivery {
    /// One email per key per tenant: recording the same key again finds the first.
    pub idempotency_key: String,
    pub email: tandem_domain::emails::Email,
    pub locale: Locale,
    pub to_email: String,
    pub to_name: Option<String>,
    /// The recipient's IANA time zone, for quiet hours.
    pub time_zone: Option<String>,
}

#[derive(Clone, Debug)]
pub struct EmailDelivery {
    pub id: tandem_domain::EmailDeliveryId,
    pub idempotency_key: String,
    pub category: tandem_domain::mail::EmailCategory,
    pub template: String,
    pub locale: Locale,
    pub to_email: String,
    pub to_name: Option<String>,
    pub time_zone: Option<String>,
    pub context: Value,
    pub subject: Option<String>,
    pub state: tandem_domain::mail::DeliveryState,
    pub reason: Option<String>,
    pub message_id: String,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug)]
pub struct Suppression {
    pub email: String,
    pub category: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// A tenant's own subject and bodies for one template in one language.
#[derive(Clone, Debug)]
pub struct TemplateOverride {
    pub subject: String,
    pub html: String,
    pub text: String,
    pub updated_at: DateTime<Utc>,
}

/// A person in the directory, as stored.
#[derive(Clone, Debug)]
pub struct PersonRecord {
    pub id: tandem_domain::PersonId,
    pub person: tandem_domain::people::Person,
    pub manager_id: Option<tandem_domain::PersonId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Filters on the directory; all optional, combined with AND.
#[derive(Clone, Debug, Default)]
pub struct PeopleFilter {
    pub department: Option<String>,
    pub function: Option<String>,
    pub region: Option<String>,
    pub level_min: Option<u8>,
    pub level_max: Option<u8>,
    pub skill: Option<String>,
    pub is_executive: Option<bool>,
    /// Case-insensitive text in name, name reading, email, title or external id.
    pub text: Option<String>,
    /// Case-insensitive text in the department ("sales" finds "Inside Sales").
    pub department_contains: Option<String>,
}

/// The order of a directory list. Each ends with the id, so that pages never overlap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PeopleSort {
    /// In the order people were added.
    #[default]
    Added,
    /// By how the name is read (furigana), or the name where there is no reading: Japanese
    /// names sort as people say them.
    Name,
    ExternalId,
    Department,
    /// Most senior first.
    JobLevel,
}

/// The people at each step of one or more campaigns' funnels.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FunnelPeople {
    pub invited: std::collections::BTreeSet<tandem_domain::PersonId>,
    pub emailed: std::collections::BTreeSet<tandem_domain::PersonId>,
    /// Invitees who followed their personal link.
    pub opened: std::collections::BTreeSet<tandem_domain::PersonId>,
    /// Browsers that opened an open campaign's public link (each once).
    pub public_opens: u64,
    pub applied: std::collections::BTreeSet<tandem_domain::PersonId>,
    pub accepted: std::collections::BTreeSet<tandem_domain::PersonId>,
}

impl FunnelPeople {
    /// Adds another campaign's funnel: a person in both counts once.
    pub fn add(&mut self, other: FunnelPeople) {
        self.invited.extend(other.invited);
        self.emailed.extend(other.emailed);
        self.opened.extend(other.opened);
        self.public_opens += other.public_opens;
        self.applied.extend(other.applied);
        self.accepted.extend(other.accepted);
    }

    pub fn counts(&self) -> tandem_domain::recruitment::Funnel {
        tandem_domain::recruitment::Funnel {
            invited: self.invited.len() as u64,
            emailed: self.emailed.len() as u64,
            opened: self.opened.len() as u64 + self.public_opens,
            applied: self.applied.len() as u64,
            accepted: self.accepted.len() as u64,
            matched: 0,
        }
    }
}

/// The mapping a tenant's admin chose for their HR export: each header to a person field
/// (`None`: ignored), and grades to job levels.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportMapping {
    pub columns: std::collections::BTreeMap<String, Option<tandem_domain::people::PersonField>>,
    pub grades: tandem_domain::import::GradeTable,
}

/// What an upsert did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UpsertCounts {
    pub created: u64,
    pub updated: u64,
}

/// A program as stored.
#[derive(Clone, Debug)]
pub struct ProgramRecord {
    pub id: tandem_domain::ProgramId,
    pub state: tandem_domain::programs::ProgramState,
    pub design: tandem_domain::programs::ProgramDesign,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A campaign as its admins set it up.
#[derive(Clone, Debug)]
pub struct NewCampaign {
    pub program_id: tandem_domain::ProgramId,
    pub name: String,
    pub kind: tandem_domain::recruitment::CampaignKind,
    pub deadline: Option<DateTime<Utc>>,
    pub send_at: Option<DateTime<Utc>>,
    pub reminder_hours_before: Option<u32>,
    pub messages: std::collections::BTreeMap<Locale, tandem_domain::recruitment::CampaignMessage>,
    pub questions: Vec<tandem_domain::recruitment::CustomQuestion>,
}

#[derive(Clone, Debug)]
pub struct CampaignRecord {
    pub id: tandem_domain::CampaignId,
    pub program_id: tandem_domain::ProgramId,
    pub name: String,
    pub kind: tandem_domain::recruitment::CampaignKind,
    pub state: tandem_domain::recruitment::CampaignState,
    pub public_token: String,
    pub public_opens: u64,
    pub deadline: Option<DateTime<Utc>>,
    pub send_at: Option<DateTime<Utc>>,
    pub reminder_hours_before: Option<u32>,
    pub messages: std::collections::BTreeMap<Locale, tandem_domain::recruitment::CampaignMessage>,
    pub questions: Vec<tandem_domain::recruitment::CustomQuestion>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct InviteeRecord {
    pub campaign_id: tandem_domain::CampaignId,
    pub person_id: tandem_domain::PersonId,
    pub invited_at: DateTime<Utc>,
    pub emailed_at: Option<DateTime<Utc>>,
    pub opened_at: Option<DateTime<Utc>>,
    pub reminded_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug)]
pub struct NewApplication {
    pub campaign_id: tandem_domain::CampaignId,
    pub program_id: tandem_domain::ProgramId,
    pub person_id: tandem_domain::PersonId,
    pub role_wanted: tandem_domain::programs::ParticipantRole,
    /// The answers: can_teach, wants_to_learn, goals, availability, languages, consent, answers.
    pub form: Value,
    pub token_hash: String,
}

#[derive(Clone, Debug)]
pub struct ApplicationRecord {
    pub id: tandem_domain::ApplicationId,
    pub campaign_id: tandem_domain::CampaignId,
    pub program_id: tandem_domain::ProgramId,
    pub person_id: tandem_domain::PersonId,
    pub role_wanted: tandem_domain::programs::ParticipantRole,
    pub form: Value,
    pub status: tandem_domain::recruitment::ApplicationStatus,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A sign-up waiting for its emailed link.
#[derive(Clone, Debug)]
pub struct Signup {
    pub id: SignupId,
    pub email: String,
    pub company_name: String,
    pub owner_name: String,
    pub password_hash: String,
    pub locale: Locale,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct NewSignup {
    pub id: SignupId,
    pub email: String,
    pub company_name: String,
    pub owner_name: String,
    pub password_hash: String,
    pub locale: Locale,
    /// The hash of the emailed link's secret.
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
}

/// A request to choose a new password.
#[derive(Clone, Debug)]
pub struct PasswordReset {
    pub id: PasswordResetId,
    pub user_id: UserId,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

/// A matching run as stored.
#[derive(Clone, Debug)]
pub struct MatchingRunRecord {
    pub id: tandem_domain::MatchingRunId,
    pub program_id: ProgramId,
    pub mode: tandem_domain::matching::run::Mode,
    /// The weights and constraints asked for.
    pub settings: Value,
    pub state: tandem_domain::matching::run::RunState,
    /// 0..=100.
    pub progress: u8,
    pub error: Option<String>,
    pub total: Option<f64>,
    pub pairs: Option<u32>,
    pub unmatched: Option<u32>,
    pub proven_optimal: bool,
    pub blocking_pairs: Option<u32>,
    /// What the run found beyond its totals (see `tandem_jobs::matching`).
    pub result: Option<Value>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// When its proposals became the program's pairs.
    pub published_at: Option<DateTime<Utc>>,
}

/// What a finished run writes.
#[derive(Clone, Debug)]
pub struct RunResult {
    pub total: f64,
    pub unmatched: u32,
    pub proven_optimal: bool,
    pub blocking_pairs: u32,
    pub result: Value,
    pub proposals: Vec<NewProposal>,
}

#[derive(Clone, Debug)]
pub struct NewProposal {
    pub mentor: PersonId,
    pub mentee: PersonId,
    pub score: f64,
    pub parts: Value,
    pub locked: bool,
}

#[derive(Clone, Debug)]
pub struct ProposalRecord {
    pub id: tandem_domain::ProposalId,
    pub run_id: tandem_domain::MatchingRunId,
    pub mentor: PersonId,
    pub mentee: PersonId,
    pub score: f64,
    pub parts: Value,
    pub locked: bool,
}

#[derive(Clone, Debug)]
pub struct MatchingEditRecord {
    pub id: tandem_domain::MatchingEditId,
    pub program_id: ProgramId,
    pub kind: tandem_domain::matching::run::EditKind,
    pub mentor: PersonId,
    pub mentee: PersonId,
    pub created_at: DateTime<Utc>,
}

/// A published pair.
#[derive(Clone, Debug)]
pub struct PairRecord {
    pub id: tandem_domain::PairId,
    pub program_id: ProgramId,
    pub run_id: tandem_domain::MatchingRunId,
    pub mentor: PersonId,
    pub mentee: PersonId,
    pub score: f64,
    pub parts: Value,
    pub state: tandem_domain::matching::run::PairState,
    pub created_at: DateTime<Utc>,
    /// When it was withdrawn or ended.
    pub ended_at: Option<DateTime<Utc>>,
    /// Why it is paused, while it is.
    pub paused_reason: Option<String>,
}

/// A session a member logs (or plans).
#[derive(Clone, Debug)]
pub struct NewPairSession {
    pub pair: tandem_domain::PairId,
    pub held_at: DateTime<Utc>,
    pub minutes: u32,
    pub format: tandem_domain::tracking::SessionFormat,
    pub topics: Vec<String>,
    pub planned: bool,
    pub logged_by: PersonId,
    /// The members who took part.
    pub took_part: Vec<PersonId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PairSessionRecord {
    pub id: tandem_domain::PairSessionId,
    pub pair: tandem_domain::PairId,
    pub held_at: DateTime<Utc>,
    pub minutes: u32,
    pub format: tandem_domain::tracking::SessionFormat,
    pub topics: Vec<String>,
    pub planned: bool,
    pub logged_by: PersonId,
    pub took_part: Vec<PersonId>,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Whether the partner corrected it when confirming.
    pub corrected: bool,
    pub created_at: DateTime<Utc>,
}

/// What the partner changes of a session when confirming it (nothing: confirmed as logged).
#[derive(Clone, Debug, Default)]
pub struct SessionChanges {
    pub held_at: Option<DateTime<Utc>>,
    pub minutes: Option<u32>,
    pub format: Option<tandem_domain::tracking::SessionFormat>,
    pub topics: Option<Vec<String>>,
    pub took_part: Option<Vec<PersonId>>,
}

#[derive(Clone, Debug)]
pub struct NewLearningEntry {
    pub pair: tandem_domain::PairId,
    pub session: Option<tandem_domain::PairSessionId>,
    pub author: PersonId,
    pub direction: tandem_domain::tracking::LearningDirection,
    pub topics: Vec<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LearningEntryRecord {
    pub id: tandem_domain::LearningEntryId,
    pub pair: tandem_domain::PairId,
    pub session: Option<tandem_domain::PairSessionId>,
    pub author: PersonId,
    pub direction: tandem_domain::tracking::LearningDirection,
    pub topics: Vec<String>,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GoalRecord {
    pub id: tandem_domain::GoalId,
    pub pair: tandem_domain::PairId,
    pub title: String,
    pub target_date: Option<chrono::NaiveDate>,
    pub status: tandem_domain::tracking::GoalStatus,
    pub progress_note: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// A private note as stored: sealed under the key `key_id` names.
#[derive(Clone, Debug)]
pub struct SealedNote {
    pub id: tandem_domain::NoteId,
    pub key_id: String,
    pub sealed: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StoryRecord {
    pub pair: tandem_domain::PairId,
    pub title: String,
    pub body: String,
    /// The members who agreed to this text.
    pub agreed_by: Vec<PersonId>,
    pub featured: bool,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct NewKickoff {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: String,
    pub place: Option<String>,
    pub video_link: Option<String>,
    pub agenda: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct KickoffRecord {
    pub id: tandem_domain::KickoffId,
    pub program: ProgramId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: String,
    pub place: Option<String>,
    pub video_link: Option<String>,
    pub agenda: Option<String>,
    /// RFC 5545's SEQUENCE: raised on every change and on cancelling.
    pub sequence: u32,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// One member's check-in for one period; unanswered until they answer.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckInRecord {
    pub id: tandem_domain::CheckInId,
    pub program: ProgramId,
    pub pair: tandem_domain::PairId,
    pub person: PersonId,
    /// The period's first day, and its last.
    pub period: NaiveDate,
    pub period_end: NaiveDate,
    pub score: Option<u8>,
    pub learned: Option<bool>,
    pub comment: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    /// When it was asked (its email recorded).
    pub asked_at: DateTime<Utc>,
}

/// A check-in to ask for.
#[derive(Clone, Debug)]
pub struct NewCheckIn {
    pub id: tandem_domain::CheckInId,
    pub program: ProgramId,
    pub pair: tandem_domain::PairId,
    pub person: PersonId,
    pub period: NaiveDate,
    pub period_end: NaiveDate,
    pub token_hash: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SurveyRecord {
    pub id: tandem_domain::SurveyId,
    pub program: ProgramId,
    pub kind: tandem_domain::feedback::SurveyKind,
    /// Who is asked: mentors, mentees, or `either` for everyone in the program's pairs.
    pub audience: tandem_domain::programs::ParticipantRole,
    pub title: String,
    pub questions: Vec<tandem_domain::feedback::SurveyQuestion>,
    pub anonymous: bool,
    pub state: tandem_domain::feedback::SurveyState,
    pub closes_on: Option<NaiveDate>,
    pub opened_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// What a survey is written with (and edited to, while a draft).
#[derive(Clone, Debug)]
pub struct SurveyDraft {
    pub kind: tandem_domain::feedback::SurveyKind,
    pub audience: tandem_domain::programs::ParticipantRole,
    pub title: String,
    pub questions: Vec<tandem_domain::feedback::SurveyQuestion>,
    pub anonymous: bool,
    pub closes_on: Option<NaiveDate>,
}

/// Someone asked to answer a survey. Whether they answered is kept here, apart from the
/// answers, only to stop reminders.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyInviteeRecord {
    pub id: tandem_domain::SurveyInviteeId,
    pub survey: tandem_domain::SurveyId,
    pub person: PersonId,
    pub role: tandem_domain::programs::ParticipantRole,
    pub answered: bool,
    pub reminded_at: Option<DateTime<Utc>>,
}

/// One response: anonymous ones carry no person.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyResponseRecord {
    pub role: tandem_domain::programs::ParticipantRole,
    pub person: Option<PersonId>,
    pub answers: std::collections::BTreeMap<String, serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MetricReadingRecord {
    pub id: tandem_domain::MetricReadingId,
    pub metric: String,
    pub value: f64,
    pub recorded_on: NaiveDate,
}

/// A nudge decided for one person.
#[derive(Clone, Debug)]
pub struct NewNudge {
    pub program: ProgramId,
    pub person: PersonId,
    pub rule: tandem_domain::nudges::NudgeRule,
    /// With the rule and the person, its idempotency key.
    pub period: String,
    pub state: tandem_domain::nudges::NudgeState,
    pub reason: Option<String>,
}

/// A nudge as the log shows it: its own state, or its email's.
#[derive(Clone, Debug, PartialEq)]
pub struct NudgeRecord {
    pub id: Uuid,
    pub program: ProgramId,
    pub person: PersonId,
    pub rule: tandem_domain::nudges::NudgeRule,
    pub period: String,
    pub state: tandem_domain::nudges::NudgeState,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When its email went.
    pub sent_at: Option<DateTime<Utc>>,
}
