//! sea-orm entities. They are `pub(crate)`: nothing outside `store` can build a query on a
//! tenant table, so the scoped handle is the only way in.

pub(crate) mod api_key;
pub(crate) mod application;
pub(crate) mod audit_event;
pub(crate) mod campaign;
pub(crate) mod campaign_invitee;
pub(crate) mod campaign_refusal;
pub(crate) mod email_delivery;
pub(crate) mod email_suppression;
pub(crate) mod email_template;
pub(crate) mod import_mapping;
pub(crate) mod invitation;
pub(crate) mod job;
pub(crate) mod job_outbox;
pub(crate) mod lock;
pub(crate) mod login_throttle;
pub(crate) mod matching_edit;
pub(crate) mod matching_proposal;
pub(crate) mod matching_run;
pub(crate) mod membership;
pub(crate) mod pair;
pub(crate) mod password_reset;
pub(crate) mod person;
pub(crate) mod program;
pub(crate) mod refresh_token;
pub(crate) mod signup;
pub(crate) mod tenant;
pub(crate) mod user;
