-- Names found by analysis (entities and quote speakers), indexed for search and the outlets page.
CREATE TABLE names (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    UNIQUE (name, label)
);
CREATE TABLE article_names (
    name_id INTEGER NOT NULL REFERENCES names(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    mentions INTEGER NOT NULL DEFAULT 0,
    quotes INTEGER NOT NULL DEFAULT 0,   -- quotes this article gives the name as speaker
    PRIMARY KEY (name_id, article_id)
) WITHOUT ROWID;
CREATE INDEX article_names_article ON article_names(article_id);
CREATE INDEX article_names_rank ON article_names(name_id, quotes, mentions, article_id);

-- Backfill from the spans of databases analysed before this migration.
INSERT OR IGNORE INTO names (name, label)
SELECT DISTINCT json_extract(attrs, '$.canonical'), label FROM spans
WHERE layer = 'entity' AND coalesce(json_extract(attrs, '$.canonical'), '') <> '';
INSERT OR IGNORE INTO names (name, label)
SELECT DISTINCT json_extract(attrs, '$.speaker.canonical'), json_extract(attrs, '$.speaker.label')
FROM spans WHERE layer = 'quote' AND coalesce(json_extract(attrs, '$.speaker.canonical'), '') <> '';
INSERT INTO article_names (name_id, article_id, mentions, quotes)
SELECT n.id, s.article_id, count(*), 0 FROM spans s
JOIN names n ON n.name = json_extract(s.attrs, '$.canonical') AND n.label = s.label
WHERE s.layer = 'entity' GROUP BY n.id, s.article_id;
INSERT INTO article_names (name_id, article_id, mentions, quotes)
SELECT n.id, s.article_id, 0, count(*) FROM spans s
JOIN names n ON n.name = json_extract(s.attrs, '$.speaker.canonical')
    AND n.label = json_extract(s.attrs, '$.speaker.label')
WHERE s.layer = 'quote' GROUP BY n.id, s.article_id
ON CONFLICT (name_id, article_id) DO UPDATE SET quotes = excluded.quotes;

-- Stories pages: newest activity first among stories that were not merged away (an index scan
-- in order, so a page deep in the list costs no sort).
CREATE INDEX stories_active ON stories(merged_into, last_seen, id);
CREATE INDEX articles_language ON articles(language);
-- Outlets page and outlet filters: per outlet, its kinds and articles without reading any text;
-- and each article's story from the index alone.
CREATE INDEX articles_outlet_kind ON articles(outlet, kind, id);
CREATE INDEX story_articles_member ON story_articles(article_id, story_id);
