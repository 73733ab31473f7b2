//! Accounts and access: passwords, sessions, API tokens, CSRF, sign-in limits, and the
//! authorization checks every route makes.

pub mod access;
pub mod csrf;
pub mod identity;
pub mod limiter;
pub mod password;
pub mod secrets;
pub mod sessions;
