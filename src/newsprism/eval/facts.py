"""Fact alignment against hand-labelled gold: precision, recall and F1 over sentence pairs.

Gold (JSON): {"stories": [{"story": name, "facts": [[[article id, sentence beginning], …], …]}]}
— each fact lists sentences of different articles that report the same thing; facts of one
article are not listed. The articles are read from the given inputs (by default the example
corpus). A pair is two sentences of different articles in one fact; precision counts the
predicted pairs among the story's sentences that gold also pairs, recall the gold pairs found.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from pathlib import Path

from newsprism.compare.story import compare_articles
from newsprism.errors import InputRejected, NotFound, RejectReason
from newsprism.eval.entities import PRF
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore

Key = tuple[str, int]  # article id, sentence start


def evaluate_facts(
    gold_path: Path, inputs: Sequence[str], threshold: float = 0.3
) -> dict[str, object]:
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        stories = gold["stories"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputRejected(
            RejectReason.BAD_RECORD, str(gold_path), f"not a facts gold file: {error}"
        ) from error
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
            predicted_pairs.update(
                _pairs([(s.article_id, s.sentence.start) for s in fact.sentences])
            )
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
