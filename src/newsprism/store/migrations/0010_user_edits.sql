-- Corrections a user made by hand: kept as a log, applied on top of what ingest, clustering
-- and import-parquet decide, each with its time and reason, undoable.
CREATE TABLE user_edits (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    action TEXT NOT NULL,          -- move | merge | rename-outlet
    subject TEXT NOT NULL,         -- the article, story or outlet edited
    target TEXT NOT NULL,          -- where it went: a story id or an outlet name
    previous TEXT,                 -- where it was before (a story id), for undo
    reason TEXT NOT NULL DEFAULT '',
    undone_at TEXT
);
CREATE INDEX user_edits_subject ON user_edits(subject);
