"""Fact alignment against hand-labelled gold, in two formats (docs/compare.md).

The inline gold (`"format": "newsprism-facts-gold/2"`, tests/data/facts_gold.json) carries its
articles and marks each fact by exact fragments of their texts, so it measures clause-level
alignment whatever unit the comparison aligns: a predicted pair of units (sentences today)
counts when both overlap the fragments of one gold fact. Besides pairs it scores discrepancies,
omissions (an omission the gold says is reported is a false one), near misses that must not be
aligned, and wire copies, overall and per story.

The older gold (`{"stories": [{"story", "facts": [[[article id, sentence beginning], …]]}]}`)
names sentences of articles read from the inputs (by default the example corpus) and is scored
over sentence pairs as before.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newsprism.compare.align import ALIGN
from newsprism.compare.story import StoryComparison, compare_articles
from newsprism.errors import InputRejected, NotFound, RejectReason
from newsprism.eval.entities import PRF
from newsprism.model.article import Article, ArticleKind
from newsprism.model.spans import Span
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore

INLINE_FORMAT = "newsprism-facts-gold/2"
DISCREPANCY_FIELDS = frozenset({"number", "date", "name"})

Key = tuple[str, int]  # article id, sentence start (the older gold)
Piece = tuple[str, Span]  # article id and a span of its text


@dataclass(frozen=True, slots=True)
class GoldFact:
    id: str
    fragments: tuple[Piece, ...]

    @property
    def article_ids(self) -> frozenset[str]:
        return frozenset(article_id for article_id, _ in self.fragments)


@dataclass(frozen=True, slots=True)
class GoldDiscrepancy:
    fact: str
    field: str  # number | date | name
    values: dict[str, str]  # article id -> the value as that article gives it


@dataclass(frozen=True, slots=True)
class GoldStory:
    name: str
    articles: dict[str, Article]  # gold key -> article
    facts: tuple[GoldFact, ...]
    discrepancies: tuple[GoldDiscrepancy, ...] = ()
    wire: dict[str, str] = field(default_factory=dict)  # copy article id -> agency article id
    omissions: dict[str, frozenset[str]] = field(default_factory=dict)  # outlet -> fact ids
    near_misses: tuple[tuple[Piece, Piece], ...] = ()
    _texts: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Overlaps are checked against the text many times: look it up by article id once.
        object.__setattr__(self, "_texts", {a.id: a.text for a in self.articles.values()})

    def text(self, article_id: str) -> str:
        return self._texts[article_id]

    def family(self, article_id: str) -> str:
        """The agency text an article copies, or the article itself: one voice."""
        return self.wire.get(article_id, article_id)


@dataclass(frozen=True, slots=True)
class PredictedDiscrepancy:
    field: str
    units: tuple[Piece, ...]  # the units that disagree


@dataclass(frozen=True, slots=True)
class Predicted:
    """What a comparison claims, in the terms the scorer reads."""

    facts: tuple[tuple[Piece, ...], ...]
    omissions: dict[str, tuple[int, ...]] = field(default_factory=dict)  # outlet -> fact numbers
    discrepancies: tuple[PredictedDiscrepancy, ...] = ()
    wire: tuple[tuple[str, str], ...] = ()  # (copy article id, agency article id)


def evaluate_facts(
    gold_path: Path, inputs: Sequence[str], threshold: float | None = None
) -> dict[str, object]:
    """Scores of the comparison on the gold file; `inputs` only serve the older format.
    `threshold`: the alignment threshold to try (None: the calibrated `ALIGN`)."""
    threshold = ALIGN if threshold is None else threshold
    record = _load(gold_path)
    inline = any(isinstance(story, dict) and "articles" in story for story in record["stories"])
    if record.get("format") == INLINE_FORMAT or inline:
        return evaluate_inline(gold_path, read_inline_gold(record, str(gold_path)), threshold)
    return _evaluate_sentence_gold(gold_path, record, inputs, threshold)


def _load(path: Path) -> dict[str, Any]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(record, dict) or not isinstance(record["stories"], list):
            raise TypeError("a JSON object with a list of stories")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputRejected(
            RejectReason.BAD_RECORD, str(path), f"not a facts gold file: {error}"
        ) from error
    return record


# --- the inline gold ---------------------------------------------------------------------------


def read_inline_gold(record: Mapping[str, Any], source: str) -> list[GoldStory]:
    """The stories of an inline gold record; a fragment that is not (exactly once) in its
    article's text, or a reference to an unknown article or fact, is named in the error."""
    stories: list[GoldStory] = []
    for story in record["stories"]:
        name = str(story.get("story", "?"))
        try:
            stories.append(_read_story(story))
        except (KeyError, TypeError, ValueError) as error:
            raise InputRejected(
                RejectReason.BAD_RECORD, source, f"story {name!r}: {error}"
            ) from error
    return stories


def _read_story(story: Mapping[str, Any]) -> GoldStory:
    articles = {str(key): _article(value) for key, value in story["articles"].items()}
    ids: dict[str, str] = {}
    for key, article in articles.items():
        if article.id in ids:
            raise ValueError(f"articles {ids[article.id]!r} and {key!r} have the same text")
        ids[article.id] = key

    def piece(key: str, fragment: str) -> Piece:
        if key not in articles:
            raise ValueError(f"no article {key!r}")
        text = articles[key].text
        count = text.count(fragment)
        if count != 1 or not fragment:
            where = "is not" if count == 0 else f"is {count} times"
            raise ValueError(f"{fragment!r} {where} in article {key!r}; quote it exactly once")
        start = text.index(fragment)
        return articles[key].id, Span(start, start + len(fragment))

    facts = []
    for number, fact in enumerate(story["facts"]):
        # A fact is {"id", "fragments": [[key, fragment], …]} or just the list of fragments.
        fragments = fact["fragments"] if isinstance(fact, dict) else fact
        fact_id = str(fact["id"]) if isinstance(fact, dict) else str(number)
        facts.append(GoldFact(fact_id, tuple(piece(str(k), str(f)) for k, f in fragments)))
    known = {fact.id for fact in facts}
    by_key = {key: article.id for key, article in articles.items()}
    discrepancies = tuple(
        _discrepancy(item, known, by_key) for item in story.get("discrepancies", ())
    )
    wire: dict[str, str] = {}
    for family in story.get("wire", ()):
        agency = by_key[str(family["agency"])]
        wire.update({by_key[str(copy)]: agency for copy in family["copies"]})
    outlets = {article.outlet or "" for article in articles.values()}
    omissions: dict[str, frozenset[str]] = {}
    for outlet, fact_ids in story.get("omissions", {}).items():
        unknown = (set(map(str, fact_ids)) - known) | ({str(outlet)} - outlets)
        if unknown:
            raise ValueError(f"omissions of {outlet!r} name unknown {sorted(unknown)}")
        omissions[str(outlet)] = frozenset(map(str, fact_ids))
    near_misses = tuple(
        (piece(str(a[0]), str(a[1])), piece(str(b[0]), str(b[1])))
        for a, b in story.get("near_misses", ())
    )
    return GoldStory(
        str(story["story"]), articles, tuple(facts), discrepancies, wire, omissions, near_misses
    )


def _article(record: Mapping[str, Any]) -> Article:
    published = record.get("published")
    return Article.from_text(
        str(record["text"]),
        outlet=str(record["outlet"]),
        title=record.get("title"),
        language=record.get("language"),
        kind=ArticleKind(record.get("kind", "unknown")),
        published=datetime.fromisoformat(published) if published else None,
    )


def _discrepancy(
    item: Mapping[str, Any], known: set[str], by_key: Mapping[str, str]
) -> GoldDiscrepancy:
    fact, kind = str(item["fact"]), str(item["field"])
    if fact not in known or kind not in DISCREPANCY_FIELDS:
        raise ValueError(f"discrepancy on {fact!r} ({kind!r}): unknown fact or field")
    return GoldDiscrepancy(fact, kind, {by_key[str(k)]: str(v) for k, v in item["values"].items()})


def predicted_of(result: StoryComparison, status: str | None = None) -> Predicted:
    """The comparison in the scorer's terms: fact members are clause units, a discrepancy's
    units are the members that state one of its values. `status`: count only the omissions
    of that status (left-out, not-found); None counts both."""
    comparison = result.comparison
    return Predicted(
        facts=tuple(
            tuple((m.article_id, m.span) for m in fact.members) for fact in comparison.facts
        ),
        omissions={
            outlet: tuple(o.fact for o in found if status is None or o.status.value == status)
            for outlet, found in comparison.omissions.items()
        },
        discrepancies=tuple(
            PredictedDiscrepancy(
                d.field,
                tuple(
                    (fact.members[s.member].article_id, fact.members[s.member].span)
                    for value in d.values
                    for s in value.stated
                ),
            )
            for fact in comparison.facts
            for d in fact.discrepancies
        ),
        wire=tuple((copy.article_id, copy.agency_article_id) for copy in comparison.wire),
    )


def evaluate_inline(
    gold_path: Path, stories: Sequence[GoldStory], threshold: float = ALIGN
) -> dict[str, object]:
    """Compare each gold story's articles now and score the result."""
    totals: Counter[str] = Counter()
    by_story: dict[str, dict[str, Any]] = {}
    failed: dict[str, list[str]] = {}
    for story in stories:
        result = compare_articles(list(story.articles.values()), story.name, threshold=threshold)
        if result.failed:
            failed[story.name] = [str(failure) for failure in result.failed]
        counts = score_story(story, predicted_of(result))
        # "left out" alone: the label a reader may quote, so its false ones matter most.
        left_out = _omission_counts(story, predicted_of(result, "left-out"))
        counts.update({f"left_out_{key}": value for key, value in left_out.items()})
        totals.update(counts)
        by_story[story.name] = figures(counts)
    return {
        "data": str(gold_path),
        "format": INLINE_FORMAT,
        "stories": len(stories),
        "articles": sum(len(story.articles) for story in stories),
        "gold_facts": sum(len(story.facts) for story in stories),
        "threshold": threshold,
        **figures(totals),
        "by_story": by_story,
        "failed": failed,
    }


def score_story(story: GoldStory, predicted: Predicted) -> Counter[str]:
    """The counts behind every figure for one story (they add up over stories)."""
    counts: Counter[str] = Counter()
    pairs = _predicted_pairs(predicted)
    for independent in (False, True):
        prefix = "independent_" if independent else ""
        kept = [p for p in pairs if not independent or _independent(story, p[0][0], p[1][0])]
        counts[prefix + "pairs_predicted"] = len(kept)
        counts[prefix + "pairs_correct"] = sum(
            1 for a, b in kept if any(_covers(story, fact, a, b) for fact in story.facts)
        )
        gold = [
            (fact, first, second)
            for fact in story.facts
            for first, second in itertools.combinations(sorted(fact.article_ids), 2)
            if not independent or _independent(story, first, second)
        ]
        counts[prefix + "pairs_gold"] = len(gold)
        counts[prefix + "pairs_found"] = sum(
            1
            for fact, first, second in gold
            if any({a[0], b[0]} == {first, second} and _covers(story, fact, a, b) for a, b in pairs)
        )
    counts.update(_discrepancy_counts(story, predicted))
    counts.update(_omission_counts(story, predicted))
    counts["near_misses_gold"] = len(story.near_misses)
    counts["near_misses_aligned"] = sum(
        1
        for first, second in story.near_misses
        if any(_hits(story, a, first) and _hits(story, b, second) for a, b in _both_ways(pairs))
    )
    # A copy is right when it is a gold copy and its source is any text of its agency family
    # (a copy of the verbatim reprint is a copy of the agency text).
    right = {
        (copy, source)
        for copy, source in set(predicted.wire)
        if copy in story.wire and story.family(source) == story.wire[copy]
    }
    counts["wire_gold"] = len(story.wire)
    counts["wire_predicted"] = len(set(predicted.wire))
    counts["wire_correct"] = len(right)
    counts["wire_found"] = len({copy for copy, _ in right})
    return counts


def figures(counts: Mapping[str, int]) -> dict[str, Any]:
    """Precision, recall and F1 (and the counts) from `score_story`'s counts."""
    return {
        "pairs": _prf(counts, "pairs"),
        "pairs_independent": _prf(counts, "independent_pairs"),
        "discrepancies": _prf(counts, "discrepancies"),
        "omissions": {
            "predicted": counts["omissions_predicted"],
            "false": counts["omissions_false"],
            "true": counts["omissions_true"],
            "unjudged": counts["omissions_unjudged"],
            "gold": counts["omissions_gold"],
            "gold_found": counts["omissions_found"],
        },
        "omissions_left_out": {
            "predicted": counts["left_out_omissions_predicted"],
            "false": counts["left_out_omissions_false"],
            "true": counts["left_out_omissions_true"],
            "unjudged": counts["left_out_omissions_unjudged"],
        },
        "near_misses": {
            "gold": counts["near_misses_gold"],
            "aligned": counts["near_misses_aligned"],
        },
        "wire": _prf(counts, "wire"),
    }


def _prf(counts: Mapping[str, int], name: str) -> dict[str, float | int]:
    """P counts predicted items that are right, R gold items that were found: with units
    and fragments the two numerators differ (two sentences may cover one gold pair)."""
    predicted, gold = counts[f"{name}_predicted"], counts[f"{name}_gold"]
    correct, found = counts[f"{name}_correct"], counts[f"{name}_found"]
    precision = correct / predicted if predicted else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "gold": gold,
        "predicted": predicted,
        "correct": correct,
        "found": found,
    }


def _predicted_pairs(predicted: Predicted) -> list[tuple[Piece, Piece]]:
    pairs: set[tuple[Piece, Piece]] = set()
    for members in predicted.facts:
        for a, b in itertools.combinations(members, 2):
            if a[0] != b[0]:
                pairs.add((a, b) if (a[0], a[1].start) <= (b[0], b[1].start) else (b, a))
    return sorted(pairs, key=lambda p: (p[0][0], p[0][1].start, p[1][0], p[1][1].start))


def _both_ways(pairs: Iterable[tuple[Piece, Piece]]) -> Iterable[tuple[Piece, Piece]]:
    for a, b in pairs:
        yield a, b
        yield b, a


def _independent(story: GoldStory, first: str, second: str) -> bool:
    return story.family(first) != story.family(second)


def _covers(story: GoldStory, fact: GoldFact, a: Piece, b: Piece) -> bool:
    return _touches(story, fact, a) and _touches(story, fact, b)


def _touches(story: GoldStory, fact: GoldFact, unit: Piece) -> bool:
    return any(_hits(story, unit, fragment) for fragment in fact.fragments)


def _hits(story: GoldStory, unit: Piece, fragment: Piece) -> bool:
    """Same article, and the spans share a letter or digit (not just a comma or a space)."""
    if unit[0] != fragment[0]:
        return False
    start, end = max(unit[1].start, fragment[1].start), min(unit[1].end, fragment[1].end)
    return start < end and any(c.isalnum() for c in story.text(unit[0])[start:end])


def _discrepancy_counts(story: GoldStory, predicted: Predicted) -> Counter[str]:
    """A predicted discrepancy is right when it is of the gold's field and two of its units,
    in articles whose gold values differ, lie on that fact's fragments."""
    facts = {fact.id: fact for fact in story.facts}
    matched_gold: set[int] = set()
    correct = 0
    for guess in predicted.discrepancies:
        hit = False
        for number, gold in enumerate(story.discrepancies):
            fact = facts[gold.fact]
            on_fact = [u for u in guess.units if u[0] in gold.values and _touches(story, fact, u)]
            if guess.field == gold.field and any(
                gold.values[a[0]] != gold.values[b[0]]
                for a, b in itertools.combinations(on_fact, 2)
            ):
                matched_gold.add(number)
                hit = True
        correct += hit
    return Counter(
        discrepancies_predicted=len(predicted.discrepancies),
        discrepancies_correct=correct,
        discrepancies_gold=len(story.discrepancies),
        discrepancies_found=len(matched_gold),
    )


def _omission_counts(story: GoldStory, predicted: Predicted) -> Counter[str]:
    """Each predicted omission is judged by the gold fact its members lie on most: false when
    the outlet reports that fact, true when the gold lists it as the outlet's omission."""
    outlet_of = {article.id: article.outlet or "" for article in story.articles.values()}
    counts: Counter[str] = Counter(omissions_gold=sum(len(v) for v in story.omissions.values()))
    found: set[tuple[str, str]] = set()
    for outlet, numbers in predicted.omissions.items():
        for number in numbers:
            counts["omissions_predicted"] += 1
            fact = _gold_fact_of(story, predicted.facts[number])
            if fact is None:
                counts["omissions_unjudged"] += 1
            elif any(outlet_of.get(article_id) == outlet for article_id in fact.article_ids):
                counts["omissions_false"] += 1
            elif fact.id in story.omissions.get(outlet, frozenset()):
                counts["omissions_true"] += 1
                found.add((outlet, fact.id))
            else:
                counts["omissions_unjudged"] += 1
    counts["omissions_found"] = len(found)
    return counts


def _gold_fact_of(story: GoldStory, members: Sequence[Piece]) -> GoldFact | None:
    best, best_count = None, 0
    for fact in story.facts:
        count = sum(1 for unit in members if _touches(story, fact, unit))
        if count > best_count:
            best, best_count = fact, count
    return best


# --- the older gold: sentences of articles read from the inputs --------------------------------


def _evaluate_sentence_gold(
    gold_path: Path, record: Mapping[str, Any], inputs: Sequence[str], threshold: float
) -> dict[str, object]:
    stories = record["stories"]
    store = MemoryStore()
    ingest(list(inputs), store, IngestOptions(analyse=False, cluster=False))
    correct = predicted_total = gold_total = 0
    per_story: dict[str, dict[str, float | int]] = {}
    for story in stories:
        ids = list(dict.fromkeys(article_id for fact in story["facts"] for article_id, _ in fact))
        try:
            articles = [store.article(article_id) for article_id in ids]
        except NotFound as error:  # the gold names an article the inputs lack
            raise InputRejected(
                RejectReason.BAD_RECORD, str(gold_path), f"story {story['story']!r}: {error}"
            ) from error
        result = compare_articles(articles, story["story"], threshold=threshold)
        starts = {
            item.article.id: [
                (s.start, s.text_of(item.article.text)) for s in item.document.sentences
            ]
            for item in result.articles
        }
        gold_pairs: set[tuple[Key, Key]] = set()
        for fact in story["facts"]:
            keys = [
                _find(starts, article_id, beginning, gold_path) for article_id, beginning in fact
            ]
            gold_pairs.update(_pairs(keys))
        predicted_pairs: set[tuple[Key, Key]] = set()
        for fact in result.comparison.facts:
            predicted_pairs.update(_pairs([(m.article_id, m.sentence.start) for m in fact.members]))
        shared = len(gold_pairs & predicted_pairs)
        correct += shared
        predicted_total += len(predicted_pairs)
        gold_total += len(gold_pairs)
        per_story[story["story"]] = PRF.of(shared, len(gold_pairs), len(predicted_pairs)).as_dict()
    overall = PRF.of(correct, gold_total, predicted_total)
    return {
        "data": str(gold_path),
        "stories": len(stories),
        "threshold": threshold,
        "pairs": overall.as_dict(),
        "by_story": per_story,
    }


def _find(
    starts: dict[str, list[tuple[int, str]]], article_id: str, beginning: str, path: Path
) -> Key:
    for start, text in starts.get(article_id, []):
        if text.startswith(beginning):
            return article_id, start
    raise InputRejected(
        RejectReason.BAD_RECORD,
        str(path),
        f"no sentence of article {article_id} begins with {beginning!r}",
    )


def _pairs(keys: Sequence[Key]) -> set[tuple[Key, Key]]:
    return {(min(a, b), max(a, b)) for a, b in itertools.combinations(keys, 2) if a[0] != b[0]}
