//! Matching: pairing accepted applicants so the program's total score is as high as it can be,
//! with a certificate that proves it.
//!
//! - [`assignment`]: mentors (each with a number of seats) and mentees, as in reverse
//!   programs; the best total, or the most pairs and among those the best total.
//! - [`pairing`]: one pool where anybody may pair with anybody, as in mutual programs.
//! - [`stable`]: mentee-proposing deferred acceptance, and blocking pairs of any result.

pub mod assignment;
pub mod criteria;
pub mod fairness;
pub mod pairing;
pub mod review;
pub mod run;
pub mod stable;
