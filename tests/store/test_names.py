"""The names index (migration 0003): written with the spans, backfilled for older databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsprism.run import IngestOptions, ingest
from newsprism.store import SQLiteStore


def _names(db: Path) -> list[tuple[str, str, str, int, int]]:
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT n.name, n.label, an.article_id, an.mentions, an.quotes FROM article_names an "
        "JOIN names n ON n.id = an.name_id ORDER BY 1, 2, 3"
    ).fetchall()
    connection.close()
    return rows


def test_names_follow_the_spans_and_older_databases_are_backfilled(
    tmp_path: Path, examples: Path
) -> None:
    db = tmp_path / "names.db"
    store = SQLiteStore(db)
    try:
        ingest([str(examples / "tagesblatt.de"), str(examples / "zpa.de")], store, IngestOptions())
        article = next(store.articles())
        annotations = store.annotations(article.id)
        assert annotations is not None
    finally:
        store.close()
    written = _names(db)
    mine = [row for row in written if row[2] == article.id]
    assert sum(row[3] for row in mine) == sum(1 for e in annotations.entities if e.canonical)
    assert sum(row[4] for row in mine) == sum(
        1 for q in annotations.quotes if q.speaker and q.speaker.canonical
    )
    # Make it a version-2 database again (undo 0003 and later), then migrate it anew.
    connection = sqlite3.connect(db)
    connection.executescript(
        "DROP TABLE article_names; DROP TABLE names; DROP INDEX stories_active; "
        "DROP INDEX articles_language; DROP INDEX articles_outlet_kind; "
        "DROP INDEX story_articles_member; DROP TABLE feeds; DROP TABLE fetched_urls; "
        "DROP TABLE story_comparisons; "
        "ALTER TABLE articles DROP COLUMN teaser; "
        "DROP INDEX rejects_article; ALTER TABLE rejects DROP COLUMN article_id; "
        "DROP TABLE vectors; "
        "ALTER TABLE articles DROP COLUMN published_offset; "
        "ALTER TABLE articles DROP COLUMN updated; ALTER TABLE articles DROP COLUMN dated_by; "
        "DROP TABLE user_edits; "
        "PRAGMA user_version = 2;"
    )
    connection.close()
    SQLiteStore(db).close()
    assert _names(db) == written


def test_search_names_escapes_like_wildcards(store: SQLiteStore) -> None:
    assert store.search_names("%") == [] and store.search_names("_") == []
