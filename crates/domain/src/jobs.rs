//! Background jobs: what a job asks for ([`Task`]) and the life of a job, whichever queue
//! backend holds it ([`JobState`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::programs::ParticipantRole;
use crate::{CampaignId, EmailDeliveryId, MatchingRunId, SignupId};

/// Every kind of background job, one variant each. A queue stores a task as its `kind` (the
/// variant's name) and `payload` (its fields as JSON); [`Task::decode`] reads them back.
///
/// Adding a kind is one variant here and its arm in the worker's handler (an exhaustive
/// `match`, so a kind without a handler does not compile).
///
/// Versions: a job may wait in a queue while a newer build is deployed, so the stored form
/// of a kind never changes incompatibly. A field may be added with `#[serde(default)]`; any
/// other change is a new kind with a version suffix (`send_email.v2`) beside the old one,
/// which stays until no queue can hold it. A payload this build cannot read (a newer kind,
/// or a broken one) fails to decode with a [`DecodeError`] that says so, and the worker
/// dead-letters the job with that reason rather than guessing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::VariantNames)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Task {
    /// Sends one recorded email delivery.
    SendEmail(SendEmail),
    /// Sends recorded email deliveries of one tenant together (a campaign's, a batch at a time).
    SendEmails(SendEmails),
    /// A campaign's message to its audience, on its date.
    CampaignMessage(CampaignTask),
    /// A campaign's reminder to those who have not applied, before its deadline.
    CampaignReminder(CampaignTask),
    /// An application through a campaign's public link, looked up off the request.
    PublicApplication(PublicApplicationTask),
    /// Emails a sign-up's link (or, for an address with an account, a notice).
    Signup(SignupTask),
    /// Emails a password reset link, when the address has an account.
    PasswordReset(PasswordResetTask),
    /// Scores and solves one matching run, and writes what it found.
    MatchingRun(MatchingRunTask),
    /// Emails a participant's portal sign-in link to every directory entry with the address.
    ParticipantSignIn(ParticipantSignInTask),
    /// Sends a program's kickoff invitation (or update, or cancellation) to its participants.
    KickoffInvitations(KickoffTask),
    /// Reminds a program's participants of the kickoff the day before.
    KickoffReminder(KickoffTask),
    /// Asks the members of a program's active pairs for their check-in for a period.
    CheckIns(CheckInsTask),
    /// Asks everyone a survey is for to answer it.
    SurveyInvitations(SurveyTask),
    /// Reminds those who have not answered a survey.
    SurveyReminder(SurveyTask),
    /// Waits and leaves a mark: measures the queue and proves its guarantees.
    Noop(Noop),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantSignInTask {
    pub email: String,
}

/// A kickoff as it was when the job was queued: a job for an older `sequence` does nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KickoffTask {
    pub program: crate::ProgramId,
    pub sequence: u32,
}

/// A program's check-ins for the period starting `period`. The scheduler asks pairs formed
/// before the period began; a manager asking by hand (`every_pair`) asks every active pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckInsTask {
    pub program: crate::ProgramId,
    pub period: chrono::NaiveDate,
    pub every_pair: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyTask {
    pub survey: crate::SurveyId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchingRunTask {
    pub run: MatchingRunId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendEmail {
    pub delivery: EmailDeliveryId,
}

/// At most [`SendEmails::MAX`] deliveries; one that is held or must be tried again later goes on
/// as a [`SendEmail`] job of its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendEmails {
    pub deliveries: Vec<EmailDeliveryId>,
}

impl SendEmails {
    /// Deliveries in one job: enough to share its database work, few enough that a job's
    /// payload stays small and a worker that dies leaves little to do again.
    pub const MAX: usize = 50;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignTask {
    pub campaign: CampaignId,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicApplicationTask {
    pub campaign: CampaignId,
    /// The address the form named (in the directory or not).
    pub email: String,
    pub role_wanted: ParticipantRole,
    /// The answers as sent: can_teach, wants_to_learn, goals, availability, languages,
    /// consent, answers.
    pub form: Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignupTask {
    pub signup: SignupId,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetTask {
    pub email: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Noop {
    /// How long the job takes.
    #[serde(default)]
    pub sleep_ms: u64,
    /// Written to the audit log when the job completes; none means no mark.
    #[serde(default)]
    pub marker: Option<String>,
}

/// Why a stored job cannot be read by this build.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("job kind {0:?} is unknown to this version of Tandem (written by a newer one?)")]
    UnknownKind(String),
    #[error("the payload of a {kind:?} job does not decode: {reason}")]
    BadPayload { kind: String, reason: String },
}

impl Task {
    /// Every kind this build reads.
    pub const KINDS: &'static [&'static str] = <Task as strum::VariantNames>::VARIANTS;

    /// The stored name of this task's kind.
    pub fn kind(&self) -> &'static str {
        self.into()
    }

    /// How many times a job of this kind runs before it is dead-lettered.
    pub fn max_attempts(&self) -> u32 {
        match self {
            // About two hours of backoff with the defaults.
            Task::SendEmail(_) | Task::SendEmails(_) => 10,
            Task::CampaignMessage(_)
            | Task::CampaignReminder(_)
            | Task::PublicApplication(_)
            | Task::Signup(_)
            | Task::PasswordReset(_)
            | Task::ParticipantSignIn(_)
            | Task::KickoffInvitations(_)
            | Task::KickoffReminder(_)
            | Task::CheckIns(_)
            | Task::SurveyInvitations(_)
            | Task::SurveyReminder(_)
            | Task::Noop(_) => 5,
            // A run that fails is a bug or a database away; three tries tell them apart.
            Task::MatchingRun(_) => 3,
        }
    }

    /// The stored payload: the variant's fields.
    pub fn payload(&self) -> Value {
        let mut tagged = serde_json::to_value(self).expect("a task is plain data");
        tagged.get_mut("payload").map(Value::take).unwrap_or(Value::Null)
    }

    /// Reads a stored job back.
    pub fn decode(kind: &str, payload: &Value) -> Result<Task, DecodeError> {
        if !Task::KINDS.contains(&kind) {
            return Err(DecodeError::UnknownKind(kind.to_owned()));
        }
        serde_json::from_value(serde_json::json!({ "kind": kind, "payload": payload }))
            .map_err(|e| DecodeError::BadPayload { kind: kind.to_owned(), reason: e.to_string() })
    }
}

/// `queued` (waiting for its time) → `running` (leased by a worker) → `done`; a failure goes to
/// `retrying` (waiting for its backoff) or, after the last attempt, `dead` (dead-lettered,
/// until an admin retries or discards it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Queued,
    Running,
    Retrying,
    Done,
    Dead,
}

impl JobState {
    pub const ALL: [JobState; 5] =
        [JobState::Queued, JobState::Running, JobState::Retrying, JobState::Done, JobState::Dead];

    pub const fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Retrying => "retrying",
            JobState::Done => "done",
            JobState::Dead => "dead",
        }
    }
}

impl fmt::Display for JobState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for JobState {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        JobState::ALL.into_iter().find(|state| state.as_str() == s).ok_or_else(|| format!("unknown job state {s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_task_round_trips_through_its_stored_form() {
        let tasks = [
            Task::SendEmail(SendEmail { delivery: EmailDeliveryId::new() }),
            Task::SendEmails(SendEmails { deliveries: vec![EmailDeliveryId::new(), EmailDeliveryId::new()] }),
            Task::CampaignMessage(CampaignTask { campaign: CampaignId::new() }),
            Task::CampaignReminder(CampaignTask { campaign: CampaignId::new() }),
            Task::MatchingRun(MatchingRunTask { run: MatchingRunId::new() }),
            Task::Noop(Noop { sleep_ms: 5, marker: Some("m".into()) }),
        ];
        for task in tasks {
            assert!(Task::KINDS.contains(&task.kind()));
            assert_eq!(Task::decode(task.kind(), &task.payload()), Ok(task.clone()));
        }
    }

    #[test]
    fn payloads_written_before_tasks_were_typed_still_decode() {
        // The stored form of the first release: kind and payload columns, as the queues hold them.
        let email = serde_json::json!({"delivery": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f"});
        assert!(matches!(Task::decode("send_email", &email), Ok(Task::SendEmail(_))));
        let campaign = serde_json::json!({"campaign": "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f"});
        assert!(matches!(Task::decode("campaign_reminder", &campaign), Ok(Task::CampaignReminder(_))));
        assert_eq!(Task::decode("noop", &serde_json::json!({})), Ok(Task::Noop(Noop::default())));
    }

    #[test]
    fn an_unknown_kind_or_a_broken_payload_says_why() {
        let err = Task::decode("send_email.v9", &serde_json::json!({})).unwrap_err();
        assert_eq!(err, DecodeError::UnknownKind("send_email.v9".into()));
        assert!(err.to_string().contains("newer"), "{err}");
        let err = Task::decode("send_email", &serde_json::json!({"delivery": 7})).unwrap_err();
        assert!(matches!(&err, DecodeError::BadPayload { kind, .. } if kind == "send_email"), "{err}");
        let err = Task::decode("noop", &serde_json::json!({"sleep_ms": 1, "extra": true})).unwrap_err();
        assert!(err.to_string().contains("extra"), "{err}");
    }

    #[test]
    fn states_round_trip_through_text() {
        for state in JobState::ALL {
            assert_eq!(state.as_str().parse::<JobState>(), Ok(state));
        }
    }
}
