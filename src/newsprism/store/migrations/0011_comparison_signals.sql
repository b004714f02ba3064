-- What the stories list flags about a story, from its stored comparison (Comparison.signals):
-- kept beside the record so that a list of stories never parses comparisons.
ALTER TABLE story_comparisons ADD COLUMN signals TEXT NOT NULL DEFAULT '{}';
