"""Checks shared by the property and corpus tests: spans inside the text, finite features."""

from __future__ import annotations

import math

from newsprism.analyse.document import Document
from newsprism.analyse.pipeline import default_pipeline
from newsprism.cluster.features import article_features
from newsprism.model.annotations import Annotations
from newsprism.model.article import Article
from newsprism.model.spans import Span


def run_stages(text: str, language: str | None = "de") -> None:
    """Every stage of the default pipeline on one text, with no catching: errors propagate."""
    document = Document(text, language)
    for stage in default_pipeline().stages:
        stage([document])


def assert_inside(span: Span | None, text: str, what: str) -> None:
    if span is None:
        return
    assert 0 <= span.start <= span.end <= len(text), f"{what} {span} outside a text of {len(text)}"


def check_analysis(text: str, document: Document, annotations: Annotations) -> None:
    previous_end = 0
    for token in document.tokens:
        assert previous_end <= token.start < token.end <= len(text)
        assert text[token.start : token.end] == token.text
        previous_end = token.end
    covered = [i for first, last in document.sentence_bounds for i in range(first, last)]
    assert covered == list(range(len(document.tokens)))
    for sentence in annotations.sentences:
        assert_inside(sentence, text, "sentence")
    for entity in annotations.entities:
        assert_inside(entity, text, "entity")
    for quote in annotations.quotes:
        assert_inside(quote, text, "quote")
        assert_inside(quote.speaker, text, "speaker")
        assert_inside(quote.cue, text, "cue")
        assert 0 <= quote.confidence <= 1


def check_features(article: Article, document: Document) -> None:
    found = article_features(article, document)
    for weights in (found.terms, found.names):
        assert all(math.isfinite(weight) for weight in weights.values())
    assert not any(n.lstrip("y").lower() in {"inf", "-inf", "nan"} for n in found.numbers)
    assert all(math.isfinite(float(n.lstrip("y"))) for n in found.numbers)
