-- newsprism schema, version 1. Times are ISO 8601 strings in UTC.

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    args TEXT NOT NULL DEFAULT '[]',
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',   -- running | done | rejected | failed | interrupted
    counts TEXT NOT NULL DEFAULT '{}',
    host TEXT,                                -- with pid: tells a dead run from a live one
    pid INTEGER
);

CREATE TABLE outlets (
    name TEXT PRIMARY KEY,
    host TEXT,
    groups TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);

CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT REFERENCES outlets(name),
    title TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT,
    fetched TEXT,
    language TEXT,
    text TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'unknown',
    caption TEXT,
    description TEXT,
    source_path TEXT,
    ingested_at TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);

-- Every place an article was seen; the same text under two URLs is one article, two sources.
CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles(id),
    url TEXT,
    outlet TEXT,
    source_path TEXT,
    locator TEXT,
    seen_at TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id)
);
CREATE UNIQUE INDEX article_sources_unique ON article_sources(
    article_id, coalesce(url, ''), coalesce(outlet, ''), coalesce(source_path, '')
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

-- Annotations: offsets into articles.text. layer = sentence | token | entity | quote | ...
CREATE TABLE spans (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    layer TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT,
    attrs TEXT NOT NULL DEFAULT '{}',
    CHECK (0 <= start AND start <= "end")
);
CREATE INDEX spans_article ON spans(article_id, layer);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL DEFAULT '',
    first_seen TEXT,
    last_seen TEXT,
    keywords TEXT NOT NULL DEFAULT '[]',
    entities TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    merged_into TEXT REFERENCES stories(id)
);
CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    story_id TEXT NOT NULL REFERENCES stories(id),
    score REAL,
    added_at TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id);
CREATE TABLE story_merges (
    from_id TEXT NOT NULL,
    into_id TEXT NOT NULL,
    merged_at TEXT NOT NULL,
    PRIMARY KEY (from_id, into_id)
);

-- Near-duplicates: article_id copies copy_of (the earlier-ingested one), with estimated Jaccard.
CREATE TABLE near_duplicates (
    article_id TEXT NOT NULL REFERENCES articles(id),
    copy_of TEXT NOT NULL REFERENCES articles(id),
    similarity REAL NOT NULL,
    containment REAL NOT NULL DEFAULT 0,
    method TEXT NOT NULL,
    PRIMARY KEY (article_id, copy_of)
);
CREATE INDEX near_duplicates_copy_of ON near_duplicates(copy_of);

CREATE TABLE minhash_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    signature BLOB NOT NULL
);
CREATE TABLE lsh_buckets (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (band, bucket, article_id)
) WITHOUT ROWID;

CREATE TABLE rejects (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    locator TEXT,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    times INTEGER NOT NULL DEFAULT 1,
    run_id INTEGER REFERENCES runs(id)
);
CREATE UNIQUE INDEX rejects_unique ON rejects(source, coalesce(locator, ''), reason);
