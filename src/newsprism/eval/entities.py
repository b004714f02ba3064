"""Strict span scoring of named entities (outer chunks), as in CoNLL.

Gold formats: GermEval 2014 TSV ('index<TAB>word<TAB>outer tag<TAB>inner tag') and the
two-column 'word<TAB>tag' files of WikiANN (PAN-X); `detect_format` tells them apart.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import ConfigError, InputRejected, RejectReason

LABELS = ("PER", "ORG", "LOC", "MISC")
ChunkSpan = tuple[int, int, str]


def germeval_label(tag: str) -> str:
    """GermEval outer tag → BIO over PER/ORG/LOC/MISC: OTH → MISC; '…deriv'/'…part' → O."""
    if tag == "O" or tag.endswith(("deriv", "part")):
        return "O"
    prefix, _, label = tag.partition("-")
    if prefix not in {"B", "I"} or not label:
        return "O"
    return f"{prefix}-{'MISC' if label == 'OTH' else label}"


def read_germeval(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """(words, BIO tags) per sentence; a malformed line is an error naming file and line."""

    def token(columns: list[str]) -> tuple[str, str] | None:
        return (columns[1], germeval_label(columns[2])) if len(columns) >= 3 else None

    return _sentences(path, token, "index<TAB>word<TAB>tag", comments=True)


def read_wikiann(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """(words, BIO tags) per sentence of a 'word<TAB>tag' file (WikiANN: PER/ORG/LOC)."""

    def token(columns: list[str]) -> tuple[str, str] | None:
        if len(columns) != 2:
            return None
        prefix, _, label = columns[1].partition("-")
        return columns[0], columns[1] if prefix in {"B", "I"} and label in LABELS else "O"

    return _sentences(path, token, "word<TAB>tag", comments=False)


def _sentences(
    path: Path,
    token: Callable[[list[str]], tuple[str, str] | None],
    expected: str,
    *,
    comments: bool,
) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences of a one-token-per-line file, blank lines between them; `token` reads a line's
    columns (None: malformed, an error naming file, line and the `expected` shape)."""
    words: list[str] = []
    tags: list[str] = []
    try:
        lines = path.open(encoding="utf-8")
    except OSError as error:
        raise InputRejected(RejectReason.NOT_FOUND, str(path), str(error)) from error
    with lines:
        for number, line in enumerate(lines, start=1):
            if comments and line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            found = token(line.rstrip("\n").split("\t"))
            if found is None:
                raise InputRejected(
                    RejectReason.BAD_RECORD,
                    str(path),
                    f"line {number}: expected '{expected}', got {line[:60]!r}",
                )
            words.append(found[0])
            tags.append(found[1])
    if words:
        yield words, tags


def detect_format(path: Path) -> str:
    """'wikiann' if the first line is 'word<TAB>BIO tag', else 'germeval' (index, word, tags)."""
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip() and not line.startswith("#"):
                    columns = line.rstrip("\n").split("\t")
                    is_tag = columns[-1] == "O" or columns[-1][:2] in {"B-", "I-"}
                    return "wikiann" if len(columns) == 2 and is_tag else "germeval"
    except OSError as error:
        raise InputRejected(RejectReason.NOT_FOUND, str(path), str(error)) from error
    return "germeval"


def chunks(tags: Sequence[str]) -> set[ChunkSpan]:
    """(start, end, label) of each BIO chunk; an I- that starts a chunk opens one (CoNLL style)."""
    found: set[ChunkSpan] = set()
    start = -1
    label = ""
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == label and start >= 0
        if start >= 0 and not continues:
            found.add((start, index, label))
            start, label = -1, ""
        if prefix == "B" or (prefix == "I" and not continues):
            start, label = index, kind
    return found


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int

    @classmethod
    def of(cls, correct: float, gold: int, predicted: int) -> PRF:
        precision = correct / predicted if predicted else 0.0
        recall = correct / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(round(precision, 4), round(recall, 4), round(f1, 4), gold, predicted)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "gold": self.gold,
            "predicted": self.predicted,
        }


def score_entities(
    pairs: Iterable[tuple[Sequence[str], Sequence[str]]],
) -> dict[str, PRF]:
    """Strict span P/R/F1 over (gold tags, predicted tags) per sentence, overall and per label."""
    correct: Counter[str] = Counter()
    gold_count: Counter[str] = Counter()
    predicted_count: Counter[str] = Counter()
    for gold_tags, predicted_tags in pairs:
        gold = chunks(gold_tags)
        predicted = chunks(predicted_tags)
        for _, _, label in gold:
            gold_count[label] += 1
        for _, _, label in predicted:
            predicted_count[label] += 1
        for _, _, label in gold & predicted:
            correct[label] += 1
    scores = {"overall": PRF.of(correct.total(), gold_count.total(), predicted_count.total())}
    for label in sorted(set(gold_count) | set(predicted_count)):
        scores[label] = PRF.of(correct[label], gold_count[label], predicted_count[label])
    return scores


def label_confusion(
    pairs: Iterable[tuple[Sequence[str], Sequence[str]]],
) -> dict[str, dict[str, int]]:
    """Gold label → predicted label → count, for spans found exactly but typed otherwise."""
    confusion: dict[str, Counter[str]] = {}
    for gold_tags, predicted_tags in pairs:
        predicted = {(start, end): label for start, end, label in chunks(predicted_tags)}
        for start, end, label in chunks(gold_tags):
            other = predicted.get((start, end))
            if other is not None and other != label:
                confusion.setdefault(label, Counter())[other] += 1
    return {gold: dict(sorted(counts.items())) for gold, counts in sorted(confusion.items())}


def select_split(
    sentences: Iterable[tuple[list[str], list[str]]], split: str
) -> Iterator[tuple[list[str], list[str]]]:
    """Our split of the one GermEval file available: every fifth sentence (index % 5 == 4) is dev.

    `train/ner.py` trains on the rest, so `--split dev` is the held-out figure.
    """
    if split not in {"all", "train", "dev"}:
        raise ConfigError(f"split must be all, train or dev, got {split!r}")
    for index, sentence in enumerate(sentences):
        is_dev = index % 5 == 4
        if split == "all" or (split == "dev") == is_dev:
            yield sentence


def evaluate_entities(
    path: Path, tag: Callable[[list[str]], list[str]], split: str = "all", data_format: str = "auto"
) -> dict[str, object]:
    """Tag the gold tokens of a GermEval TSV or WikiANN file and score strict spans.

    Overall and per label, with the confusion between labels on spans found exactly. `split`
    applies to GermEval (our fifth-sentence split); a WikiANN file is already one split.
    """
    if data_format == "auto":
        data_format = detect_format(path)
    if data_format not in {"germeval", "wikiann"}:
        raise ConfigError(f"format must be auto, germeval or wikiann, got {data_format!r}")
    if data_format == "wikiann":
        sentences = read_wikiann(path)
        split = "all"
    else:
        sentences = select_split(read_germeval(path), split)
    pairs: list[tuple[list[str], list[str]]] = []
    tokens = 0
    started = time.perf_counter()
    for words, gold in sentences:
        predicted = tag(words)
        if data_format == "wikiann":  # no MISC in WikiANN: a predicted MISC is no claim there
            predicted = ["O" if t.endswith("-MISC") else t for t in predicted]
        pairs.append((gold, predicted))
        tokens += len(words)
    seconds = time.perf_counter() - started
    scores = score_entities(pairs)
    return {
        "data": str(path),
        "format": data_format,
        "split": split,
        "sentences": len(pairs),
        "tokens": tokens,
        "tokens_per_second": round(tokens / seconds) if seconds else None,
        **{label: prf.as_dict() for label, prf in scores.items()},
        "confusion": label_confusion(pairs),
    }
