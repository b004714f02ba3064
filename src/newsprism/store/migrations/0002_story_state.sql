-- What the online story clusterer has learned, so a later ingest goes on where the last stopped.
CREATE TABLE story_state (
    story_id TEXT PRIMARY KEY REFERENCES stories(id),
    state TEXT NOT NULL,           -- JSON: centroid terms, names, numbers, languages, index keys
    last_seen TEXT
);
CREATE INDEX story_state_last_seen ON story_state(last_seen);
CREATE TABLE term_df (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE cluster_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE INDEX stories_last_seen ON stories(last_seen);
