//! Password hashing with argon2id (the `argon2` crate's defaults, OWASP's recommended
//! parameters). Hashing is slow on purpose, so it runs on the blocking thread pool.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::AppError;

/// The shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 10;

/// Checks a new password's strength; the message names what is wrong.
pub fn validate_new_password(password: &str) -> Result<(), AppError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(AppError::field("password", format!("use at least {MIN_PASSWORD_LEN} characters")));
    }
    if password.len() > 1024 {
        return Err(AppError::field("password", "use at most 1024 bytes"));
    }
    Ok(())
}

/// Hashes a password into a PHC string.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| AppError::Internal(format!("hashing a password: {e}").into()))
    })
    .await
    .map_err(|e| AppError::Internal(Box::new(e)))?
}

/// True when `password` matches the stored PHC string. A malformed stored hash never matches.
pub async fn verify_password(password: String, stored: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .is_ok_and(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
    })
    .await
    .map_err(|e| AppError::Internal(Box::new(e)))
}

/// A hash to verify against when the account does not exist, so a login for an unknown
/// e-mail takes as long as one with a wrong password.
pub fn decoy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0RRlD8lL9QnuBaD1NVeGXEbTDz/1tRZwkr8Q9+fNJqA"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hash = hash_password("correct horse battery".into()).await.unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery".into(), hash.clone()).await.unwrap_or(false));
        assert!(!verify_password("wrong horse battery".into(), hash).await.unwrap_or(true));
        assert!(!verify_password("x".into(), "not a hash".into()).await.unwrap_or(true));
        assert!(!verify_password("x".into(), decoy_hash().into()).await.unwrap_or(true));
    }

    #[test]
    fn short_passwords_are_refused_with_the_field() {
        let error = validate_new_password("short").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("at least 10"), "{error}");
        assert!(validate_new_password("long enough pass").is_ok());
    }
}
