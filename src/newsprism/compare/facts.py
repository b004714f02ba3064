"""Facts: sentences of different articles that report the same thing.

Each sentence becomes a set of weighted keys — content lemmas (with the parts of German
compounds), names (canonical, transliteration-tolerant) and normalised numbers — weighted by how
rare they are within the story. Sentence pairs from different articles are found through an
inverted index over those keys (never all pairs), scored by weighted Dice, and joined greedily
from the most similar pair down, never putting two sentences of one article into one fact.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.analyse.document import Document
from newsprism.cluster.features import compound_parts, name_key, number_value
from newsprism.model.article import Article
from newsprism.model.comparison import Fact, FactSentence
from newsprism.model.spans import Sentence

CONTENT_TAGS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "X"})
_STOP_LEMMAS = frozenset(
    "sein haben werden sagen können müssen sollen wollen geben machen kommen gehen stehen "
    "the be have say".split()
)


@dataclass(frozen=True, slots=True)
class ComparedArticle:
    article: Article
    document: Document


@dataclass(frozen=True, slots=True)
class _Unit:
    article_index: int
    sentence: Sentence
    keys: dict[str, float]  # key -> count


def sentence_keys(document: Document, first: int, last: int) -> dict[str, float]:
    keys: defaultdict[str, float] = defaultdict(float)
    tokens = document.tokens
    lemmas = document.lemmas or [t.text.lower() for t in tokens]
    tags = document.tags or ["X"] * len(tokens)
    for index in range(first, last):
        word = tokens[index].text
        if word[:1].isdigit():
            following = tokens[index + 1].text if index + 1 < last else ""
            value = number_value(word.rstrip("."), following)
            if value:
                keys["#" + value] += 1
            continue
        lemma = lemmas[index].lower()
        if tags[index] not in CONTENT_TAGS or len(lemma) < 3 or lemma in _STOP_LEMMAS:
            continue
        keys[lemma] += 1
        for part in compound_parts(lemma):
            keys[part] += 0.5
    start, end = tokens[first].start, tokens[last - 1].end
    for entity in document.entities:
        if start <= entity.start and entity.end <= end:
            keys[name_key(entity.canonical or entity.text_of(document.text), entity.label)] += 1
    return dict(keys)


def align_facts(articles: Sequence[ComparedArticle], threshold: float = 0.3) -> list[Fact]:
    """Group the sentences of the story's articles into facts, most widely reported first."""
    units: list[_Unit] = []
    for number, item in enumerate(articles):
        document = item.document
        for (first, last), sentence in zip(
            document.sentence_bounds, document.sentences, strict=True
        ):
            keys = sentence_keys(document, first, last)
            if keys:
                units.append(_Unit(number, sentence, keys))
    df: Counter[str] = Counter()
    for unit in units:
        df.update(unit.keys.keys())
    total = len(articles) + 1
    weight = {key: math.log((total + 1) / min(count, total)) + 0.1 for key, count in df.items()}
    index: dict[str, list[int]] = defaultdict(list)
    for number, unit in enumerate(units):
        for key in unit.keys:
            if df[key] <= 3 * total:  # a key in nearly every sentence finds nothing
                index[key].append(number)
    pairs: list[tuple[float, int, int]] = []
    for number, unit in enumerate(units):
        candidates: set[int] = set()
        for key in unit.keys:
            candidates.update(other for other in index.get(key, ()) if other > number)
        for other in candidates:
            if units[other].article_index == unit.article_index:
                continue
            score = _dice(unit.keys, units[other].keys, weight)
            if score >= threshold:
                pairs.append((score, number, other))
    pairs.sort(key=lambda item: (-item[0], item[1], item[2]))
    group = list(range(len(units)))
    members: dict[int, set[int]] = {n: {units[n].article_index} for n in range(len(units))}

    def find(node: int) -> int:
        while group[node] != node:
            group[node] = group[group[node]]
            node = group[node]
        return node

    for _, first, second in pairs:
        a, b = find(first), find(second)
        if a == b or members[a] & members[b]:
            continue  # one article says a thing once per fact
        group[b] = a
        members[a] |= members.pop(b)
    grouped: dict[int, list[int]] = defaultdict(list)
    for number in range(len(units)):
        grouped[find(number)].append(number)
    facts = [
        Fact(
            tuple(
                FactSentence(
                    articles[units[n].article_index].article.id,
                    articles[units[n].article_index].article.outlet or "",
                    units[n].sentence,
                )
                for n in sorted(numbers, key=lambda n: (units[n].article_index, n))
            )
        )
        for numbers in grouped.values()
    ]
    facts.sort(
        key=lambda fact: (
            -len(fact.outlets),
            fact.sentences[0].article_id,
            fact.sentences[0].sentence.start,
        )
    )
    return facts


def _dice(first: dict[str, float], second: dict[str, float], weight: dict[str, float]) -> float:
    shared = sum(min(first[k], second[k]) * weight[k] for k in first.keys() & second.keys())
    size = sum(v * weight[k] for k, v in first.items()) + sum(
        v * weight[k] for k, v in second.items()
    )
    return 2 * shared / size if size else 0.0
