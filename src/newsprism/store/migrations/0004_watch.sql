-- `newsprism watch`: what it follows, what it fetched, and how each feed is doing.
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    outlet TEXT,
    kind TEXT NOT NULL DEFAULT 'feed',          -- feed | sitemap
    interval REAL NOT NULL DEFAULT 900,         -- seconds between polls when healthy
    etag TEXT,                                  -- for conditional requests
    last_modified TEXT,
    last_poll TEXT,
    last_success TEXT,
    last_error TEXT,
    last_error_at TEXT,
    failures INTEGER NOT NULL DEFAULT 0,        -- polls failed in a row (backs off)
    next_poll TEXT,
    articles INTEGER NOT NULL DEFAULT 0,        -- new articles found through this feed
    added_at TEXT NOT NULL
);

-- Every article address a feed announced, by its normalised form: fetched once, whatever
-- tracking parameters, AMP or mobile host it came with.
CREATE TABLE fetched_urls (
    url TEXT PRIMARY KEY,                       -- normalised
    fetched_url TEXT NOT NULL,                  -- as announced
    feed_url TEXT,
    status TEXT NOT NULL,                       -- done | failed | retry
    reason TEXT,                                -- why it failed (typed, with detail)
    article_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    last_attempt TEXT
);
CREATE INDEX fetched_urls_feed ON fetched_urls(feed_url, status);

-- A paywall teaser is stored, marked, and not counted as full coverage.
ALTER TABLE articles ADD COLUMN teaser INTEGER NOT NULL DEFAULT 0;
