-- The evidence store of the prfaq CLI: one SQLite file beside the documents.

CREATE TABLE items (
    id          INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    source      TEXT NOT NULL,
    source_ref  TEXT,
    date        TEXT,
    segment     TEXT,
    customer    TEXT,
    text        TEXT NOT NULL,
    added_at    INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE INDEX items_kind ON items (kind);
CREATE INDEX items_segment ON items (segment);

-- Full-text index over the words (porter stemming: "exports" finds "export"), kept in step with
-- items by the triggers below.
CREATE VIRTUAL TABLE items_fts USING fts5 (
    text,
    content = 'items',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER items_au AFTER UPDATE OF text ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO items_fts (rowid, text) VALUES (new.id, new.text);
END;

-- One row per import: what file, when, and what it changed.
CREATE TABLE imports (
    id        INTEGER PRIMARY KEY,
    file      TEXT NOT NULL,
    at        INTEGER NOT NULL,
    added     INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    unchanged INTEGER NOT NULL
);
