//! A small HTTP client for `prfaq serve` and the load generator `bench/load.sh` runs.
//!
//! The client ([`client::Http`]) is also what the CLI's integration tests drive the real server
//! with. Nothing here knows the server's code: it speaks HTTP only, so it builds in seconds and
//! never pulls the app (or typst) into a release build.

pub mod client;
pub mod setup;
pub mod stats;
pub mod workload;
