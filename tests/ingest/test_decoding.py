"""Charsets: valid UTF-8 beats a contradicting <meta>; the header beats both."""

from __future__ import annotations

from pathlib import Path

from newsprism.ingest.decoding import decode_html
from newsprism.ingest.html import extract_html

DATA = Path(__file__).resolve().parent.parent / "data" / "metadata"
PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset={meta}">'
    "<title>Günstige Wohnungen</title></head><body><p>Günstige Mietwohnungen werden knapp; "
    "die Miete stieg um 6,4 % – auf 11,80 € je Quadratmeter.</p></body></html>"
)


def test_valid_utf8_beats_a_meta_that_says_latin1() -> None:
    raw = PAGE.format(meta="iso-8859-1").encode("utf-8")
    text = decode_html(raw, "page.html")
    assert "Günstige" in text and "11,80 €" in text and "Ã" not in text


def test_the_gold_page_with_a_wrong_meta_decodes_as_a_browser_would() -> None:
    raw = (DATA / "talanzeiger-mieten.html").read_bytes()
    found = extract_html(raw, "talanzeiger-mieten.html")
    assert found.text.startswith("Günstige Mietwohnungen") and found.title is not None
    assert "Ã" not in found.text + found.title


def test_real_latin1_still_follows_its_meta() -> None:
    raw = PAGE.format(meta="iso-8859-1").encode("cp1252")
    assert "Günstige" in decode_html(raw, "page.html")
    cp1252 = (DATA / "kreisbote-streusalz.html").read_bytes()
    found = extract_html(cp1252, "kreisbote-streusalz.html")
    assert "520.000 €" in found.text and "„Wir sind" in found.text


def test_the_http_header_beats_the_meta() -> None:
    utf8 = PAGE.format(meta="iso-8859-1").encode("utf-8")
    assert "Günstige" in decode_html(utf8, "page.html", "text/html; charset=utf-8")
    latin = PAGE.format(meta="utf-8").encode("cp1252")
    assert "Günstige" in decode_html(latin, "page.html", "text/html; charset=ISO-8859-1")


def test_a_page_from_a_file_and_from_a_warc_is_one_text() -> None:
    raw = (DATA / "talanzeiger-mieten.html").read_bytes()
    from_file = extract_html(raw, "a.html")
    from_warc = extract_html(raw, "b.warc", content_type="text/html; charset=utf-8")
    assert from_file.text == from_warc.text
