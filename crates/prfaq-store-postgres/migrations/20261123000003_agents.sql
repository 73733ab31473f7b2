-- AI agents: comments written by an AI reviewer name its persona (NULL for people), and
-- agent jobs (a review of a round, a draft, a rewrite) are recorded so that every server
-- sharing the database can show how one went.
ALTER TABLE comments ADD COLUMN ai_persona TEXT;

CREATE TABLE agent_jobs (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
    document_id  BIGINT REFERENCES documents (id),
    round_id     BIGINT REFERENCES rounds (id),
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL,
    requested_by BIGINT NOT NULL REFERENCES users (id),
    created_at   BIGINT NOT NULL,
    finished_at  BIGINT,
    input        TEXT NOT NULL,
    result       TEXT,
    error        TEXT
);
CREATE INDEX agent_jobs_round ON agent_jobs (round_id);
CREATE INDEX agent_jobs_document ON agent_jobs (document_id);
