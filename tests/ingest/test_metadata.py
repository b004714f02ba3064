"""Metadata in order of trust: titles, publish times with offsets, authors."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from newsprism.ingest.authors import clean_authors
from newsprism.ingest.html import extract_html
from newsprism.ingest.titles import TitleSuffixes, choose_title

DATA = Path(__file__).resolve().parent.parent / "data" / "metadata"


def _extract(name: str, suffixes: TitleSuffixes | None = None):  # type: ignore[no-untyped-def]
    gold = json.loads((DATA / f"{name}.gold.json").read_text("utf-8"))
    raw = (DATA / f"{name}.html").read_bytes()
    found = extract_html(raw, name, url=gold["url"], suffixes=suffixes or TitleSuffixes())
    return found, gold


def test_json_ld_time_keeps_its_offset_and_date_modified_is_updated() -> None:
    found, _ = _extract("lahnkurier-bruecke")
    assert (
        found.published is not None and found.published.isoformat() == "2026-03-14T14:46:12+01:00"
    )
    assert found.published.utcoffset() == timedelta(hours=1)
    assert found.updated is not None and found.updated.isoformat() == "2026-03-14T16:02:00+01:00"
    assert found.dated_by == "json-ld"


def test_a_time_in_a_photo_caption_is_not_the_publish_time() -> None:
    found, _ = _extract("nordseebote-brand")
    assert found.published is not None
    assert found.published.isoformat() == "2026-05-07T06:40:00+02:00"
    assert found.dated_by == "time"


def test_a_day_without_time_yields_to_the_time_of_that_day() -> None:
    found, _ = _extract("kreisecho-haushalt")
    assert found.published is not None
    assert found.published.isoformat() == "2026-02-19T18:05:00+01:00"


def test_the_copyright_year_is_no_publish_date() -> None:
    found, _ = _extract("stadtspiegel-baeume")
    assert found.published is None and found.dated_by is None


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("lahnkurier-bruecke", "Neue Brücke über die Lahn eröffnet"),
        ("rheinpost-insolvenzen", "Mehr Firmenpleiten im Rheinland"),  # "- RHEINPOST"
        ("rw-grenzkontrollen", "Polen verlängert Grenzkontrollen"),  # "– RW – 13.06.2026"
        ("dailyledger-libraries", "Council votes to close two libraries"),  # JSON-LD headline
        ("hauptstadtblatt-netze", "Weinmann: „Wir müssen schneller bauen“"),  # og:title cut
    ],
)
def test_titles_lose_the_site_name_and_are_not_cut_short(name: str, title: str) -> None:
    found, _ = _extract(name)
    assert found.title == title


def test_a_suffix_learnt_from_one_page_is_cut_from_the_next() -> None:
    def title(suffixes: TitleSuffixes) -> str | None:  # a page with <title> alone
        only = ["Bibliothek länger geöffnet | Hügelzeitung"]
        return choose_title(only, site_names=(), host="www.hz-online.de", suffixes=suffixes)

    assert title(TitleSuffixes()) == "Bibliothek länger geöffnet | Hügelzeitung"
    suffixes = TitleSuffixes()
    freibad, _ = _extract("hz-freibad", suffixes)  # og:title and <title> show the suffix
    assert freibad.title == "Freibad öffnet später"
    assert title(suffixes) == "Bibliothek länger geöffnet"
    bibliothek, _ = _extract("hz-bibliothek", suffixes)
    assert bibliothek.title == "Bibliothek länger geöffnet"


def test_suffixes_seen_on_two_pages_of_a_host_are_learnt() -> None:
    suffixes = TitleSuffixes()
    suffixes.observe("hz-online.de", ["Erste Meldung | Hügelzeitung"])
    assert not suffixes.known("hz-online.de", "Hügelzeitung")
    suffixes.observe("hz-online.de", ["Zweite Meldung | Hügelzeitung"])
    assert suffixes.known("hz-online.de", "Hügelzeitung")
    assert not suffixes.known("andere.de", "Hügelzeitung")


@pytest.mark.parametrize(
    ("name", "authors"),
    [
        ("lahnkurier-bruecke", ("Martina Gerlach",)),  # "Von", organisation dropped
        ("rheinpost-insolvenzen", ("Jana Roth",)),  # "Wirtschaftsblatt Von Jana Roth"
        ("hessenblick-turnhallen", ("Lea Brandt", "Tom Achterberg")),  # not the sidebar's
        ("dailyledger-libraries", ("Maria Alvarez",)),  # "By"
    ],
)
def test_authors_are_persons(name: str, authors: tuple[str, ...]) -> None:
    found, _ = _extract(name)
    assert found.authors == authors


@pytest.mark.parametrize(
    "raw",
    [
        "Frankfurter Zeitung GmbH",
        "Heise Online",
        "Deutsche Welle",
        "Hessenblick De; Frankfurt; Germany",
        "dpa",
        "Redaktion",
        "https://www.example.de/autor/anna",
    ],
)
def test_organisations_places_and_the_outlet_are_no_authors(raw: str) -> None:
    assert clean_authors([raw], site_names=("Hessenblick",), host="hessenblick.de") == ()


def test_names_with_particles_and_prefixes_are_kept() -> None:
    assert clean_authors(["Von Ursula von der Heide, Autor: Jan de Vries"]) == (
        "Ursula von der Heide",
        "Jan de Vries",
    )


def test_last_name_first_is_one_person() -> None:
    assert clean_authors(["Muster, Anna"]) == ("Anna Muster",)
    assert clean_authors(["Anna Muster, Jan Peters"]) == ("Anna Muster", "Jan Peters")
