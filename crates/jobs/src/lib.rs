//! Background work for Tandem.
//!
//! - [`Queue`]: one interface, two backends chosen by configuration — Redis ([`RedisQueue`])
//!   in production and the application database ([`SqlQueue`]) for the embedded default and
//!   PostgreSQL-only installs. At-least-once: a job is leased, and a lease that runs out (the
//!   worker died) makes the job due again. Jobs are idempotent by key.
//! - [`Worker`]: claims jobs and runs their handlers; retries with exponential backoff and
//!   jitter; dead-letters after the last attempt; finishes in-flight jobs on shutdown.
//! - [`Scheduler`]: periodic tasks, run by exactly one process at a time (a lock with expiry).
//! - Job kinds: [`email::SendEmail`] and [`noop::Noop`].

pub mod campaigns;
pub mod email;
pub mod noop;
mod queue;
mod redis_queue;
mod scheduler;
mod sql_queue;
mod worker;

pub use queue::{DeadJob, Depth, Job, JobError, NewJob, Outcome, Queue, QueueError};
pub use redis_queue::RedisQueue;
pub use scheduler::{DbLock, Lock, PeriodicTask, RedisLock, Scheduler};
pub use sql_queue::SqlQueue;
pub use worker::{Handler, Handlers, Worker, WorkerSettings};
