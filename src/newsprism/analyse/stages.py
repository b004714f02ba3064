"""The stages of the default pipeline. Each is a small callable over a batch of documents."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import simplemma

from newsprism.analyse.canonical import assign_canonical_names
from newsprism.analyse.crf import SequenceTagger, StackedTagger, features_from, read_lexicon
from newsprism.analyse.document import Document, Token
from newsprism.analyse.features import INSTITUTION_HEADS, TokenFeatures
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
def german_lexicon() -> dict[str, Any]:
    """The shipped taggers' lexicon (gazetteer, clusters, name lists), read once per process."""
    return read_lexicon(model_path("taggers-de.lexicon.json"))


@functools.cache
def german_features() -> TokenFeatures:
    """Features shared by the German taggers, with the gazetteer they were trained with."""
    return features_from(german_lexicon())


@dataclass(frozen=True, slots=True)
class EntityLists:
    """Names whose entity type is certain (see train/names.py and models/README.md).

    institutions: lower-cased phrases ("weißen hauses", "europaparlament") → label, found as spans;
    known: lower-cased whole entity texts ("frankreich", "olaf scholz") → their label.
    """

    institutions: Mapping[str, str]
    known: Mapping[str, str]
    longest: int = field(init=False)
    first_words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        phrases = [phrase.split() for phrase in self.institutions]
        object.__setattr__(self, "longest", max(map(len, phrases), default=0))
        object.__setattr__(self, "first_words", frozenset(words[0] for words in phrases if words))


@functools.cache
def entity_lists() -> EntityLists:
    lexicon = german_lexicon()
    return EntityLists(lexicon.get("institutions", {}), lexicon.get("known", {}))


@functools.cache
def entity_tagger() -> StackedTagger:
    """The shipped German NER model with its silver tagger, loaded once per process."""
    return StackedTagger(
        model_path("ner-de.crfsuite"), german_features(), model_path("ner-de-silver.crfsuite")
    )


@functools.cache
def pos_tagger() -> SequenceTagger:
    return SequenceTagger(model_path("pos-de.crfsuite"), german_features())


def _tag_documents(documents: Sequence[Document], tagger: SequenceTagger) -> list[list[str]]:
    """One tag per token of each document; the sentences of all documents are decoded
    together, which is what makes the decoder fast."""
    sentences = [
        [token.text for token in document.tokens[first:last]]
        for document in documents
        for first, last in document.sentence_bounds
    ]
    tagged = iter(tagger.tag_sentences(sentences))
    result: list[list[str]] = []
    for document in documents:
        tags: list[str] = []
        for _ in document.sentence_bounds:
            tags.extend(next(tagged))
        result.append(tags)
    return result


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
        german = [document for document in documents if (document.language or "de") == "de"]
        for document, tags in zip(german, _tag_documents(german, self.tagger), strict=True):
            document.tags = tags
        for document in documents:
            if (document.language or "de") != "de":
                document.tags = ["X"] * len(document.tokens)


class Entities:
    """PER/ORG/LOC/MISC from a CRF trained on GermEval 2014 (see docs/analysis.md)."""

    name: str = "entities"
    needs: tuple[str, ...] = ("tokens", "sentences", "language")
    adds: tuple[str, ...] = ("entities",)

    def __init__(
        self, tagger: StackedTagger | None = None, lists: EntityLists | None = None
    ) -> None:
        self.tagger = tagger or entity_tagger()
        self.lists = lists if lists is not None else entity_lists()

    def __call__(self, documents: Sequence[Document]) -> None:
        tagged = [d for d in documents if (d.language or "de") in _LATIN_SCRIPT]
        for document, tags in zip(tagged, _tag_documents(tagged, self.tagger), strict=True):
            document.ner_tags = tags
            found = _extend_person_names(document, entities_from_tags(document, tags))
            document.entities = refine_entities(document, found, self.lists)
        for document in documents:
            if (document.language or "de") not in _LATIN_SCRIPT:
                document.ner_tags = ["O"] * len(document.tokens)
                document.entities = []


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


# Lower-case words that may begin a name: "von der Leyen", "de Gaulle", "al-Assad".
_NAME_PARTICLES = frozenset(
    "von van de der den del della di da du la le al el bin ibn zu y".split()
)
# English country names that are also first names: a person so named stays a person.
_NOT_ONLY_PLACES = frozenset({"chad", "jordan", "georgia", "jersey", "guernsey"})
# Parties named before a hyphenated institution noun: "Labour-Partei", "Likud-Fraktion".
_PARTIES = frozenset({"labour", "grünen", "linken", "tory", "likud", "fidesz", "syriza"})


def refine_entities(
    document: Document, entities: Sequence[Entity], lists: EntityLists
) -> list[Entity]:
    """What the tagger gets wrong that readers see at once, mended from certain evidence.

    A span that begins with a lower-case word ("epische Brexit-Schlacht") is no name; a compound
    of a common noun before a name ("US-Rivalen China", "SPD-Chef Klingbeil") leaves the noun
    out; a country or a well-known person gets its type; institutions from the list and
    compounds like "US-Küstenwache" or "Labour-Partei" become ORG spans.
    """
    refined: list[Entity] = []
    for entity in entities:
        trimmed = _trim_entity(document, _whole_over_line_end(document, entity), lists)
        if trimmed is not None:
            refined.append(_known_type(document, trimmed, lists))
    return _add_institutions(document, refined, lists)


# "Luft- und Raumfahrt": words that join a truncated compound to the next one.
_COMPOUND_JOINERS = frozenset({"und", "oder", "bzw.", "sowie", "&"})


def _whole_over_line_end(document: Document, entity: Entity) -> Entity:
    """A name is never cut where a line ends in a hyphen ("Zentrum für Luft-⏎und Raumfahrt").

    The span goes on over the word's continuation ("Luft-⏎fahrt", "US-⏎Küstenwache") or over
    "und"/"oder" and the compound that completes it; it starts at a continuation's first part.
    """
    tokens = document.tokens
    first = document.token_at(entity.start)
    last = document.token_at(entity.end - 1)
    while first > 0 and _broken_after(document, first - 1) and not tokens[first].text[:1].isupper():
        first -= 1
    while last + 1 < len(tokens) and tokens[last].text[-1:] in "-‐":
        following = tokens[last + 1]
        if not following.text[:1].isalpha() or following.line_start:
            break
        if following.text.lower() in _COMPOUND_JOINERS:
            if last + 2 >= len(tokens) or not tokens[last + 2].text[:1].isupper():
                break
            last += 1
        last += 1
    if (tokens[first].start, tokens[last].end) == (entity.start, entity.end):
        return entity
    return Entity(tokens[first].start, tokens[last].end, entity.label)


def _broken_after(document: Document, index: int) -> bool:
    """The token ends a line with a word's hyphen and the text goes on ("Luft-⏎fahrt")."""
    tokens = document.tokens
    gap = document.text[tokens[index].end : tokens[index + 1].start]
    return tokens[index].text[-1:] in "-‐" and "\n" in gap and not tokens[index + 1].line_start


def _trim_entity(document: Document, entity: Entity, lists: EntityLists) -> Entity | None:
    tokens = document.tokens
    first = document.token_at(entity.start)
    last = document.token_at(entity.end - 1)
    word = tokens[first].text
    if word.isalpha() and word.islower() and word not in _NAME_PARTICLES:
        return None
    prefix, _, head = word.rpartition("-")
    if (
        first < last
        and (prefix.isupper() or prefix.lower() in lists.known)  # "US-", "SPD-"; not "Jan-Erik"
        and head[:1].isupper()
        and head.isalpha()
        and not head.lower().endswith(INSTITUTION_HEADS)
        and tokens[first + 1].text[:1].isupper()
        and simplemma.is_known(head, lang="de")
    ):
        return Entity(tokens[first + 1].start, entity.end, entity.label)
    return entity


def _known_type(document: Document, entity: Entity, lists: EntityLists) -> Entity:
    key = " ".join(entity.text_of(document.text).split()).lower()
    label = lists.known.get(key)
    if label is None and key.endswith("s"):
        label = lists.known.get(key[:-1])  # "Frankreichs", "Merkels"
    if label is None or label == entity.label or key in _NOT_ONLY_PLACES:
        return entity
    return Entity(entity.start, entity.end, EntityLabel(label))


def _institution_at(tokens: Sequence[Token], index: int, lists: EntityLists) -> int:
    """How many tokens from `index` name an institution (0: none)."""
    word = tokens[index].text
    if not word[:1].isupper():
        return 0
    lower = word.lower()
    if lower in lists.first_words:
        for size in range(min(lists.longest, len(tokens) - index), 0, -1):
            phrase = " ".join(t.text.lower() for t in tokens[index : index + size])
            if phrase in lists.institutions and (len(phrase) > 3 or word.isupper()):
                return size
    prefix, hyphen, head = word.rpartition("-")
    if (
        hyphen
        and head[:1].isupper()
        and head.lower().endswith(INSTITUTION_HEADS)
        and (prefix.isupper() or prefix.lower() in lists.known or prefix.lower() in _PARTIES)
    ):
        return 1  # "US-Küstenwache", "EU-Kommission", "Labour-Partei", "SPD-Fraktion"
    return 0


def _add_institutions(
    document: Document, entities: list[Entity], lists: EntityLists
) -> list[Entity]:
    tokens = document.tokens
    found: list[Entity] = []
    index = 0
    while index < len(tokens):
        size = _institution_at(tokens, index, lists)
        if size and document.sentence_of(index) == document.sentence_of(index + size - 1):
            found.append(Entity(tokens[index].start, tokens[index + size - 1].end, EntityLabel.ORG))
            index += size
        else:
            index += 1
    if not found:
        return entities
    kept = [
        e
        for e in entities
        if not any(e.start < f.end and f.start < e.end and not _contains(e, f) for f in found)
    ]
    covered = [f for f in found if not any(_contains(e, f) for e in kept)]
    return sorted([*kept, *covered], key=lambda e: (e.start, e.end))


def _contains(outer: Entity, inner: Entity) -> bool:
    """'Deutsche Bank AG' holds 'Deutsche Bank' (kept as tagged); the same span is not held."""
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (outer.start, outer.end)
        != (
            inner.start,
            inner.end,
        )
    )


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
