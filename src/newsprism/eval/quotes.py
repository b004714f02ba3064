"""Quotation scoring on WIKINEWS quotation JSON (SpkAtt-2023 task 2), token-overlap style.

Reading: each file holds `originalText`, `tokens` (character offsets) and `annotations`, each with
`quote`, `speaker` and `cue` as lists of token ids. Scoring, per document:

1. Predicted quotes, speakers and cues are turned into sets of gold token ids by character
   overlap (a token counts when any of its characters is covered).
2. Predicted and gold quotes are paired one-to-one by the assignment that maximises the summed
   token overlap of the quote spans (Hungarian algorithm); pairs without overlap are not pairs.
3. For each role (quote, speaker, cue) the overlapping tokens of paired quotes are counted;
   precision divides by all predicted tokens of that role, recall by all gold tokens of it.
   Joint counts (role, token) pairs over the three roles together.

The subsets report the same figures over gold quotes whose speaker is a pronoun, or lies outside
the quote's sentences; there only predicted quotes paired with a gold quote of the subset count.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from newsprism.analyse.pipeline import Pipeline, default_pipeline
from newsprism.errors import InputRejected, RejectReason
from newsprism.eval.entities import PRF
from newsprism.model.spans import Quote

ROLES = ("quote", "speaker", "cue")
_PRONOUNS = frozenset(
    [
        "er",
        "sie",
        "es",
        "ich",
        "wir",
        "ihr",
        "du",
        "man",
        "ihm",
        "ihn",
        "ihnen",
        "uns",
        "mir",
        "mich",
        "dieser",
        "diese",
        "jener",
        "jene",
    ]
)


@dataclass(frozen=True, slots=True)
class GoldQuote:
    roles: dict[str, frozenset[int]]
    kind: str


@dataclass(slots=True)
class QuoteDocument:
    name: str
    text: str
    token_offsets: list[tuple[int, int]]
    token_sentences: list[int]
    quotes: list[GoldQuote] = field(default_factory=list)

    def tokens_in(self, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
        """Gold token ids overlapping any of the character spans."""
        found: set[int] = set()
        offsets = self.token_offsets
        starts = [start for start, _ in offsets]
        for start, end in spans:
            if end <= start:
                continue
            index = int(np.searchsorted(starts, start, side="right")) - 1
            index = max(index, 0)
            while index < len(offsets) and offsets[index][0] < end:
                if offsets[index][1] > start:
                    found.add(index)
                index += 1
        return frozenset(found)

    def speaker_is_pronoun(self, quote: GoldQuote) -> bool:
        speaker = quote.roles["speaker"]
        if len(speaker) != 1:
            return False
        (token,) = speaker
        start, end = self.token_offsets[token]
        return self.text[start:end].lower() in _PRONOUNS

    def speaker_outside(self, quote: GoldQuote) -> bool:
        speaker = quote.roles["speaker"]
        if not speaker or not quote.roles["quote"]:
            return False
        sentences = {self.token_sentences[t] for t in quote.roles["quote"]}
        return not any(self.token_sentences[t] in sentences for t in speaker)


def read_quote_document(path: Path) -> QuoteDocument:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        tokens = record["tokens"]
        document = QuoteDocument(
            name=path.name,
            text=record["originalText"],
            token_offsets=[(t["charBegin"], t["charEnd"]) for t in tokens],
            token_sentences=[t.get("sentence", 0) for t in tokens],
        )
        for annotation in record["annotations"]:
            roles = {role: frozenset(annotation[role]["tokenIds"]) for role in ROLES}
            document.quotes.append(GoldQuote(roles, annotation.get("type", "")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputRejected(
            RejectReason.BAD_RECORD, str(path), f"not a WIKINEWS quotation file: {error}"
        ) from error
    return document


def read_quote_folder(folder: Path) -> Iterator[QuoteDocument]:
    if not folder.is_dir():
        raise InputRejected(
            RejectReason.NOT_FOUND, str(folder), "expected a folder of *.json files"
        )
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputRejected(RejectReason.EMPTY, str(folder), "the folder holds no *.json files")
    for path in files:
        yield read_quote_document(path)


@dataclass(slots=True)
class _Counts:
    overlap: dict[str, int] = field(default_factory=lambda: dict.fromkeys((*ROLES, "joint"), 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys((*ROLES, "joint"), 0))
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys((*ROLES, "joint"), 0))

    def scores(self) -> dict[str, PRF]:
        return {
            role: PRF.of(self.overlap[role], self.gold[role], self.predicted[role])
            for role in (*ROLES, "joint")
        }


@dataclass(slots=True)
class QuoteScorer:
    """Accumulates documents; `scores()` gives P/R/F1 per role, overall and per subset."""

    subsets: dict[str, Callable[[QuoteDocument, GoldQuote], bool]] = field(
        default_factory=lambda: {
            "speaker_pronoun": QuoteDocument.speaker_is_pronoun,
            "speaker_outside_sentence": QuoteDocument.speaker_outside,
        }
    )
    overall: _Counts = field(default_factory=_Counts)
    by_subset: dict[str, _Counts] = field(default_factory=dict)
    documents: int = 0

    def add(self, document: QuoteDocument, predicted: Sequence[dict[str, frozenset[int]]]) -> None:
        self.documents += 1
        gold = document.quotes
        pairs = _pair(gold, predicted)
        _count(self.overall, gold, predicted, pairs, range(len(gold)), range(len(predicted)))
        for name, belongs in self.subsets.items():
            chosen = {i for i, quote in enumerate(gold) if belongs(document, quote)}
            sub_pairs = [(g, p) for g, p in pairs if g in chosen]
            counts = self.by_subset.setdefault(name, _Counts())
            _count(counts, gold, predicted, sub_pairs, sorted(chosen), [p for _, p in sub_pairs])

    def scores(self) -> dict[str, object]:
        result: dict[str, object] = {
            "documents": self.documents,
            **{role: prf.as_dict() for role, prf in self.overall.scores().items()},
        }
        for name, counts in self.by_subset.items():
            result[name] = {role: prf.as_dict() for role, prf in counts.scores().items()}
        return result


def _pair(
    gold: Sequence[GoldQuote], predicted: Sequence[dict[str, frozenset[int]]]
) -> list[tuple[int, int]]:
    if not gold or not predicted:
        return []
    overlap = np.zeros((len(gold), len(predicted)))
    for g, gold_quote in enumerate(gold):
        for p, predicted_quote in enumerate(predicted):
            overlap[g, p] = len(gold_quote.roles["quote"] & predicted_quote["quote"])
    rows, columns = linear_sum_assignment(overlap, maximize=True)
    return [(int(g), int(p)) for g, p in zip(rows, columns, strict=True) if overlap[g, p] > 0]


def _joint(roles: dict[str, frozenset[int]]) -> set[tuple[str, int]]:
    return {(role, token) for role in ROLES for token in roles[role]}


def _count(
    counts: _Counts,
    gold: Sequence[GoldQuote],
    predicted: Sequence[dict[str, frozenset[int]]],
    pairs: Sequence[tuple[int, int]],
    gold_indices: Iterable[int],
    predicted_indices: Iterable[int],
) -> None:
    for g in gold_indices:
        for role in ROLES:
            counts.gold[role] += len(gold[g].roles[role])
        counts.gold["joint"] += len(_joint(gold[g].roles))
    for p in predicted_indices:
        for role in ROLES:
            counts.predicted[role] += len(predicted[p][role])
        counts.predicted["joint"] += len(_joint(predicted[p]))
    for g, p in pairs:
        for role in ROLES:
            counts.overlap[role] += len(gold[g].roles[role] & predicted[p][role])
        counts.overlap["joint"] += len(_joint(gold[g].roles) & _joint(predicted[p]))


def predicted_roles(
    document: QuoteDocument, quotes: Iterable[Quote]
) -> list[dict[str, frozenset[int]]]:
    """newsprism quotes as gold-token sets per role."""
    result = []
    for quote in quotes:
        result.append(
            {
                "quote": document.tokens_in([(quote.start, quote.end)]),
                "speaker": document.tokens_in(
                    [(quote.speaker.start, quote.speaker.end)] if quote.speaker else []
                ),
                "cue": document.tokens_in([(quote.cue.start, quote.cue.end)] if quote.cue else []),
            }
        )
    return result


def evaluate_quotes(folder: Path, pipeline: Pipeline | None = None) -> dict[str, object]:
    """Analyse every document of a WIKINEWS quotation folder and score the quotes found."""
    pipeline = pipeline or default_pipeline()
    scorer = QuoteScorer()
    started = time.perf_counter()
    failed: list[str] = []
    for document in read_quote_folder(folder):
        analysed = pipeline.analyse(document.text, "de")
        if analysed.failure is not None:  # scored with what it found; counted, not fatal
            failed.append(str(analysed.failure))
        scorer.add(document, predicted_roles(document, analysed.quotes))
    result = scorer.scores()
    result["failed"] = {"analysis": len(failed), "examples": failed[:10]}
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result
