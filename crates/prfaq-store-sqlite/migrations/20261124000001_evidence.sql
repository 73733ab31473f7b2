-- Evidence: what customers said and what prototypes showed, per workspace, cited from documents
-- as [ev:ID]. The fingerprint (kind, source and the item's id in its source, or its words) is
-- unique per workspace, so importing the same file again adds nothing.
CREATE TABLE evidence_items (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    fingerprint  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    source       TEXT NOT NULL,
    source_ref   TEXT,
    date         TEXT,
    segment      TEXT,
    customer     TEXT,
    text         TEXT NOT NULL CHECK (text <> ''),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (workspace_id, fingerprint)
);
CREATE INDEX evidence_items_kind ON evidence_items (workspace_id, kind);
CREATE INDEX evidence_items_date ON evidence_items (workspace_id, date);

-- Full-text index over the words (porter stemming: "exports" finds "export"; bm25 ranks,
-- snippet() cuts the passage around the matched words), an external-content table kept in
-- step with evidence_items by the triggers below.
CREATE VIRTUAL TABLE evidence_fts USING fts5 (
    text,
    content = 'evidence_items',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER evidence_items_ai AFTER INSERT ON evidence_items BEGIN
    INSERT INTO evidence_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER evidence_items_ad AFTER DELETE ON evidence_items BEGIN
    INSERT INTO evidence_fts (evidence_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER evidence_items_au AFTER UPDATE OF text ON evidence_items BEGIN
    INSERT INTO evidence_fts (evidence_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO evidence_fts (rowid, text) VALUES (new.id, new.text);
END;
