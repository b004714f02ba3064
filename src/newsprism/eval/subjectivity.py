"""Sentence subjectivity against a gold TSV (`newsprism eval subjectivity`).

The format is CheckThat! 2025 Task 1's: a header line, then one sentence a line with the
columns `sentence_id`, `sentence`, `label` (SUBJ or OBJ), tab-separated; a field that holds a
tab or a quotation mark is quoted CSV-style (the mark doubled). `sentence_id` may be missing
(the line number stands in); a file without `sentence` or `label` is refused whole. Each
line is read on its own, so a broken row (too few fields, an empty sentence, a label that is
neither SUBJ nor OBJ) is counted under `failed` with its line and reason, and the rest go on.

Figures: accuracy, macro-F1 (mean of the two classes' F1, the task's measure), and precision,
recall and F1 per class with gold and predicted counts; `cues` says how often each kind of cue
fires in gold SUBJ and gold OBJ sentences.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsprism.analyse.subjectivity import THRESHOLD, SubjectivityLabel, sentence_subjectivity
from newsprism.errors import ConfigError, InputRejected, RejectReason
from newsprism.eval.entities import PRF

REQUIRED = ("sentence", "label")
LABELS = (SubjectivityLabel.SUBJ.value, SubjectivityLabel.OBJ.value)
EXAMPLES = 10  # failures listed by line


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One row: its sentence and gold label, or why it cannot be scored."""

    sentence_id: str
    line: int
    sentence: str = ""
    label: str = ""
    problem: str | None = None


def read_subjectivity_tsv(path: Path) -> Iterator[GoldSentence]:
    """The rows in file order; a row that cannot be scored comes with `problem` set."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise InputRejected(RejectReason.UNREADABLE, str(path), str(error)) from error
    with handle:
        try:
            lines = iter(handle)
            header = _fields(next(lines, ""))
            columns = {name.strip(): index for index, name in enumerate(header)}
            missing = [name for name in REQUIRED if name not in columns]
            if missing:
                raise ConfigError(
                    f"{path} is not a subjectivity TSV: columns missing: {', '.join(missing)} "
                    f"(found: {', '.join(columns) or 'nothing'}; needs sentence_id, sentence, "
                    "label, tab-separated, with a header line)"
                )
            for number, line in enumerate(lines, start=2):
                if line.strip():
                    yield _row(_fields(line), columns, number)
        except UnicodeDecodeError as error:
            raise InputRejected(RejectReason.UNDECODABLE, str(path), str(error)) from error


def _fields(line: str) -> list[str]:
    return next(csv.reader([line.rstrip("\r\n")], delimiter="\t"), [])


def _row(fields: list[str], columns: dict[str, int], line: int) -> GoldSentence:
    identifier_at = columns.get("sentence_id")
    sentence_id = f"line {line}"
    if identifier_at is not None and identifier_at < len(fields) and fields[identifier_at]:
        sentence_id = fields[identifier_at]
    needed = max(columns[name] for name in REQUIRED) + 1
    if len(fields) < needed:
        return GoldSentence(
            sentence_id, line, problem=f"{len(fields)} fields, needs at least {needed}"
        )
    sentence = fields[columns["sentence"]].strip()
    label = fields[columns["label"]].strip().upper()
    if not sentence:
        return GoldSentence(sentence_id, line, problem="the sentence is empty")
    if label not in LABELS:
        return GoldSentence(
            sentence_id, line, problem=f"label {fields[columns['label']]!r} is not SUBJ or OBJ"
        )
    return GoldSentence(sentence_id, line, sentence, label)


def evaluate_subjectivity(path: Path) -> dict[str, object]:
    """Accuracy, macro-F1 and per-class figures of `sentence_subjectivity` on a gold TSV
    (see the module's doc)."""
    started = time.perf_counter()
    gold: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    cues: dict[str, Counter[str]] = {}
    rows = failed = 0
    failures: list[str] = []
    for row in read_subjectivity_tsv(path):
        rows += 1
        if row.problem is not None:
            failed += 1
            if len(failures) < EXAMPLES:
                failures.append(f"{row.sentence_id} (line {row.line}): {row.problem}")
            continue
        result = sentence_subjectivity(row.sentence)
        gold[row.label] += 1
        predicted[result.label.value] += 1
        correct[row.label] += result.label.value == row.label
        for kind in {cue.kind.value for cue in result.cues}:
            cues.setdefault(kind, Counter())[row.label] += 1
    scored = sum(gold.values())
    if not scored:
        raise ConfigError(f"{path} has no sentence that can be scored ({failed} failed)")
    per_class = {
        label: PRF.of(correct[label], gold[label], predicted[label]).as_dict() for label in LABELS
    }
    seconds = time.perf_counter() - started
    return {
        "data": str(path),
        "rows": rows,
        "scored": scored,
        "failed": failed,
        "failures": failures,
        "accuracy": round(sum(correct.values()) / scored, 4),
        "macro_f1": round(sum(float(per_class[label]["f1"]) for label in LABELS) / 2, 4),
        **per_class,
        "threshold": THRESHOLD,
        "cues": {kind: {label: cues[kind][label] for label in LABELS} for kind in sorted(cues)},
        "seconds": round(seconds, 3),
        "sentences_per_second": round(scored / seconds) if seconds else None,
    }
