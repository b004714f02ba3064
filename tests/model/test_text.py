from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.model import Article, Span, content_id, normalise_text


def test_line_endings_and_spaces_do_not_change_the_id() -> None:
    unix = "Erster Absatz über die Brücke.\n\nZweiter  Absatz."
    windows = "Erster Absatz über die Brücke.\r\n\r\n\r\nZweiter\u00a0Absatz.  \r\n"
    assert Article.from_text(unix).id == Article.from_text(windows).id


def test_nfc_and_nfd_are_one_article() -> None:
    composed = "Müller äußerte sich."
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert Article.from_text(composed).id == Article.from_text(decomposed).id


def test_different_words_are_different_articles() -> None:
    assert (
        Article.from_text("Die Brücke ist gesperrt.").id
        != Article.from_text("Die Brücke ist offen.").id
    )


def test_id_is_16_hex_of_sha256() -> None:
    article = Article.from_text("Text")
    assert len(article.id) == 16
    assert article.id == content_id("Text")
    int(article.id, 16)


@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once and "\n\n" not in once


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Article.from_text("Text", published=datetime(2026, 3, 9, 12, 0))


def test_text_and_id_cannot_be_changed_through_metadata() -> None:
    article = Article.from_text("Text")
    with pytest.raises(ValueError):
        article.with_metadata(text="Anderer Text")
    assert article.with_metadata(outlet="zpa.de").outlet == "zpa.de"


def test_span_offsets_are_checked_and_read_from_the_text() -> None:
    article = Article.from_text("Anna Beispiel sagte etwas.")
    assert Span(0, 13).text_of(article.text) == "Anna Beispiel"
    with pytest.raises(ValueError, match="start=5 end=2"):
        Span(5, 2)
