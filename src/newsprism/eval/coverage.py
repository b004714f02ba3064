"""Shared facts against human judgement: SemEval-2022 Task 8 pairs (`newsprism eval coverage`).

Each pair's two texts are compared as a story of two outlets (`compare_articles`), and the
pair's **share** is what the comparison says both report:

    share = facts with members in both articles / all facts of the comparison

All facts count in the denominator, the single-voice ones (a fact only one of the two articles
states) included; every unit that states something (claim, quote, reported speech) is in
exactly one fact, so this is the Jaccard overlap of the two articles' facts. A comparison with
no fact at all has share 0 (counted under `no_facts`). Pearson's r is taken against the
negated `Narrative` and `Overall` columns (1 = very similar, 4 = very different on the
SemEval scale; negated so that higher is better, as `eval pairs` does with Overall).

Besides it, `overlap` is the overlap coefficient of the same comparison: facts in both /
facts of the article with fewer facts (a short text that the long one covers scores high).

A row that cannot be scored — a score that is not a number, an empty text — and a pair whose
comparison fails (`StageFailed`, or one of its articles left out) are counted under `failed`
with a reason, and the rest go on.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.analyse.encoder import TextEncoder, default_encoder
from newsprism.compare.story import compare_articles
from newsprism.errors import ConfigError, InputRejected, RejectReason, StageFailed
from newsprism.eval.clustering import pearson
from newsprism.model.article import Article
from newsprism.model.comparison import Comparison

COLUMNS = frozenset({"pair_id", "lang1", "lang2", "text1", "text2", "Narrative", "Overall"})
OUTLETS = ("first.example", "second.example")
SAME_STORY, DIFFERENT = 1.5, 3.5  # Overall at or below / at or above (as `eval pairs`)
EXAMPLES = 10  # failures listed by name


@dataclass(frozen=True, slots=True)
class CoveragePair:
    """One row of the CSV: its two texts and gold scores, or why it cannot be scored."""

    pair_id: str
    languages: str  # the language pair it is counted under, e.g. "de-en"
    line: int
    first: tuple[str, str] = ("", "")  # language, text
    second: tuple[str, str] = ("", "")
    narrative: float = 0.0
    overall: float = 0.0
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Shared:
    facts: int
    both: int
    first: int  # facts with a member in the first article
    second: int

    @property
    def share(self) -> float:
        return self.both / self.facts if self.facts else 0.0

    @property
    def overlap(self) -> float:
        fewer = min(self.first, self.second)
        return self.both / fewer if fewer else 0.0


@dataclass(slots=True)
class LanguageScores:
    pairs: int = 0
    failed: int = 0
    no_facts: int = 0
    shares: list[float] = field(default_factory=list)
    overlaps: list[float] = field(default_factory=list)
    narrative: list[float] = field(default_factory=list)  # negated
    overall: list[float] = field(default_factory=list)  # negated

    def add(self, pair: CoveragePair, shared: Shared) -> None:
        self.shares.append(shared.share)
        self.overlaps.append(shared.overlap)
        self.narrative.append(-pair.narrative)
        self.overall.append(-pair.overall)
        self.no_facts += shared.facts == 0

    def as_dict(self) -> dict[str, object]:
        same = [s for s, o in zip(self.shares, self.overall, strict=True) if -o <= SAME_STORY]
        different = [s for s, o in zip(self.shares, self.overall, strict=True) if -o >= DIFFERENT]
        return {
            "pairs": self.pairs,
            "scored": len(self.shares),
            "failed": self.failed,
            "no_facts": self.no_facts,
            "pearson_narrative": round(pearson(self.shares, self.narrative), 4),
            "pearson_overall": round(pearson(self.shares, self.overall), 4),
            "mean_share": _mean(self.shares),
            "mean_share_same_story": _mean(same),
            "mean_share_different": _mean(different),
            "same_story_pairs": len(same),
            "different_pairs": len(different),
            "overlap": {
                "pearson_narrative": round(pearson(self.overlaps, self.narrative), 4),
                "pearson_overall": round(pearson(self.overlaps, self.overall), 4),
                "mean": _mean(self.overlaps),
            },
        }


def _mean(values: Sequence[float]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None


def read_coverage_pairs(
    path: Path,
    languages: Sequence[tuple[str, str]] | None = None,
    seen: Counter[str] | None = None,
) -> Iterator[CoveragePair]:
    """The rows of the chosen language pairs (all when None), in file order. A row whose
    scores or texts are unusable comes with `problem` set; a file without the needed columns
    is rejected whole. `seen` counts the rows of every language pair, chosen or not."""
    csv.field_size_limit(sys.maxsize)
    wanted = {tuple(sorted(pair)): "-".join(pair) for pair in languages} if languages else None
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise InputRejected(RejectReason.NOT_FOUND, str(path), str(error)) from error
    with handle:
        reader = csv.DictReader(handle)
        missing = COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise InputRejected(
                RejectReason.BAD_RECORD, str(path), f"columns missing: {', '.join(sorted(missing))}"
            )
        for number, row in enumerate(reader, start=2):
            combo = tuple(sorted((row["lang1"] or "", row["lang2"] or "")))
            if seen is not None:
                seen["-".join(combo)] += 1
            if wanted is not None and combo not in wanted:
                continue
            name = wanted[combo] if wanted is not None else "-".join(combo)
            yield _pair(row, name, number)


def _pair(row: dict[str, str | None], languages: str, line: int) -> CoveragePair:
    pair_id = row["pair_id"] or f"line {line}"
    scores: list[float] = []
    for column in ("Narrative", "Overall"):
        try:
            scores.append(float(row[column] or ""))
        except ValueError:
            return CoveragePair(
                pair_id, languages, line, problem=f"{column} is not a number: {row[column]!r}"
            )
    for column in ("text1", "text2"):
        if not (row[column] or "").strip():
            return CoveragePair(pair_id, languages, line, problem=f"{column} is empty")
    return CoveragePair(
        pair_id,
        languages,
        line,
        first=(row["lang1"] or "", row["text1"] or ""),
        second=(row["lang2"] or "", row["text2"] or ""),
        narrative=scores[0],
        overall=scores[1],
    )


def shared_facts(comparison: Comparison, outlets: Sequence[str] = OUTLETS) -> Shared:
    """How many of the comparison's facts each article, and both, report (by outlet: two
    identical texts are one article id but two outlets)."""
    first, second = outlets
    return Shared(
        facts=len(comparison.facts),
        both=sum(1 for f in comparison.facts if {first, second} <= f.outlets),
        first=sum(1 for f in comparison.facts if first in f.outlets),
        second=sum(1 for f in comparison.facts if second in f.outlets),
    )


def compare_pair(pair: CoveragePair, encoder: TextEncoder | None = None) -> Shared:
    """The pair's two texts compared as a story of two outlets; `StageFailed` when that fails
    or leaves an article out."""
    articles = [
        Article.from_text(text, outlet=outlet, language=language or None)
        for outlet, (language, text) in zip(OUTLETS, (pair.first, pair.second), strict=True)
    ]
    result = compare_articles(articles, story_id=pair.pair_id, encoder=encoder)
    if result.failed:  # one article left out: nothing to compare it with
        raise result.failed[0]
    return shared_facts(result.comparison)


def evaluate_coverage(
    path: Path,
    languages: Sequence[tuple[str, str]] | None = None,
    encoder: TextEncoder | None = None,
) -> dict[str, object]:
    """Share of facts both articles report, per language pair, against the gold (see the
    module's doc). encoder: the sentence encoder for every pair (default: the process's one,
    loaded once)."""
    chosen = encoder or default_encoder()
    scores: dict[str, LanguageScores] = {}
    failures: list[str] = []
    seen: Counter[str] = Counter()
    started = time.perf_counter()
    for pair in read_coverage_pairs(path, languages, seen):
        block = scores.setdefault(pair.languages, LanguageScores())
        block.pairs += 1
        problem = pair.problem
        if problem is None:
            try:
                block.add(pair, compare_pair(pair, chosen))
            except StageFailed as error:  # counted; the evaluation goes on
                problem = f"stage {error.stage!r}: {error.reason}"
        if problem is not None:
            block.failed += 1
            if len(failures) < EXAMPLES:
                failures.append(f"{pair.pair_id} (line {pair.line}): {problem}")
    if not scores:
        asked = ", ".join("-".join(pair) for pair in languages or ())
        available = ", ".join(f"{combo} ({count})" for combo, count in seen.most_common())
        raise ConfigError(
            f"{path} has no pairs in {asked or 'any language'}; it has {available or 'none'}"
        )
    seconds = time.perf_counter() - started
    order = ["-".join(pair) for pair in languages] if languages else sorted(scores)
    return {
        "data": str(path),
        "languages": [name for name in order if name in scores],
        "share": "facts reported by both articles / all facts of the pair's comparison",
        "pairs": sum(block.pairs for block in scores.values()),
        "failed": sum(block.failed for block in scores.values()),
        "by_language": {name: scores[name].as_dict() for name in order if name in scores},
        "failures": failures,
        "seconds": round(seconds, 2),
    }
