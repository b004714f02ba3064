"""What the story clusterer sees of an article: weighted terms, names, numbers and a time.

Terms are lemmas of content words (title words count more); names are canonical entities keyed
so that they match across languages and spellings; numbers are normalised values ("48.000",
"48 000" and "48000" are one number; "1,3 Millionen" is 1300000). Names and numbers survive
translation, so an English and a German report of one event share them.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import simplemma

from newsprism.analyse.canonical import sound_key
from newsprism.analyse.document import Document
from newsprism.model.article import Article
from newsprism.model.spans import EntityLabel

TITLE_WEIGHT = 3.0
_STOP = frozenset(
    """
    der die das ein eine und oder aber in im am an auf aus bei mit nach von vom zu zum zur für
    über unter vor hinter neben zwischen durch gegen ohne um als wie wenn dass daß ob weil auch
    noch schon nur nicht kein keine sein haben werden können müssen sollen wollen dürfen es er
    sie wir ihr ich man sich dies diese dieser dieses jener jede jeder alle viel mehr sehr so
    dann damit denn doch ja nein hier dort jetzt heute gestern morgen seit bis wo was wer welche
    the a an and or but of in on at to for with from by as is are was were be been has have had
    it its this that these those he she they we you i not no will would said says also more
    sagen sagte erklären erklärte mitteilen teilte neu neue neuen jahr jahre prozent uhr
    """.split()
)
# Nouns and names say what a story is about; "X" is every word of an untagged language.
_CONTENT_TAGS = frozenset({"NOUN", "PROPN", "X"})
_SCALES = {
    "million": 1e6,
    "millionen": 1e6,
    "mio": 1e6,
    "mio.": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "mrd": 1e9,
    "mrd.": 1e9,
    "billion": 1e9,
    "billionen": 1e12,
    "tausend": 1e3,
    "thousand": 1e3,
}
_YEARS = range(1900, 2100)
# Digits and separators only, as the tokenizer writes numbers ("48.000", "1,3", "3.4.2024").
_NUMERAL = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}([.,]\d{3})+")
# Above 15 digits a float no longer holds every digit; no count in the news needs more.
MAX_DIGITS = 15
# Longer than any word simplemma knows for German (86 letters, a Maori place name; the longest
# German one has 67); a longer "word" is no word and has no known part of its length.
LONGEST_WORD = 100


@dataclass(slots=True)
class ArticleFeatures:
    article_id: str
    published: datetime | None
    language: str | None
    terms: dict[str, float] = field(default_factory=dict)  # raw counts, title weighted up
    names: dict[str, float] = field(default_factory=dict)  # entity key -> weight
    name_labels: dict[str, str] = field(default_factory=dict)  # entity key -> a written form
    numbers: frozenset[str] = frozenset()
    title: str = ""
    outlet: str = ""
    embedding: tuple[float, ...] | None = None  # unit length, from an optional Embedder

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready record (the Spark job ships features between its stages this way)."""
        return {
            "article_id": self.article_id,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "terms": self.terms,
            "names": self.names,
            "name_labels": self.name_labels,
            "numbers": sorted(self.numbers),
            "title": self.title,
            "outlet": self.outlet,
            "embedding": list(self.embedding) if self.embedding is not None else None,
        }

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> ArticleFeatures:
        embedding = record.get("embedding")
        return cls(
            article_id=record["article_id"],
            published=datetime.fromisoformat(record["published"]) if record["published"] else None,
            language=record["language"],
            terms=record["terms"],
            names=record["names"],
            name_labels=record["name_labels"],
            numbers=frozenset(record["numbers"]),
            title=record["title"],
            outlet=record["outlet"],
            embedding=tuple(embedding) if embedding is not None else None,
        )


def name_key(canonical: str, label: EntityLabel) -> str:
    """A key that matches one name across spellings and languages: the surname's sound for
    people ("Medwedew" ~ "Medvedev"), the whole name's sound for the rest."""
    words = canonical.split()
    if not words:
        return ""
    if label is EntityLabel.PER:
        return "p:" + sound_key(words[-1])
    return "n:" + sound_key(canonical)


def story_name_keys(canonical: str) -> tuple[tuple[str, float], ...]:
    """The clusterer's keys of a name with their weights, whatever type the entity tagger gave
    it: the last word's sound in full and, for a name of several words, the whole name's at
    half ("Angela Merkel" → n:merkel 1, n:angelamerkel 0.5; "Merkel" → n:merkel 1).

    The type of one name varies between articles and languages (PER here, ORG there; the
    German tagger on English text), and keys that depended on it (a person's surname, the
    whole name of anything else) kept reports of one story apart (SemEval-2022 de-en pairs,
    docs/analysis.md). The last word is what a person is called alone and what survives
    translation; the whole name, at half, tells "Deutsche Bank" from another "Bank". At full
    weight it left names of several words weighing twice and split an example story.
    """
    words = canonical.split()
    if not words:
        return ()
    last = ("n:" + sound_key(words[-1]), 1.0)
    if len(words) == 1:
        return (last,)
    return (last, ("n:" + sound_key(canonical), 0.5))


def number_value(text: str, following: str = "") -> str | None:
    """'48.000' → '48000', '1,3' + 'Millionen' → '1300000', '2035' → 'y2035'; None for one digit.

    None too for what is no quantity: anything but digits and separators, and numerals of more
    than `MAX_DIGITS` digits (ids, codes, garbage; a float would round them or overflow to inf).
    """
    cleaned = text.replace(" ", "").replace("\u202f", "")
    # float() also takes "1e5", "1_000", "nan" and "inf"; a numeral in news text is none of them.
    if not _NUMERAL.fullmatch(cleaned) or sum(c.isdigit() for c in cleaned) > MAX_DIGITS:
        return None
    if _THOUSANDS.fullmatch(cleaned):
        value = float(re.sub(r"[.,]", "", cleaned))
    else:
        try:
            value = (
                float(cleaned.replace(".", "").replace(",", "."))
                if "," in cleaned
                else float(cleaned)
            )
        except ValueError:
            return None
    scale = _SCALES.get(following.lower())
    if scale:
        value *= scale
    if not math.isfinite(value):
        return None  # unreachable within MAX_DIGITS and the largest scale; int() would raise
    if value < 10 and not scale:
        return None  # small counts ("2", "3") say little about which event it is
    if value == int(value) and int(value) in _YEARS and not scale:
        return f"y{int(value)}"
    return f"{value:.6g}"


def article_features(article: Article, document: Document) -> ArticleFeatures:
    terms: defaultdict[str, float] = defaultdict(float)
    tokens = document.tokens
    lemmas = document.lemmas or [t.text.lower() for t in tokens]
    tags = document.tags or ["X"] * len(tokens)
    for token, lemma, tag in zip(tokens, lemmas, tags, strict=True):
        if tag not in _CONTENT_TAGS:
            continue
        term = _term(token.text, lemma)
        if term:
            terms[term] += 1.0
            for part in compound_parts(term):
                terms[part] += 0.5
    if article.title:
        for word in re.findall(r"\w[\w-]*", article.title):
            term = _term(word, word)
            if term:
                terms[term] += TITLE_WEIGHT
    names: defaultdict[str, float] = defaultdict(float)
    labels: dict[str, str] = {}
    for entity in document.entities:
        written = entity.canonical or entity.text_of(document.text)
        for key, weight in story_name_keys(written):
            if key:
                names[key] += weight
                shown = entity.label is not EntityLabel.MISC  # MISC ("Euro"): matched, not shown
                if shown and len(written) > len(labels.get(key, "")):
                    labels[key] = written
    # Capitalised words (names the entity model missed, and in German every noun): the names
    # among them carry over between languages, where idf weights them up.
    starts = {first for first, _ in document.sentence_bounds}
    for index, (token, tag) in enumerate(zip(tokens, tags, strict=True)):
        word = token.text
        if not 3 <= len(word) <= LONGEST_WORD or not word[:1].isupper() or not word.isalpha():
            continue
        proper = tag == "PROPN" or index not in starts
        if proper and word.lower() not in _STOP:
            names["a:" + sound_key(word)] += 0.5
    numbers: set[str] = set()
    for index, token in enumerate(tokens):
        if token.text[:1].isdigit():
            following = tokens[index + 1].text if index + 1 < len(tokens) else ""
            value = number_value(token.text.rstrip("."), following)
            if value:
                numbers.add(value)
    return ArticleFeatures(
        article_id=article.id,
        # An undated article is placed in time by when it was fetched: without a time it
        # would be a candidate for every story of every week, and open stories on its own.
        published=article.published or article.fetched,
        language=article.language,
        terms=dict(terms),
        names=dict(names),
        name_labels=labels,
        numbers=frozenset(numbers),
        title=article.title or "",
        outlet=article.outlet or "",
    )


@functools.lru_cache(maxsize=200_000)
def compound_parts(term: str) -> tuple[str, ...]:
    """Known words a German compound ends or begins with: 'warnstreik' → ('streik', 'warn')...

    Reports say "Warnstreik", "Streik" and "Streikwelle" for one thing; the parts let them meet.
    Only parts simplemma knows as words, and of four letters or more, count. The tail tried is
    the longest first, as before; no part longer than `LONGEST_WORD` is tried, so a word of any
    length costs at most that many short lookups.
    """
    if len(term) < 8 or not term.isalpha():
        return ()
    parts: list[str] = []
    # Tails longer than any dictionary word cannot be known: start where the tail fits.
    for cut in range(max(3, len(term) - LONGEST_WORD), len(term) - 3):
        tail = term[cut:]
        if len(tail) >= 4 and simplemma.is_known(tail.capitalize(), lang="de"):
            parts.append(tail)
            if 4 <= cut <= LONGEST_WORD and simplemma.is_known(term[:cut].capitalize(), lang="de"):
                parts.append(term[:cut])
            break
    return tuple(parts)


def _term(word: str, lemma: str) -> str | None:
    lowered = lemma.lower()
    if not 3 <= len(lowered) <= LONGEST_WORD or not lowered[0].isalpha() or lowered in _STOP:
        return None  # past LONGEST_WORD: a run of letters (base64, a stuck key), not a term
    return lowered
