//! The database a test's servers share, and the account prepared in it before they start.

use std::sync::atomic::{AtomicU32, Ordering};

use prfaq_server::auth::password::hash_password;
use prfaq_server::auth::secrets::hash_secret;
use prfaq_store::{NewUser, Store};
use prfaq_store_postgres::PostgresStore;
use prfaq_store_sqlite::SqliteStore;
use sqlx::Connection as _;

/// Where a test's data lives.
pub(crate) enum Backend {
    /// `prfaq serve --data DIR`: `DIR/prfaq.db`.
    Sqlite(tempfile::TempDir),
    /// `prfaq serve --database-url URL` on a database of its own.
    Postgres(String),
}

/// The account prepared before the servers start.
#[derive(Debug, Clone)]
pub(crate) struct Fixture {
    /// The sign-in e-mail.
    pub email: String,
    /// The password.
    pub password: String,
    /// The account's workspace.
    pub workspace: i64,
    /// An API token's secret.
    pub token: String,
}

impl Backend {
    /// A SQLite file in a new temporary directory.
    pub(crate) fn sqlite() -> Backend {
        Backend::Sqlite(tempfile::tempdir().unwrap())
    }

    /// A new database on the server `PRFAQ_TEST_POSTGRES_URL` names (`scripts/test` starts
    /// one); panics without it, so a run that skipped PostgreSQL never looks green.
    pub(crate) async fn postgres() -> Backend {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let admin_url = std::env::var("PRFAQ_TEST_POSTGRES_URL")
            .expect("PRFAQ_TEST_POSTGRES_URL must name a PostgreSQL server (scripts/test starts one)");
        let name = format!("prfaq_serve_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("connect to the test server");
        for statement in [format!("DROP DATABASE IF EXISTS {name}"), format!("CREATE DATABASE {name}")] {
            sqlx::query(sqlx::AssertSqlSafe(statement)).execute(&mut admin).await.expect("make a test database");
        }
        admin.close().await.expect("disconnect from the test server");
        match admin_url.rsplit_once('/') {
            Some((server, _)) => Backend::Postgres(format!("{server}/{name}")),
            None => panic!("PRFAQ_TEST_POSTGRES_URL has no database part: {admin_url}"),
        }
    }

    /// The `prfaq serve` arguments that name this database.
    pub(crate) fn serve_args(&self) -> Vec<String> {
        match self {
            Backend::Sqlite(dir) => vec!["--data".into(), dir.path().display().to_string()],
            Backend::Postgres(url) => vec!["--database-url".into(), url.clone()],
        }
    }

    /// Creates a user with a workspace and an API token directly in the store (migrating the
    /// database on the way), and closes it again.
    pub(crate) async fn prepare(&self) -> Fixture {
        match self {
            Backend::Sqlite(dir) => {
                let store = SqliteStore::open(&dir.path().join("prfaq.db")).await.expect("open the SQLite store");
                let fixture = fill(&store).await;
                store.close().await;
                fixture
            }
            Backend::Postgres(url) => {
                let store = PostgresStore::connect(url).await.expect("open the PostgreSQL store");
                let fixture = fill(&store).await;
                store.close().await;
                fixture
            }
        }
    }
}

async fn fill(store: &dyn Store) -> Fixture {
    let (email, password) = ("ada@example.com".to_owned(), "correct horse battery".to_owned());
    let password_hash = hash_password(password.clone()).await.unwrap();
    let user = store
        .create_user(NewUser { email: email.clone(), name: "Ada".into(), password_hash, is_admin: true })
        .await
        .unwrap();
    let workspace = store.create_workspace("Team", user.id).await.unwrap();
    let token = format!("test-token-{}", super::random_u64());
    store.create_api_token(user.id, "tests", &hash_secret(&token)).await.unwrap();
    Fixture { email, password, workspace: workspace.id.0, token }
}
