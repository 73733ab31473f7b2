//! The prfaq web app (`prfaq serve`) and its JSON API under `/api/v1`.
//!
//! Only this crate knows HTTP. It holds no state another instance would need: sessions,
//! documents and everything else live in the store, so several instances can share one
//! PostgreSQL database.

pub mod api;
pub mod app;
pub mod assets;
pub mod auth;
pub mod error;
pub mod pages;
pub mod serve;
pub mod service;
pub mod state;

pub use app::router;
pub use serve::{Database, ServeOptions, open_store, serve};
pub use state::{AppOptions, AppState};
