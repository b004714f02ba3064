"""Properties of analysis on hostile text: it never fails and every span lies inside the text.

Two kinds of input: arbitrary Unicode, and German-looking text built from news words, names,
speech verbs, every kind of quotation mark, colons, line breaks, digits and very long tokens,
which is what reaches the quote rules' corner cases. The default run is a few hundred examples,
derandomized so that CI repeats them; the `slow` variants run many more and longer texts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.analyse.annotate import analyse_articles
from newsprism.analyse.document import Document
from newsprism.analyse.pipeline import default_pipeline
from newsprism.compare.story import compare_articles
from newsprism.model.annotations import Annotations
from newsprism.model.article import Article
from tests.analyse.checks import assert_inside, check_analysis, check_features, run_stages

# Written for these tests: the words the quote and entity rules react to.
VOCAB = (
    "Anna Wagner Jonas Kern Lea Sommer Horst Lemke Merkel Jan-Erik Sommer Dr. Prof. Frau Herr "
    "Ministerin Bürgermeister Sprecherin Rathauschef Ex-Ministerin Polizei Stadt Regierung "
    "sagte sagt betonte erklärte kritisierte teilte mit fragte meinte warnte sprach von "
    "sei habe hätten würden seien könne solle soll eingeschleust haben "
    "laut zufolge nach Angaben von demnach Wie wie so dass ob Er er Sie sie es man ich wir "
    "der die das den dem des ein eine und oder nicht auch am im in auf mit zum "
    "Die Lage ist ernst Brücke bleibt gesperrt Haushalt Streik Warnstreik Allianz der Vernunft "
    "Frage Antwort Interview Foto AFP dpa zpa BERLIN Emden Montag März Jahrhundert "
    "z.B. u.a. d.h. usw. bzw. Nr. S. www.beispiel.de/a?b=1 anna.wagner@stadt-beispiel.de "
    "Millionen Milliarden Mio. Mrd. Euro Prozent % 5G-Netz SPD-Fraktion Nord- Süd"
).split()
MARKS = [*"„“”»«\"‚‘’›‹'`", "``", "''", "„…“", "»…«", "...", "…", "?!"]
# Interview lines ("Wagner: …"), also with nothing after the colon, and speech-clause colons.
LINE_STARTS = ["\nMerkel:", "\nWagner:", "\nAnna Wagner :", "\nFrage:", "\nKern: ", "\nSommer:\n"]
PUNCTUATION = [*".,:;!?()[]–—-/&", " :", ": ", " - "]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", ": ", ", ", ". ", ":\n", " –\n"]

numbers = st.one_of(
    st.integers(0, 10**7).map(str),
    st.from_regex(r"\d{1,3}(\.\d{3}){0,3}(,\d{1,2})?\.?", fullmatch=True),
    st.from_regex(r"[0-9]{16,400}", fullmatch=True),  # no quantity: ids, garbage
    st.sampled_from(["3.", "20.", "2024", "1,3", "48 000", "1E-5", "1.5e", "١٢٣", "²"]),
)


def long_tokens(scale: int) -> st.SearchStrategy[str]:
    """Very long words, digit strings and runs of word bits; `scale` bounds their length."""
    return st.one_of(
        st.integers(10, 300 * scale).map(lambda n: "Rindfleisch" * n),
        st.integers(100, 2_000 * scale).map(lambda n: "a+" * n),
        st.integers(100, 20_000 * scale).map(lambda n: "x" * n),
        st.integers(10, 200 * scale).map(lambda n: "9" * n),
    )


pieces = st.one_of(
    st.sampled_from(VOCAB),
    st.sampled_from(MARKS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(LINE_STARTS),
    numbers,
    st.characters(exclude_categories=["Cs"]),
)


def german_text(max_pieces: int, long: int = 0) -> st.SearchStrategy[str]:
    """Text of up to `max_pieces` pieces; with `long`, very long tokens of that scale too."""
    piece = st.one_of(pieces, long_tokens(long)) if long else pieces
    pairs = st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), max_size=max_pieces)
    return pairs.map(lambda items: "".join(word + sep for word, sep in items))


# Lone surrogates are left out: they never reach analysis, normalise_text drops them on ingest.
unicode_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)
# German first; other languages take other paths through the stages (no tagger, no entities).
languages = st.sampled_from(["de", "de", "en", "fr", "tr", "zh", "ar", None])

BASE = settings(
    derandomize=True,
    deadline=None,  # the first example loads the models
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


def analysed(
    texts: Sequence[str], language: str | None = "de"
) -> list[tuple[Article, Document, Annotations]]:
    """Analysis as ingest runs it; a stage that failed on a text is run again to raise."""
    pipeline = default_pipeline()
    articles = [
        Article(id=f"{number:016x}", text=text, language=language, outlet=f"z{number % 2}.de")
        for number, text in enumerate(texts)
    ]
    results = analyse_articles(articles, pipeline)
    for article, (document, _) in zip(articles, results, strict=True):
        if not document.done >= set(pipeline.names):
            run_stages(article.text, language)  # the stage's own error and traceback
            pytest.fail(f"a stage failed on {article.text!r}: {getattr(document, 'failure', '')}")
    return [(a, d, n) for a, (d, n) in zip(articles, results, strict=True)]


def check_all(texts: Sequence[str], language: str | None = "de") -> None:
    for article, document, found in analysed(texts, language):
        check_analysis(article.text, document, found)
        check_features(article, document)


def check_comparison(texts: Sequence[str]) -> None:
    articles = [
        Article(id=f"{number:016x}", text=text, language="de", outlet=f"zeitung{number}.de")
        for number, text in enumerate(texts)
    ]
    result = compare_articles(articles, "story")
    assert getattr(result, "failed", ()) == ()
    by_id = {article.id: article.text for article in articles}
    for fact in result.comparison.facts:
        for sentence in fact.sentences:
            assert_inside(sentence.sentence, by_id[sentence.article_id], "fact sentence")


def examples(count: int, *marks: Any) -> Callable[[Callable[..., None]], Any]:
    """The shared settings with `count` examples (and marks such as slow)."""

    def decorate(test: Callable[..., None]) -> Any:
        wrapped: Any = settings(BASE, max_examples=count)(test)
        for mark in marks:
            wrapped = mark(wrapped)
        return wrapped

    return decorate


# -- the default profile: a few hundred examples in all ---------------------------------------


@examples(100)
@given(unicode_text, languages)
def test_arbitrary_unicode_is_analysed_with_spans_inside(text: str, language: str | None) -> None:
    check_all([text], language)


@examples(200)
@given(german_text(max_pieces=40))
def test_german_looking_text_is_analysed_with_spans_inside(text: str) -> None:
    check_all([text])


@examples(40)
@given(german_text(max_pieces=12, long=1))
def test_long_tokens_are_analysed_with_spans_inside(text: str) -> None:
    check_all([text])


@examples(30)
@given(st.lists(german_text(max_pieces=30), min_size=2, max_size=3))
def test_a_story_of_german_looking_texts_is_compared(texts: list[str]) -> None:
    check_comparison(texts)


# -- heavier: many more and longer texts ------------------------------------------------------


@examples(2_000, pytest.mark.slow)
@given(unicode_text, languages)
def test_arbitrary_unicode_many(text: str, language: str | None) -> None:
    check_all([text], language)


@examples(3_000, pytest.mark.slow)
@given(german_text(max_pieces=150))
def test_german_looking_text_many(text: str) -> None:
    check_all([text])


@examples(300, pytest.mark.slow)
@given(german_text(max_pieces=40, long=10))
def test_long_tokens_many(text: str) -> None:
    check_all([text])


@examples(300, pytest.mark.slow)
@given(st.lists(german_text(max_pieces=80), min_size=2, max_size=4))
def test_a_story_of_german_looking_texts_many(texts: list[str]) -> None:
    check_comparison(texts)
