//! The web session store: tower-sessions' `SessionStore` on our `Store`, so sessions live in
//! the same database as everything else and any server instance can read any session.

use std::sync::Arc;

use prfaq_store::{Store, StoreError, Timestamp};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

/// Sessions kept in the database.
#[derive(Clone)]
pub struct DbSessions {
    store: Arc<dyn Store>,
}

impl DbSessions {
    /// Sessions in `store`.
    pub fn new(store: Arc<dyn Store>) -> Self {
        DbSessions { store }
    }
}

impl std::fmt::Debug for DbSessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbSessions").field("backend", &self.store.backend()).finish()
    }
}

fn backend(error: &StoreError) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn expiry(record: &Record) -> Timestamp {
    Timestamp::from_second(record.expiry_date.unix_timestamp()).unwrap_or(Timestamp::MAX)
}

fn encode(record: &Record) -> session_store::Result<String> {
    serde_json::to_string(record).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait::async_trait]
impl SessionStore for DbSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A new id is 128 random bits; a collision is astronomically unlikely but handled.
        loop {
            match self.store.create_session(&record.id.to_string(), &encode(record)?, expiry(record)).await {
                Ok(()) => return Ok(()),
                Err(StoreError::Duplicate(_)) => record.id = Id::default(),
                Err(error) => return Err(backend(&error)),
            }
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.store.save_session(&record.id.to_string(), &encode(record)?, expiry(record)).await.map_err(|e| backend(&e))
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(data) = self.store.load_session(&id.to_string(), Timestamp::now()).await.map_err(|e| backend(&e))?
        else {
            return Ok(None);
        };
        serde_json::from_str(&data).map(Some).map_err(|e| session_store::Error::Decode(e.to_string()))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.store.delete_session(&id.to_string()).await.map_err(|e| backend(&e))
    }
}
