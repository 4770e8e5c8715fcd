//! Background work for Tandem.
//!
//! - [`Queue`]: one interface, two backends chosen by configuration — Redis ([`RedisQueue`])
//!   in production and the application database ([`SqlQueue`]) for the embedded default and
//!   PostgreSQL-only installs. At-least-once: a job is leased, and a lease that runs out (the
//!   worker died) makes the job due again. Jobs are idempotent by key.
//! - [`Worker`]: claims jobs and runs their handlers; retries with exponential backoff and
//!   jitter; dead-letters after the last attempt; finishes in-flight jobs on shutdown.
//! - [`Scheduler`]: periodic tasks, run by exactly one process at a time (a lock with expiry).
//! - [`Relay`]: with Redis, moves the jobs that transactions wrote to the outbox onto the
//!   queue (on the SQL queue, a transaction writes its job rows itself).
//! - Jobs are the typed [`tandem_domain::jobs::Task`]; [`Handlers`] runs each kind.

pub mod accounts;
pub mod applications;
pub mod campaigns;
pub mod email;
pub mod feedback;
mod handlers;
pub mod launch;
pub mod lifecycle;
pub mod matching;
pub mod noop;
pub mod nudges;
mod queue;
mod redis_queue;
mod relay;
mod scheduler;
mod sql_queue;
mod worker;

pub use handlers::Handlers;
pub use queue::{DeadJob, Depth, Job, JobError, NewJob, Outcome, Queue, QueueError};
pub use redis_queue::RedisQueue;
pub use relay::Relay;
pub use scheduler::{DbLock, Lock, PeriodicTask, RedisLock, Scheduler};
pub use sql_queue::SqlQueue;
pub use tandem_domain::jobs::Task;
pub use worker::{Handler, Worker, WorkerSettings};
