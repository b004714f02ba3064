-- A stage that failed on a stored article is listed as a reject that names the article, so
-- that `newsprism article ID` can show what is missing from it and why.
ALTER TABLE rejects ADD COLUMN article_id TEXT;
CREATE INDEX rejects_article ON rejects(article_id) WHERE article_id IS NOT NULL;
