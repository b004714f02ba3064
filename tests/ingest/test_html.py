from __future__ import annotations

import pytest

from newsprism.errors import InputRejected, RejectReason
from newsprism.ingest.html import extract_html

BODY = (
    "<p>Der Gemeinderat von Oberhausen-Süd hat am Dienstag über die Zukunft des Freibads "
    "beraten. Die Sanierung würde nach Schätzung der Verwaltung rund 4,2 Millionen € kosten.</p>"
    "<p>„Wir wollen das Bad für die nächste Generation erhalten“, sagte Bürgermeisterin "
    "Jutta Größlein. Die Opposition äußerte Zweifel an der Finanzierung.</p>"
    "<p>Eine Entscheidung soll im Mai fallen. Bis dahin prüft ein Gutachter die Becken.</p>"
)


def _page(head: str) -> str:
    return (
        f"<html><head>{head}<title>Freibad vor dem Aus?</title></head><body><article>"
        f"<h1>Freibad vor dem Aus?</h1>{BODY}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("raw", "content_type"),
    [
        (_page('<meta charset="windows-1252">').encode("cp1252"), None),
        (
            _page(
                '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            ).encode("cp1252"),
            None,
        ),
        (_page("").encode("cp1252"), "text/html; charset=ISO-8859-1"),
        (b"\xef\xbb\xbf" + _page('<meta charset="iso-8859-1">').encode("utf-8"), None),
        (_page("").encode("utf-8"), None),
    ],
    ids=["meta-cp1252", "meta-latin1-as-cp1252", "http-header", "bom-beats-meta", "no-charset"],
)
def test_charsets_give_correct_umlauts(raw: bytes, content_type: str | None) -> None:
    found = extract_html(raw, "page.html", content_type=content_type)
    assert "Größlein" in found.text
    assert "4,2 Millionen €" in found.text
    assert "„Wir wollen" in found.text
    assert found.title == "Freibad vor dem Aus?"
    assert not found.text.startswith("Freibad vor dem Aus?")  # the <h1> is the title, not text


def test_page_without_article_text_is_rejected() -> None:
    raw = b"<html><head><title>Index</title></head><body><nav><a href='/'>Start</a></nav></body></html>"
    with pytest.raises(InputRejected) as caught:
        extract_html(raw, "index.html")
    assert caught.value.reason is RejectReason.NO_TEXT
    assert "index.html" in str(caught.value)


def test_metadata_comes_from_the_page() -> None:
    head = (
        '<meta name="author" content="Eva Muster; Tom Beispiel">'
        '<meta property="article:published_time" content="2026-02-03T08:15:00+01:00">'
        '<link rel="canonical" href="https://www.example-zeitung.de/lokal/freibad">'
    )
    found = extract_html(_page(head).encode("utf-8"), "page.html")
    assert found.url == "https://www.example-zeitung.de/lokal/freibad"
    assert found.authors == ("Eva Muster", "Tom Beispiel")
    assert found.published is not None and found.published.isoformat().startswith(
        "2026-02-03T08:15"
    )
