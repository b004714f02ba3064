"""Article text: placeholders out, glued paragraphs split, no repeated headline or
kicker, the lead kept."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism.ingest.cleanup import clean_text
from newsprism.ingest.html import extract_html

DATA = Path(__file__).resolve().parent.parent / "data" / "metadata"


def _page(name: str) -> tuple[str, str]:
    gold = json.loads((DATA / f"{name}.gold.json").read_text("utf-8"))
    found = extract_html((DATA / f"{name}.html").read_bytes(), name, url=gold["url"])
    return found.text, gold["text"]


def test_consent_placeholders_are_removed_and_glued_paragraphs_split() -> None:
    text, gold = _page("suedkurier-migration")
    assert "Externer Inhalt" not in text and "Privatsphäre" not in text
    assert "MigrationChiesa" not in text and "an.Sie" not in text
    assert text == gold


def test_the_lead_outside_the_article_element_is_kept() -> None:
    text, gold = _page("mittelland-schnellbahn")
    assert text.startswith("Nach drei Jahren Streit")
    assert text == gold


def test_kicker_and_headline_are_not_the_first_paragraph() -> None:
    text, gold = _page("rw-grenzkontrollen")
    assert not text.startswith(("Europa", "Polen verlängert"))
    assert text == gold


def test_rules_on_plain_lines() -> None:
    text = (
        "Politik\nStreit im Rat\nDer Rat stritt lange.\nYouTube-Inhalt\n"
        "Die BahnCard bleibt, sagte er.Danach ging es weiter."
    )
    cleaned = clean_text(text, title="Streit im Rat", kickers=["Politik"])
    assert cleaned.splitlines() == [
        "Der Rat stritt lange.",
        "Die BahnCard bleibt, sagte er.",
        "Danach ging es weiter.",
    ]


def test_an_article_about_privacy_settings_keeps_its_text() -> None:
    long_line = "Die Privatsphäre-Einstellungen der App " + "wurden geändert, sagte sie. " * 20
    assert clean_text(long_line) == long_line.strip()
