"""Plain text with front matter (title, date, url, outlet, author) and a headline first line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsprism.errors import RejectReason
from newsprism.ingest.records import FoundArticle, ReadOptions
from newsprism.ingest.text import read_text_file, split_headline, text_article
from newsprism.model import Reject

BODY = (
    "Die Stadt Musterhausen sperrt die Rheinbrücke ab Dienstag für Autos. Ingenieure hätten "
    "Risse in zwei Trägern gefunden, teilte die Verwaltung mit.\n"
    "Fußgänger dürfen die Brücke weiter nutzen."
)


def _read(tmp_path: Path, text: str) -> FoundArticle | Reject:
    path = tmp_path / "artikel.txt"
    path.write_text(text, encoding="utf-8")
    [item] = list(read_text_file(path, ReadOptions()))
    return item


def test_front_matter_gives_title_date_url_outlet_authors(tmp_path: Path) -> None:
    item = _read(
        tmp_path,
        "---\n"
        "title: Rheinbrücke gesperrt\n"
        "date: 2026-03-09T18:30:00+01:00\n"
        "url: https://www.bote-musterhausen.de/lokales/bruecke\n"
        "outlet: bote-musterhausen.de\n"
        "author: Jana Beispiel; Tom Muster\n"
        "language: de\n"
        "---\n" + BODY,
    )
    assert isinstance(item, FoundArticle)
    assert item.title == "Rheinbrücke gesperrt"
    assert item.published == datetime(2026, 3, 9, 18, 30, tzinfo=timezone(timedelta(hours=1)))
    assert item.url == "https://www.bote-musterhausen.de/lokales/bruecke"
    assert item.outlet == "bote-musterhausen.de"
    assert item.authors == ("Jana Beispiel", "Tom Muster")
    assert item.language == "de"
    assert item.text == BODY  # the front matter is not part of the text


def test_german_keys_and_a_date_without_offset_in_local_time(tmp_path: Path) -> None:
    item = _read(tmp_path, "---\nTitel: Brücke zu\nDatum: 2026-03-09 18:30\n---\n" + BODY)
    assert isinstance(item, FoundArticle)
    assert item.title == "Brücke zu"
    assert item.published is not None and item.published.tzinfo is not None
    assert item.published.replace(tzinfo=None) == datetime(2026, 3, 9, 18, 30)


def test_front_matter_with_caption_after_it(tmp_path: Path) -> None:
    item = _read(
        tmp_path, "---\ntitle: Brücke zu\n---\nDie Brücke am Abend. Foto: zpa/ Lena Vogt\n" + BODY
    )
    assert isinstance(item, FoundArticle)
    assert item.caption == "Die Brücke am Abend. Foto: zpa/ Lena Vogt"
    assert item.text.strip() == BODY


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("---\ntitel: A\nautor_in: B\n---\n", "'autor_in: B'"),
        ("---\ntitle: A\nohne Doppelpunkt\n---\n", "'ohne Doppelpunkt'"),
        ("---\ndate: gestern Abend\n---\n", "'gestern Abend' is not a date"),
        ("---\ntitle: A\n", "not closed"),
    ],
)
def test_bad_front_matter_is_a_reject_that_names_the_problem(
    tmp_path: Path, front: str, expected: str
) -> None:
    item = _read(tmp_path, front + BODY)
    assert isinstance(item, Reject)
    assert item.reason is RejectReason.BAD_FRONT_MATTER
    assert expected in item.detail and "front matter" in item.detail


def test_a_headline_first_line_is_the_title(tmp_path: Path) -> None:
    item = _read(tmp_path, "Rheinbrücke: Sperrung ab Dienstag\n" + BODY)
    assert isinstance(item, FoundArticle)
    assert item.title == "Rheinbrücke: Sperrung ab Dienstag"
    # The headline stays in the text, so the article's id does not depend on the heuristic.
    assert item.text.startswith("Rheinbrücke: Sperrung ab Dienstag\n")


@pytest.mark.parametrize(
    "first_line",
    [
        "Die Stadt sperrt die Brücke ab Dienstag für Autos.",  # a sentence
        "Brücke gesperrt. Pendler ärgern sich",  # two sentences
        "Musterhausen (zpa) –",  # a dateline
        "BERLIN",  # one word
        "und dann kam alles anders",  # lower case: a broken paragraph
        "Frage: Was bringt das neue Gesetz den Mietern, und wer bezahlt am Ende dafür:",
    ],
)
def test_lines_that_are_not_headlines(first_line: str) -> None:
    assert split_headline(first_line + "\n" + BODY)[0] is None


def test_a_headline_needs_text_after_it() -> None:
    assert split_headline("Rheinbrücke gesperrt")[0] is None
    assert split_headline("Rheinbrücke gesperrt\nKurz.")[0] is None


def test_a_question_can_be_a_headline() -> None:
    assert split_headline("Muss die Rheinbrücke abgerissen werden?\n" + BODY)[0] == (
        "Muss die Rheinbrücke abgerissen werden?"
    )


def test_front_matter_title_wins_over_the_first_line() -> None:
    item = text_article("---\ntitle: Amtlich\n---\nRheinbrücke gesperrt\n" + BODY, "x.txt")
    assert isinstance(item, FoundArticle) and item.title == "Amtlich"


def test_text_starting_with_dashes_later_is_not_front_matter() -> None:
    item = text_article("Rheinbrücke gesperrt\n---\n" + BODY, "x.txt")
    assert isinstance(item, FoundArticle) and item.title == "Rheinbrücke gesperrt"
    assert item.published is None and item.published != datetime(2026, 1, 1, tzinfo=UTC)
