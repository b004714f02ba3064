-- The page's own times, as it gave them: `published` stays in UTC (it sorts), its offset is
-- kept apart so that 14:46+02:00 reads back as 14:46+02:00; `updated` is dateModified (ISO
-- 8601 with its offset); `dated_by` says where the time came from ("fetched" when the
-- download or WARC date stands in for a missing one).
ALTER TABLE articles ADD COLUMN published_offset INTEGER;
ALTER TABLE articles ADD COLUMN updated TEXT;
ALTER TABLE articles ADD COLUMN dated_by TEXT;
