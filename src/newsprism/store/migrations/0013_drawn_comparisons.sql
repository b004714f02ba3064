-- Each stored comparison drawn as the story page shows it (HTML, escaped), by the writer when
-- the story changed: a reader sends it without parsing the record or drawing the columns.
-- `drawn_by` names the code and the display zone that drew it; `drawn_seal` is an HMAC of the
-- HTML under a key kept beside the database (a reader checks it before it sends the HTML);
-- NULL: not drawn.
ALTER TABLE story_comparisons ADD COLUMN drawn TEXT;
ALTER TABLE story_comparisons ADD COLUMN drawn_by TEXT;
ALTER TABLE story_comparisons ADD COLUMN drawn_seal TEXT;
