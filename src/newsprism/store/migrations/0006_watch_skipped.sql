-- `newsprism watch` fetches at most `max_items` new items of a feed per poll, newest first:
-- how many new items the feed's last successful poll left for later polls.
ALTER TABLE feeds ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
