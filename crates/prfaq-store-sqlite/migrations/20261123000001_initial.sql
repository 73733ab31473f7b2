-- The web app's records. Times are Unix milliseconds (UTC); enums are stored as their words.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    data       TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);

CREATE TABLE workspaces (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE workspace_members (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    role         TEXT NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE documents (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id      INTEGER NOT NULL REFERENCES workspaces (id),
    title             TEXT NOT NULL,
    status            TEXT NOT NULL,
    head              INTEGER NOT NULL,
    north_star        INTEGER,
    revisit_on        INTEGER,
    revisit_condition TEXT,
    created_by        INTEGER NOT NULL REFERENCES users (id),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX documents_workspace ON documents (workspace_id);

CREATE TABLE document_roles (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    role        TEXT NOT NULL,
    PRIMARY KEY (document_id, user_id)
);

-- Immutable: rows are only ever inserted. The primary key makes two saves of the same number
-- impossible, which is what decides a race between concurrent saves.
CREATE TABLE revisions (
    document_id  INTEGER NOT NULL REFERENCES documents (id),
    number       INTEGER NOT NULL,
    markdown     TEXT NOT NULL,
    author_id    INTEGER NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    score        INTEGER NOT NULL,
    errors       INTEGER NOT NULL,
    warnings     INTEGER NOT NULL,
    placeholders INTEGER NOT NULL,
    words        INTEGER NOT NULL,
    change_class TEXT,
    PRIMARY KEY (document_id, number)
);

CREATE TABLE invitations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash    TEXT NOT NULL UNIQUE,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
    document_id   INTEGER REFERENCES documents (id),
    document_role TEXT,
    created_by    INTEGER NOT NULL REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    accepted_by   INTEGER REFERENCES users (id),
    accepted_at   INTEGER
);

CREATE TABLE rounds (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id      INTEGER NOT NULL REFERENCES documents (id),
    number           INTEGER NOT NULL,
    revision         INTEGER NOT NULL,
    opened_by        INTEGER NOT NULL REFERENCES users (id),
    opened_at        INTEGER NOT NULL,
    closed_at        INTEGER,
    min_read_seconds INTEGER NOT NULL,
    silent_until     INTEGER,
    UNIQUE (document_id, number)
);
-- At most one open round per document, enforced by the database.
CREATE UNIQUE INDEX rounds_one_open ON rounds (document_id) WHERE closed_at IS NULL;

CREATE TABLE round_reviewers (
    round_id       INTEGER NOT NULL REFERENCES rounds (id),
    user_id        INTEGER NOT NULL REFERENCES users (id),
    function       TEXT NOT NULL,
    started_at     INTEGER,
    reached_end_at INTEGER,
    submitted_at   INTEGER,
    PRIMARY KEY (round_id, user_id)
);

CREATE TABLE comments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id     INTEGER NOT NULL REFERENCES rounds (id),
    document_id  INTEGER NOT NULL REFERENCES documents (id),
    author_id    INTEGER NOT NULL REFERENCES users (id),
    revision     INTEGER NOT NULL,
    section      TEXT NOT NULL,
    quote        TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    outdated     BOOLEAN NOT NULL DEFAULT FALSE,
    kind         TEXT NOT NULL,
    severity     TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    status       TEXT NOT NULL,
    response     TEXT,
    resolved_by  INTEGER REFERENCES users (id),
    resolved_at  INTEGER
);
CREATE INDEX comments_document ON comments (document_id);

CREATE TABLE decisions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id       INTEGER NOT NULL REFERENCES documents (id),
    revision          INTEGER NOT NULL,
    decided_by        INTEGER NOT NULL REFERENCES users (id),
    outcome           TEXT NOT NULL,
    rationale         TEXT NOT NULL,
    conditions        TEXT NOT NULL,
    revisit_on        INTEGER,
    revisit_condition TEXT,
    created_at        INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    document_id  INTEGER REFERENCES documents (id),
    actor_id     INTEGER REFERENCES users (id),
    action       TEXT NOT NULL,
    detail       TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, id);
