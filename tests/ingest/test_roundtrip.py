"""Every input kind round-trips: ingest -> export JSONL -> ingest gives the same ids."""

from __future__ import annotations

import io
from pathlib import Path

import pyarrow.parquet as pq

from newsprism.present.export import export
from newsprism.run import ingest
from newsprism.store import SQLiteStore


def _ids(store: SQLiteStore) -> set[str]:
    return {a.id for a in store.articles()}


def test_examples_round_trip_through_jsonl_and_parquet(examples: Path, tmp_path: Path) -> None:
    first = SQLiteStore(tmp_path / "first.db")
    report = ingest([str(examples)], first)
    assert report.rejects == []
    kinds = {Path(a.source_path or "").suffix for a in first.articles()}
    assert kinds >= {".txt", ".html", ".json", ".jsonl", ".xml", ".gz"}

    buffer = io.StringIO()
    export(first.articles(), "jsonl", buffer)
    exported = tmp_path / "export.jsonl"
    exported.write_text(buffer.getvalue(), encoding="utf-8")
    second = SQLiteStore(tmp_path / "second.db")
    again = ingest([str(exported)], second)
    assert again.rejects == []
    assert _ids(second) == _ids(first)
    for article in first.articles():
        copy = second.article(article.id)
        assert (copy.title, copy.outlet, copy.published, copy.kind, copy.caption, copy.authors) == (
            article.title,
            article.outlet,
            article.published,
            article.kind,
            article.caption,
            article.authors,
        )

    parquet = tmp_path / "articles.parquet"
    export(first.articles(), "parquet", parquet)
    table = pq.read_table(parquet)
    assert set(table.column("id").to_pylist()) == _ids(first)
    assert "maintext" in table.column_names and "date_publish" in table.column_names

    # Ingesting the same inputs again adds nothing.
    repeat = ingest([str(examples)], first)
    assert repeat.ingested == 0 and repeat.duplicates == report.ingested
    first.close()
    second.close()
