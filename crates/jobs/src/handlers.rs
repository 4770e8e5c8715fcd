//! The product's handler: every [`Task`] to the code that runs it, in one exhaustive `match`,
//! so a task without a handler does not compile.

use async_trait::async_trait;
use tandem_domain::jobs::Task;

use crate::accounts::AccountsHandler;
use crate::campaigns::{CampaignHandler, CampaignSend};
use crate::email::SendEmailHandler;
use crate::feedback::FeedbackHandler;
use crate::launch::{KickoffSend, LaunchHandler};
use crate::matching::MatchingHandler;
use crate::noop::NoopHandler;
use crate::queue::{Job, JobError, Outcome};
use crate::worker::Handler;

pub struct Handlers {
    pub email: SendEmailHandler,
    pub campaigns: CampaignHandler,
    pub accounts: AccountsHandler,
    pub matching: MatchingHandler,
    pub launch: LaunchHandler,
    pub feedback: FeedbackHandler,
    pub noop: NoopHandler,
}

#[async_trait]
impl Handler for Handlers {
    async fn run(&self, job: &Job, task: Task) -> Result<Outcome, JobError> {
        match task {
            Task::SendEmail(send) => self.email.send(job, send.delivery).await,
            Task::SendEmails(batch) => self.email.send_batch(job, &batch.deliveries).await,
            Task::CampaignMessage(c) => self.campaigns.send(job, c.campaign, CampaignSend::Message).await,
            Task::CampaignReminder(c) => self.campaigns.send(job, c.campaign, CampaignSend::Reminder).await,
            Task::PublicApplication(a) => self.campaigns.public_application(job, a).await,
            Task::Signup(s) => self.accounts.signup(job, s.signup).await,
            Task::PasswordReset(r) => self.accounts.password_reset(job, &r.email).await,
            Task::MatchingRun(m) => self.matching.run(job, m.run).await,
            Task::ParticipantSignIn(s) => self.launch.sign_in(job, &s.email).await,
            Task::KickoffInvitations(k) => self.launch.kickoff(job, k, KickoffSend::Invitation).await,
            Task::KickoffReminder(k) => self.launch.kickoff(job, k, KickoffSend::Reminder).await,
            Task::CheckIns(c) => self.feedback.check_ins(job, c).await,
            Task::SurveyInvitations(s) => self.feedback.survey_invitations(job, s).await,
            Task::SurveyReminder(s) => self.feedback.survey_reminder(job, s).await,
            Task::Noop(noop) => self.noop.run(job, noop).await,
        }
    }
}
