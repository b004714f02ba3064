-- Each story's comparison as the writer computed it when the story last changed: the web app
-- serves it without re-analysing the articles. `articles` says which version it describes.
CREATE TABLE story_comparisons (
    story_id TEXT PRIMARY KEY REFERENCES stories(id),
    articles TEXT NOT NULL,          -- the story's article ids, sorted, comma-separated
    record TEXT NOT NULL,            -- JSON, as in `newsprism story ID --json`
    computed_at TEXT NOT NULL
);
