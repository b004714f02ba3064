"""The stages of the default pipeline. Each is a small callable over a batch of documents."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pycrfsuite
import simplemma

from newsprism.analyse.canonical import assign_canonical_names
from newsprism.analyse.crf import SequenceTagger, load_features
from newsprism.analyse.document import Document
from newsprism.analyse.features import TokenFeatures
from newsprism.analyse.quotes import find_quotes
from newsprism.analyse.roles import is_role
from newsprism.analyse.sentences import split_sentences
from newsprism.analyse.tokenize import tokenize
from newsprism.model.spans import Entity, EntityLabel

# Languages whose words simplemma lemmatises; others keep the lower-cased word as lemma.
_LEMMA_LANGUAGES = frozenset(
    "bg ca cs cy da de el en enm es et fa fi fr ga gd gl gv hbs hi hu hy id is it ka la lb lt lv "
    "mk ms nb nl nn pl pt ro ru se sk sl sq sv sw tl tr uk".split()
)
# Latin-script languages where the German entity model still finds most names (capitalised).
_LATIN_SCRIPT = frozenset(
    "de en fr es it nl pt da sv nb nn pl cs sk sl hr ro hu fi et lv lt".split()
)


def model_path(name: str) -> Path:
    return Path(str(resources.files("newsprism.analyse") / "models" / name))


@functools.cache
def german_features() -> TokenFeatures:
    """Features shared by the German taggers, with the gazetteer they were trained with."""
    return load_features(model_path("taggers-de.lexicon.json"))


@functools.cache
def entity_tagger() -> SequenceTagger:
    """The shipped German NER model, loaded once per process."""
    return SequenceTagger(model_path("ner-de.crfsuite"), german_features())


@functools.cache
def pos_tagger() -> SequenceTagger:
    return SequenceTagger(model_path("pos-de.crfsuite"), german_features())


def _tag_sentences(document: Document, tagger: SequenceTagger) -> list[str]:
    """One tag per token, sentence by sentence, from the features shared by the taggers."""
    tags: list[str] = []
    for items in _sentence_items(document, tagger):
        tags.extend(tagger.tag_items(items))
    return tags


def _sentence_items(document: Document, tagger: SequenceTagger) -> list[pycrfsuite.ItemSequence]:
    """Packed features per sentence, computed once and kept for the next tagger."""
    if document.items is None or len(document.items) != len(document.sentence_bounds):
        document.items = [
            tagger.items([t.text for t in document.tokens[first:last]])
            for first, last in document.sentence_bounds
        ]
    return document.items


class Tokens:
    name: str = "tokens"
    needs: tuple[str, ...] = ("text",)
    adds: tuple[str, ...] = ("tokens",)

    def __call__(self, documents: Sequence[Document]) -> None:
        for document in documents:
            document.tokens = tokenize(document.text)


class Sentences:
    name: str = "sentences"
    needs: tuple[str, ...] = ("tokens",)
    adds: tuple[str, ...] = ("sentences",)

    def __call__(self, documents: Sequence[Document]) -> None:
        for document in documents:
            document.sentence_bounds = split_sentences(document.tokens)


class Lemmas:
    name: str = "lemmas"
    needs: tuple[str, ...] = ("tokens", "language")
    adds: tuple[str, ...] = ("lemmas",)

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], str] = {}

    def __call__(self, documents: Sequence[Document]) -> None:
        cache = self._cache
        for document in documents:
            language = document.language or "de"
            lemmas: list[str] = []
            for token in document.tokens:
                key = (token.text, language)
                lemma = cache.get(key)
                if lemma is None:
                    if language in _LEMMA_LANGUAGES and token.text[:1].isalpha():
                        lemma = simplemma.lemmatize(token.text, lang=language)
                    else:
                        lemma = token.text.lower()
                    if len(cache) > 100_000:
                        cache.clear()
                    cache[key] = lemma
                lemmas.append(lemma)
            document.lemmas = lemmas


class PartsOfSpeech:
    """Universal POS tags for German from a CRF trained on UD German-GSD; 'X' elsewhere."""

    name: str = "pos"
    needs: tuple[str, ...] = ("tokens", "sentences", "language")
    adds: tuple[str, ...] = ("tags",)

    def __init__(self, tagger: SequenceTagger | None = None) -> None:
        self.tagger = tagger or pos_tagger()

    def __call__(self, documents: Sequence[Document]) -> None:
        for document in documents:
            if (document.language or "de") != "de":
                document.tags = ["X"] * len(document.tokens)
                continue
            document.tags = _tag_sentences(document, self.tagger)


class Entities:
    """PER/ORG/LOC/MISC from a CRF trained on GermEval 2014 (see docs/analysis.md)."""

    name: str = "entities"
    needs: tuple[str, ...] = ("tokens", "sentences", "language")
    adds: tuple[str, ...] = ("entities",)

    def __init__(self, tagger: SequenceTagger | None = None) -> None:
        self.tagger = tagger or entity_tagger()

    def __call__(self, documents: Sequence[Document]) -> None:
        for document in documents:
            if (document.language or "de") not in _LATIN_SCRIPT:
                document.ner_tags = ["O"] * len(document.tokens)
                document.entities = []
                continue
            tags = _tag_sentences(document, self.tagger)
            document.ner_tags = tags
            document.items = None  # packed features are large; the taggers are done
            document.entities = _extend_person_names(document, entities_from_tags(document, tags))


def entities_from_tags(document: Document, tags: Sequence[str]) -> list[Entity]:
    """BIO tags → entity spans, never crossing a sentence boundary."""
    entities: list[Entity] = []
    tokens = document.tokens
    for first, last in document.sentence_bounds:
        start = -1
        label = ""
        for index in range(first, last + 1):
            tag = tags[index] if index < last else "O"
            prefix, _, kind = tag.partition("-")
            continues = prefix == "I" and kind == label and start >= 0
            if start >= 0 and not continues:
                entities.append(
                    Entity(tokens[start].start, tokens[index - 1].end, EntityLabel(label))
                )
                start, label = -1, ""
            if prefix in {"B", "I"} and not continues and kind in EntityLabel.__members__:
                start, label = index, kind
    return entities


def _extend_person_names(document: Document, entities: list[Entity]) -> list[Entity]:
    """'Jonas Kern': a surname that is also a common noun ("Kern") is often left out of the name.

    A one-word person followed by one capitalised word and then a lower-case word or punctuation
    takes that word in.
    """
    tokens = document.tokens
    extended: list[Entity] = []
    starts = {e.start for e in entities}
    surnames = {
        e.text_of(document.text).split()[-1]
        for e in entities
        if e.label is EntityLabel.PER and " " in e.text_of(document.text)
    }
    for entity in entities:
        index = document.token_at(entity.start)
        following = index + 1
        if (
            entity.label is EntityLabel.PER
            and document.token_at(entity.end - 1) == index
            and tokens[index].text not in surnames  # "Wagner lobte": a surname, not a first name
            and tokens[index].text[:-1] not in surnames  # "Wagners Besuch": a genitive
            and following + 1 < len(tokens)
            and tokens[following].start not in starts
            and not tokens[following].line_start
            and tokens[following].text[:1].isupper()
            and tokens[following].text.replace("-", "").isalpha()
            and not is_role(tokens[following].text)
            and not tokens[following + 1].text[:1].isupper()
            and document.sentence_of(following) == document.sentence_of(index)
        ):
            entity = Entity(entity.start, tokens[following].end, entity.label)
        extended.append(entity)
    return extended


class CanonicalNames:
    name: str = "canonical"
    needs: tuple[str, ...] = ("entities", "lemmas")
    adds: tuple[str, ...] = ("canonical",)

    def __call__(self, documents: Sequence[Document]) -> None:
        for document in documents:
            assign_canonical_names(document)


class Quotes:
    name: str = "quotes"
    needs: tuple[str, ...] = ("sentences", "lemmas", "tags", "entities", "canonical")
    adds: tuple[str, ...] = ("quotes",)

    def __call__(self, documents: Sequence[Document]) -> None:
        for document in documents:
            document.quotes = find_quotes(document)


def default_stages() -> tuple[
    Tokens, Sentences, Lemmas, PartsOfSpeech, Entities, CanonicalNames, Quotes
]:
    return (
        Tokens(),
        Sentences(),
        Lemmas(),
        PartsOfSpeech(),
        Entities(),
        CanonicalNames(),
        Quotes(),
    )
