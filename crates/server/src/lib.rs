//! The `tandem` binary's library half: configuration, wiring and the commands, kept here so
//! tests can start exactly what the binary starts.

pub mod bench;
pub mod cli;
pub mod config;
pub mod demo;
pub mod startup;
pub mod telemetry;
