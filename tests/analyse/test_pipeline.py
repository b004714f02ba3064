from __future__ import annotations

from collections.abc import Sequence

import pytest

from newsprism.analyse import Document, Pipeline, analyse_articles, default_pipeline
from newsprism.analyse.stages import Lemmas, Sentences, Tokens
from newsprism.errors import ConfigError
from newsprism.model.article import Article


class Needy:
    name = "needy"
    needs = ("entities",)
    adds = ("opinions",)

    def __call__(self, documents: Sequence[Document]) -> None:
        pass


def test_a_stage_that_needs_what_no_earlier_stage_adds_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"needy.*entities"):
        Pipeline((Tokens(), Sentences(), Needy()))


def test_stages_declare_what_they_add_and_the_default_order_is_valid() -> None:
    pipeline = default_pipeline()
    assert pipeline.names == [
        "tokens",
        "sentences",
        "lemmas",
        "pos",
        "entities",
        "canonical",
        "quotes",
    ]
    assert default_pipeline() is pipeline  # models load once per process


def test_german_lemmas_and_parts_of_speech() -> None:
    document = default_pipeline().analyse("Die Ministerinnen sagten, die Häuser seien alt.", "de")
    assert document.lemmas[:3] == ["der", "Ministerin", "sagen"]
    assert "VERB" in document.tags or "AUX" in document.tags
    assert len(document.tags) == len(document.tokens)


def test_other_languages_get_sentences_tokens_and_lemmas() -> None:
    pipeline = Pipeline((Tokens(), Sentences(), Lemmas()))
    english = pipeline.analyse("The ministers met on Monday. They said nothing.", "en")
    assert len(english.sentences) == 2
    assert english.lemmas[1] == "minister"
    greek = default_pipeline().analyse("Ο υπουργός μίλησε. Είπε ότι θα έρθει.", "el")
    assert len(greek.sentences) == 2
    assert greek.entities == []


def test_analyse_articles_returns_annotations_per_article() -> None:
    articles = [
        Article.from_text("„Wir bleiben“, sagte Anna Wagner in Berlin.", outlet="a.de"),
        Article.from_text("Kein Zitat hier, nur ein Satz.", outlet="b.de"),
    ]
    results = analyse_articles(articles)
    assert [annotations.article_id for _, annotations in results] == [a.id for a in articles]
    first = results[0][1]
    assert len(first.quotes) == 1 and first.quotes[0].speaker is not None
    assert first.analysed_with[-1] == "quotes"
    assert results[1][1].quotes == ()
