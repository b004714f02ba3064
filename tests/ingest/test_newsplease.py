from __future__ import annotations

from pathlib import Path

from newsprism.errors import RejectReason
from newsprism.ingest.newsplease import read_json_file, read_jsonl_file
from newsprism.ingest.records import FoundArticle, ReadOptions
from newsprism.model import Reject
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
