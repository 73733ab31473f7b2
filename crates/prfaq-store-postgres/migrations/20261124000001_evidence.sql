-- Evidence: what customers said and what prototypes showed, per workspace, cited from documents
-- as [ev:ID]. The fingerprint (kind, source and the item's id in its source, or its words) is
-- unique per workspace, so importing the same file again adds nothing.
CREATE TABLE evidence_items (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id),
    fingerprint  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    source       TEXT NOT NULL,
    source_ref   TEXT,
    date         TEXT,
    segment      TEXT,
    customer     TEXT,
    text         TEXT NOT NULL CHECK (text <> ''),
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    -- The words as English lexemes (stemmed, stop words dropped), kept by the database itself.
    search       tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
    UNIQUE (workspace_id, fingerprint)
);
CREATE INDEX evidence_items_kind ON evidence_items (workspace_id, kind);
CREATE INDEX evidence_items_date ON evidence_items (workspace_id, date);
CREATE INDEX evidence_items_search ON evidence_items USING GIN (search);
