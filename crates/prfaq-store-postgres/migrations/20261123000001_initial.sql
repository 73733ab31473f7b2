-- The web app's records. Times are Unix milliseconds (UTC); enums are stored as their words.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    data       TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);

CREATE TABLE workspaces (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE workspace_members (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
    user_id      BIGINT NOT NULL REFERENCES users (id),
    role         TEXT NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE documents (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id      BIGINT NOT NULL REFERENCES workspaces (id),
    title             TEXT NOT NULL,
    status            TEXT NOT NULL,
    head              BIGINT NOT NULL,
    north_star        BIGINT,
    revisit_on        BIGINT,
    revisit_condition TEXT,
    created_by        BIGINT NOT NULL REFERENCES users (id),
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX documents_workspace ON documents (workspace_id);

CREATE TABLE document_roles (
    document_id BIGINT NOT NULL REFERENCES documents (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    role        TEXT NOT NULL,
    PRIMARY KEY (document_id, user_id)
);

-- Immutable: rows are only ever inserted. The primary key makes two saves of the same number
-- impossible, which is what decides a race between concurrent saves.
CREATE TABLE revisions (
    document_id  BIGINT NOT NULL REFERENCES documents (id),
    number       BIGINT NOT NULL,
    markdown     TEXT NOT NULL,
    author_id    BIGINT NOT NULL REFERENCES users (id),
    created_at   BIGINT NOT NULL,
    score        BIGINT NOT NULL,
    errors       BIGINT NOT NULL,
    warnings     BIGINT NOT NULL,
    placeholders BIGINT NOT NULL,
    words        BIGINT NOT NULL,
    change_class TEXT,
    PRIMARY KEY (document_id, number)
);

CREATE TABLE invitations (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    workspace_id  BIGINT NOT NULL REFERENCES workspaces (id),
    document_id   BIGINT REFERENCES documents (id),
    document_role TEXT,
    created_by    BIGINT NOT NULL REFERENCES users (id),
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    accepted_by   BIGINT REFERENCES users (id),
    accepted_at   BIGINT
);

CREATE TABLE rounds (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id      BIGINT NOT NULL REFERENCES documents (id),
    number           BIGINT NOT NULL,
    revision         BIGINT NOT NULL,
    opened_by        BIGINT NOT NULL REFERENCES users (id),
    opened_at        BIGINT NOT NULL,
    closed_at        BIGINT,
    min_read_seconds BIGINT NOT NULL,
    silent_until     BIGINT,
    UNIQUE (document_id, number)
);
-- At most one open round per document, enforced by the database.
CREATE UNIQUE INDEX rounds_one_open ON rounds (document_id) WHERE closed_at IS NULL;

CREATE TABLE round_reviewers (
    round_id       BIGINT NOT NULL REFERENCES rounds (id),
    user_id        BIGINT NOT NULL REFERENCES users (id),
    function       TEXT NOT NULL,
    started_at     BIGINT,
    reached_end_at BIGINT,
    submitted_at   BIGINT,
    PRIMARY KEY (round_id, user_id)
);

CREATE TABLE comments (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id     BIGINT NOT NULL REFERENCES rounds (id),
    document_id  BIGINT NOT NULL REFERENCES documents (id),
    author_id    BIGINT NOT NULL REFERENCES users (id),
    revision     BIGINT NOT NULL,
    section      TEXT NOT NULL,
    quote        TEXT NOT NULL,
    start_offset BIGINT NOT NULL,
    end_offset   BIGINT NOT NULL,
    outdated     BOOLEAN NOT NULL DEFAULT FALSE,
    kind         TEXT NOT NULL,
    severity     TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    status       TEXT NOT NULL,
    response     TEXT,
    resolved_by  BIGINT REFERENCES users (id),
    resolved_at  BIGINT
);
CREATE INDEX comments_document ON comments (document_id);

CREATE TABLE decisions (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id       BIGINT NOT NULL REFERENCES documents (id),
    revision          BIGINT NOT NULL,
    decided_by        BIGINT NOT NULL REFERENCES users (id),
    outcome           TEXT NOT NULL,
    rationale         TEXT NOT NULL,
    conditions        TEXT NOT NULL,
    revisit_on        BIGINT,
    revisit_condition TEXT,
    created_at        BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
    document_id  BIGINT REFERENCES documents (id),
    actor_id     BIGINT REFERENCES users (id),
    action       TEXT NOT NULL,
    detail       TEXT NOT NULL,
    at           BIGINT NOT NULL
);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, id);
