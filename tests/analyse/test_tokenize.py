from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.analyse.sentences import split_sentences
from newsprism.analyse.tokenize import tokenize


def words(text: str) -> list[str]:
    return [token.text for token in tokenize(text)]


def sentences(text: str) -> list[str]:
    tokens = tokenize(text)
    return [text[tokens[a].start : tokens[b - 1].end] for a, b in split_sentences(tokens)]


def test_abbreviations_ordinals_and_numbers_keep_their_dots() -> None:
    assert words("Dr. Anna Wagner kam am 3. März, u.a. mit z.B. 1.250,50 Euro.") == [
        "Dr.",
        "Anna",
        "Wagner",
        "kam",
        "am",
        "3.",
        "März",
        ",",
        "u.a.",
        "mit",
        "z.B.",
        "1.250,50",
        "Euro",
        ".",
    ]


def test_compounds_urls_and_quotes() -> None:
    assert words("Das 5G-Netz der SPD-Fraktion: www.beispiel.de/a?b=1. „Nord- und Süd“") == [
        "Das",
        "5G-Netz",
        "der",
        "SPD-Fraktion",
        ":",
        "www.beispiel.de/a?b=1",
        ".",
        "„",
        "Nord-",
        "und",
        "Süd",
        "“",
    ]


def test_number_before_a_sentence_start_is_not_an_ordinal() -> None:
    assert sentences("Die Zahl stieg auf 3. Die Polizei ermittelt.") == [
        "Die Zahl stieg auf 3.",
        "Die Polizei ermittelt.",
    ]


def test_headline_dateline_and_quotes_spanning_sentences() -> None:
    text = (
        "Brücke in Kaltenbrück gesperrt\n"
        "Kaltenbrück (zpa) – Die Stadt hat die Brücke am 3. März gesperrt. „Wir haben keine Wahl. "
        "Das Risiko ist zu groß“, sagte Dr. Anna Wagner. Was nun? Keiner weiß es!"
    )
    assert sentences(text) == [
        "Brücke in Kaltenbrück gesperrt",
        "Kaltenbrück (zpa) – Die Stadt hat die Brücke am 3. März gesperrt.",
        "„Wir haben keine Wahl.",
        "Das Risiko ist zu groß“, sagte Dr. Anna Wagner.",
        "Was nun?",
        "Keiner weiß es!",
    ]


def test_place_dateline_stays_with_its_sentence() -> None:
    assert sentences("Emden. Der Gipfel beginnt heute. Ja. Das stimmt.")[0] == (
        "Emden. Der Gipfel beginnt heute."
    )


def test_closing_quote_belongs_to_the_sentence_it_ends() -> None:
    assert sentences("Sie sagte: »Wir gehen!« Dann ging sie.") == [
        "Sie sagte: »Wir gehen!«",
        "Dann ging sie.",
    ]


@given(st.text(alphabet=st.sampled_from(list("aZ .,„“!?3\n-")), max_size=80))
def test_tokens_are_ordered_non_overlapping_offsets_into_the_text(text: str) -> None:
    tokens = tokenize(text)
    previous_end = 0
    for token in tokens:
        assert previous_end <= token.start < token.end
        assert text[token.start : token.end] == token.text
        previous_end = token.end
    covered = "".join(token.text for token in tokens)
    assert covered == "".join(text.split())
    bounds = split_sentences(tokens)
    assert [i for a, b in bounds for i in range(a, b)] == list(range(len(tokens)))


@pytest.mark.parametrize("unit", ["a+", "a_", "x-+", "ä.+"])
def test_tokenizing_a_long_run_of_word_bits_is_linear(unit: str) -> None:
    """'a+a+a+…' once made the e-mail pattern scan to the end of the run from every token."""
    text = unit * (30_000 // len(unit))
    started = time.perf_counter()
    tokens = tokenize(text)
    assert time.perf_counter() - started < 2  # was ~10 s
    assert "".join(t.text for t in tokens) == text


def test_e_mail_addresses_are_still_one_token() -> None:
    assert words("Schreiben Sie an anna.wagner+presse@stadt-beispiel.de bis Montag.") == [
        "Schreiben",
        "Sie",
        "an",
        "anna.wagner+presse@stadt-beispiel.de",
        "bis",
        "Montag",
        ".",
    ]
