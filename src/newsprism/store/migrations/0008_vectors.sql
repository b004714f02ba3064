-- Sentence vectors by meaning (analyse/encoder.py), kept so that a text is encoded once: the
-- key is the model's name and a hash of the text, so the same sentence in several stories, or
-- a story compared again, finds its vector here, and vectors of two models never mix.
CREATE TABLE vectors (
    key TEXT PRIMARY KEY,            -- "MODEL:first 32 hex digits of the sha256 of the text"
    vector BLOB NOT NULL             -- 512 float16, little-endian (1 KiB), unit length
) WITHOUT ROWID;
