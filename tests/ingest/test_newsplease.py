from __future__ import annotations

import json
from dataclasses import MISSING, fields
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsprism.errors import RejectReason
from newsprism.ingest.newsplease import (
    ARROW_SCHEMA,
    COLUMNS,
    FIELDS,
    article_from_newsplease,
    newsplease_record,
    newsplease_values,
    read_json_file,
    read_jsonl_file,
    read_parquet_file,
)
from newsprism.ingest.records import FoundArticle, ReadOptions
from newsprism.model import Article, ArticleKind, Reject
from tests.helpers import write_jsonl

RECORD = {
    "url": "https://www.beispielblatt.de/a",
    "source_domain": "beispielblatt.de",
    "title": "Neue Radwege für die Innenstadt",
    "authors": ["Eva Muster"],
    "date_publish": "2026-04-01 09:30:00",
    "date_download": "2026-04-01 10:00:00",
    "language": "de",
    "maintext": "Die Stadt baut vier neue Radwege. Der Rat stimmte am Mittwoch zu.",
    "description": None,
}


def test_news_please_fields_are_mapped(tmp_path: Path) -> None:
    [item] = list(read_jsonl_file(write_jsonl(tmp_path / "a.jsonl", [RECORD]), ReadOptions()))
    assert isinstance(item, FoundArticle)
    assert item.outlet == "beispielblatt.de"
    assert item.title == RECORD["title"]
    assert item.authors == ("Eva Muster",)
    assert item.published is not None and item.published.tzinfo is not None
    assert item.fetched is not None
    assert item.locator == "line 1"


def test_bad_lines_are_rejected_with_their_line_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"maintext": "Erster guter Artikel."}\n'
        b"{not json\n"
        b'{"title": "ohne Text"}\n'
        b'{"maintext": "\xff\xfe kaputt"}\n'
        b'["eine", "Liste"]\n'
        b"\n"
        b'{"maintext": "Zweiter guter Artikel."}\n'
    )
    items = list(read_jsonl_file(path, ReadOptions()))
    good = [i for i in items if isinstance(i, FoundArticle)]
    bad = [i for i in items if isinstance(i, Reject)]
    assert [g.text for g in good] == ["Erster guter Artikel.", "Zweiter guter Artikel."]
    assert [(b.locator, b.reason) for b in bad] == [
        ("line 2", RejectReason.BAD_JSON),
        ("line 3", RejectReason.BAD_RECORD),
        ("line 4", RejectReason.UNDECODABLE),
        ("line 5", RejectReason.BAD_RECORD),
    ]
    assert all(b.source == str(path) for b in bad)


def test_a_line_over_the_limit_is_skipped_without_loading_it(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text('{"maintext": "' + "x" * 5000 + '"}\n{"maintext": "Kurz und gut."}\n')
    items = list(read_jsonl_file(path, ReadOptions(max_bytes=1000)))
    assert isinstance(items[0], Reject) and items[0].reason is RejectReason.TOO_LARGE
    assert isinstance(items[1], FoundArticle) and items[1].text == "Kurz und gut."


def test_json_file_with_a_list_of_records(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('[{"maintext": "Eins."}, {"text": "Zwei."}, 3]', encoding="utf-8")
    items = list(read_json_file(path, ReadOptions()))
    assert [type(i).__name__ for i in items] == ["FoundArticle", "FoundArticle", "Reject"]
    assert items[2].locator == "item 3"  # type: ignore[union-attr]


def _every_field_set() -> Article:
    """An article whose every field differs from its default, times in three offsets."""
    article = Article.from_text(
        "Die Stadt baut vier neue Radwege.\nDer Rat stimmte am Mittwoch zu.",
        title="Neue Radwege",
        url="https://www.beispielblatt.de/a",
        outlet="beispielblatt.de",
        authors=("Eva Muster", "Jan Peters"),
        published=datetime(2026, 4, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))),
        fetched=datetime(2026, 4, 1, 10, 0, 5, tzinfo=UTC),
        language="de",
        kind=ArticleKind.COMMENTARY,
        caption="Foto: Archiv",
        description="Vier Radwege für die Innenstadt",
        source_path="/daten/beispielblatt.jsonl",
        ingested_at=datetime(2026, 4, 2, 8, 15, 1, 123456, tzinfo=timezone(timedelta(hours=-5))),
        teaser=True,
        updated=datetime(2026, 4, 1, 11, 5, tzinfo=timezone(timedelta(hours=2))),
        dated_by="json-ld",
    )
    unset = [
        f.name
        for f in fields(Article)
        if f.default is not MISSING and getattr(article, f.name) == f.default
    ]
    assert unset == [], "set every field, so that a field the codec drops shows"
    return article


def test_the_codec_maps_every_article_field_once() -> None:
    attributes = [attribute for _, attribute, _ in COLUMNS]
    assert sorted(attributes) == sorted(f.name for f in fields(Article))
    assert FIELDS[:9] == (  # news-please's own fields come first, under its names
        "url",
        "source_domain",
        "title",
        "authors",
        "date_publish",
        "date_download",
        "language",
        "description",
        "maintext",
    )
    assert ARROW_SCHEMA.names == list(FIELDS)


def test_article_to_json_record_and_back_is_the_identity() -> None:
    article = _every_field_set()
    record = json.loads(json.dumps(newsplease_record(article)))
    assert record["maintext"] == article.text and record["source_domain"] == article.outlet
    assert record["date_publish"] == "2026-04-01T09:30:00+02:00"
    back = article_from_newsplease(record)
    assert back == article
    for name in ("published", "fetched", "ingested_at"):  # the offset too, not only the instant
        assert getattr(back, name).utcoffset() == getattr(article, name).utcoffset()


def test_article_to_parquet_row_and_back_keeps_every_field(tmp_path: Path) -> None:
    article = _every_field_set()
    plain = Article.from_text("Kurz.")  # every optional field empty
    rows = [newsplease_values(a) for a in (article, plain)]
    path = tmp_path / "articles.parquet"
    columns = {name: [row[i] for row in rows] for i, name in enumerate(FIELDS)}
    pq.write_table(pa.table(columns, schema=ARROW_SCHEMA), path)
    back = [article_from_newsplease(r) for r in pq.read_table(path).to_pylist()]
    assert back == [article, plain]  # times come back in UTC: the same instants
    # The lenient reader takes the same file as input (the id is derived again, not read).
    found = list(read_parquet_file(path, ReadOptions()))
    assert isinstance(found[0], FoundArticle)
    assert (found[0].kind, found[0].teaser, found[0].published) == (
        article.kind,
        True,
        article.published,
    )
