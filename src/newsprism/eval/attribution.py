"""Quotes and their speakers against our own gold of hard cases (tests/data/quotes_gold.json).

The gold names what was said as an exact substring of the text, who said it as a reader would
name them, and the kind; and text that no quote may cover (a commentary's own opinion, a
relative clause, a media name in quotation marks, a subheading, an interviewer's question).

A found quote matches a gold quote when their character spans overlap by a Dice of at least
`MATCH` (each gold quote and each found quote in at most one pair, best overlaps first). Quote
precision and recall count pairs; the speaker is right when the found speaker's name, without
case, equals the gold name or ends with it ("Landrat Markus Breitner" for "Markus Breitner");
joint precision and recall count pairs with the right speaker. A found quote that overlaps a
`not_quotes` text is a false quote, listed by name.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.analyse.pipeline import Pipeline, default_pipeline
from newsprism.errors import InputRejected, RejectReason
from newsprism.eval.entities import PRF
from newsprism.model.spans import Quote

MATCH = 0.5


@dataclass(frozen=True, slots=True)
class GoldSaid:
    start: int
    end: int
    speaker: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class AttributionDocument:
    id: str
    language: str
    text: str
    quotes: tuple[GoldSaid, ...]
    not_quotes: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class AttributionScores:
    documents: int = 0
    gold: int = 0
    found: int = 0
    paired: int = 0
    right_speaker: int = 0
    right_kind: int = 0
    false_quotes: list[str] = field(default_factory=list)  # "document: text"
    wrong_speakers: list[str] = field(default_factory=list)  # "document: gold → found"
    missed: list[str] = field(default_factory=list)

    @property
    def quote(self) -> PRF:
        return PRF.of(self.paired, self.gold, self.found)

    @property
    def joint(self) -> PRF:
        return PRF.of(self.right_speaker, self.gold, self.found)

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "quote": self.quote.as_dict(),
            "joint": self.joint.as_dict(),
            "kind_accuracy": round(self.right_kind / self.paired, 3) if self.paired else 0.0,
            "false_quotes": self.false_quotes,
            "wrong_speakers": self.wrong_speakers,
            "missed": self.missed,
        }


def read_attribution_gold(path: Path) -> list[AttributionDocument]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return [_document(item) for item in record["documents"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputRejected(
            RejectReason.BAD_RECORD, str(path), f"not a quotes gold file: {error}"
        ) from error


def _document(item: dict[str, object]) -> AttributionDocument:
    text = str(item["text"])
    quotes = []
    for said in item["quotes"]:  # type: ignore[attr-defined]
        start = _find(text, str(said["text"]), str(item["id"]))
        quotes.append(
            GoldSaid(start, start + len(str(said["text"])), said.get("speaker"), str(said["kind"]))
        )
    not_quotes = tuple(
        (start, start + len(str(part)))
        for part in item.get("not_quotes", ())  # type: ignore[attr-defined]
        for start in [_find(text, str(part), str(item["id"]))]
    )
    return AttributionDocument(
        str(item["id"]), str(item.get("language", "de")), text, tuple(quotes), not_quotes
    )


def _find(text: str, part: str, document: str) -> int:
    start = text.find(part)
    if start < 0:
        raise ValueError(f"{document}: {part[:40]!r} is not in the text")
    return start


def score_attribution(
    documents: Sequence[AttributionDocument], pipeline: Pipeline | None = None
) -> AttributionScores:
    pipeline = pipeline or default_pipeline()
    scores = AttributionScores()
    for document in documents:
        found = pipeline.analyse(document.text, document.language).quotes
        _score_document(document, found, scores)
    return scores


def _score_document(
    document: AttributionDocument, found: Sequence[Quote], scores: AttributionScores
) -> None:
    text = document.text
    scores.documents += 1
    pairs = sorted(
        (
            (_dice(gold.start, gold.end, quote.start, quote.end), g, f)
            for g, gold in enumerate(document.quotes)
            for f, quote in enumerate(found)
        ),
        reverse=True,
    )
    paired_gold: set[int] = set()
    paired_found: set[int] = set()
    for overlap, g, f in pairs:
        if overlap < MATCH or g in paired_gold or f in paired_found:
            continue
        paired_gold.add(g)
        paired_found.add(f)
        gold, quote = document.quotes[g], found[f]
        said = quote.speaker.canonical if quote.speaker else None
        scores.right_kind += quote.kind.value == gold.kind
        if _same_speaker(gold.speaker, said):
            scores.right_speaker += 1
        else:
            scores.wrong_speakers.append(f"{document.id}: {gold.speaker} → {said}")
    scores.gold += len(document.quotes)
    scores.found += len(found)
    scores.paired += len(paired_gold)
    for g, gold in enumerate(document.quotes):
        if g not in paired_gold:
            scores.missed.append(f"{document.id}: {text[gold.start : gold.end][:60]}")
    for quote in found:
        if any(quote.start < end and start < quote.end for start, end in document.not_quotes):
            scores.false_quotes.append(f"{document.id}: {text[quote.start : quote.end][:60]}")


def _dice(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    shared = max(0, min(a_end, b_end) - max(a_start, b_start))
    return 2 * shared / ((a_end - a_start) + (b_end - b_start))


def _same_speaker(gold: str | None, found: str | None) -> bool:
    if gold is None or found is None:
        return gold is found
    gold_l, found_l = gold.lower(), found.lower()
    return found_l == gold_l or found_l.endswith(" " + gold_l)
