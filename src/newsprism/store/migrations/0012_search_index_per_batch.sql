-- The store fills the search index once per batch of new articles (add_articles): FTS5
-- indexes a batch about twice as fast as through a trigger that fires row by row.
-- Updates and deletes of indexed rows still go through their triggers.
DROP TRIGGER IF EXISTS articles_fts_insert;
