"""The clusterer's view of an article on hostile text: huge numbers and endless words."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import simplemma

from newsprism.analyse.pipeline import default_pipeline
from newsprism.cluster import features
from newsprism.cluster.features import article_features, compound_parts, number_value
from newsprism.compare.facts import sentence_keys
from newsprism.model.article import Article


def features_of(text: str) -> features.ArticleFeatures:
    article = Article.from_text(text, language="de", title="Haushalt")
    document = default_pipeline().analyse(article.text, "de")
    return article_features(article, document)


def test_usual_numbers_keep_their_values() -> None:
    assert number_value("48.000") == number_value("48 000") == "48000"
    assert number_value("1,3", "Millionen") == "1.3e+06"
    assert number_value("2035") == "y2035"
    assert number_value("12") == "12"
    assert number_value("3") is None


@pytest.mark.parametrize(
    ("text", "following"),
    [
        ("1" * 400, ""),  # float() gives inf
        ("9" * 309, ""),  # just past the largest float
        ("1" * 300, "Billionen"),  # finite, but the scale takes it past the largest float
        ("1." + "000." * 120 + "000", ""),  # thousands groups, 364 digits
        ("1234567890123456", ""),  # 16 digits: an id, not a quantity
        ("nan", ""),
        ("1e400", ""),
        ("1_000", ""),
    ],
)
def test_numbers_that_are_no_quantity_give_none(text: str, following: str) -> None:
    assert number_value(text, following) is None


def test_a_400_digit_number_in_a_text_does_not_break_the_features() -> None:
    text = f"Der Rat beschloss am Montag {'7' * 400} neue Regeln für 48.000 Euro.\n"
    found = features_of(text)
    assert "48000" in found.numbers
    assert not any("inf" in number or "nan" in number for number in found.numbers)


def test_a_400_digit_number_does_not_break_fact_keys() -> None:
    text = f"Die Stadt zahlte {'3' * 400} Millionen Euro an 12 Vereine."
    document = default_pipeline().analyse(text, "de")
    keys = sentence_keys(document, 0, len(document.tokens))
    assert "#12" in keys
    assert not any(key.startswith("#inf") for key in keys)


def test_compound_parts_still_splits_compounds() -> None:
    assert compound_parts("warnstreik") == ("streik", "warn")
    assert compound_parts("haus") == ()


def _counting(calls: list[str]) -> Callable[..., bool]:
    known = simplemma.is_known

    def is_known(token: str, lang: str) -> bool:
        calls.append(token)
        return known(token, lang=lang)

    return is_known


@pytest.mark.parametrize("length", [10_000, 100_000])
def test_compound_parts_looks_up_a_bounded_number_of_parts(
    length: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word longer than any dictionary word: only its ends can be known words."""
    calls: list[str] = []
    monkeypatch.setattr(features.simplemma, "is_known", _counting(calls))
    word = "rindfleisch" * (length // 11) + "streik"
    assert compound_parts.__wrapped__(word) == ("streik",)
    assert len(calls) <= 2 * features.LONGEST_WORD
    assert max(len(token) for token in calls) <= features.LONGEST_WORD


def test_compound_parts_of_a_400_kb_word_is_quick() -> None:
    word = "a" * 400_000
    started = time.perf_counter()
    assert compound_parts.__wrapped__(word) == ()
    assert time.perf_counter() - started < 5  # was > 300 s: one dictionary lookup per cut


def test_a_100_kb_word_in_a_text_is_quick_and_not_a_term() -> None:
    word = "Rindfleisch" * 10_000
    started = time.perf_counter()
    found = features_of(f"Die Behörde prüft {word} und den Warnstreik.")
    assert time.perf_counter() - started < 10  # was ~70 s
    assert "warnstreik" in found.terms
    assert all(len(term) <= features.LONGEST_WORD for term in found.terms)
