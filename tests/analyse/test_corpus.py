"""Analysis and clustering features over every readable text of ../shared/data: no failure.

Real news text finds what hand-written cases miss (a market report's "… Data :" at a line end
once broke the quote rules). The texts are read here, at test time, and never copied into the
project. Sets: the SemEval-2022 pairs sample (each distinct text, in its own language), SpkAtt
(WIKINEWS articles and GePaDe speeches, joined from their tokens), the SmartData corpus (v1, v3),
CheckThat! subjectivity sentences and WikiANN sentences. Skipped when the data is absent.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsprism.analyse.annotate import analyse_articles
from newsprism.analyse.pipeline import default_pipeline
from newsprism.model.article import Article
from tests.analyse.checks import check_analysis, check_features, run_stages

pytestmark = [pytest.mark.data, pytest.mark.slow]

BATCH = 64
Text = tuple[str, str, str]  # (where it comes from, language, text)


def semeval(data: Path) -> Iterator[Text]:
    path = data / "semeval2022-task8-hfl-sample" / "training_set.csv"
    csv.field_size_limit(sys.maxsize)
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for side in ("1", "2"):
                text = row["text" + side]
                if text not in seen:
                    seen.add(text)
                    yield f"semeval {row['pair_id']}/{side}", row["lang" + side], text


def spkatt_news(data: Path) -> Iterator[Text]:
    for path in sorted((data / "spkatt2023" / "news_wikinews_2024").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        yield f"spkatt {path.parent.name}/{path.name}", "de", record["originalText"]


def spkatt_debates(data: Path) -> Iterator[Text]:
    for path in sorted((data / "spkatt2023" / "task1_gepade_debates").glob("*/*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        lines = (" ".join(sentence["Tokens"]) for sentence in record["Sentences"])
        yield f"gepade {path.relative_to(path.parents[2])}", "de", "\n".join(lines)


def smartdata(data: Path) -> Iterator[Text]:
    for path in sorted((data / "smartdata-corpus").glob("v*/*.json.gz")):
        # A stream of pretty-printed JSON documents, not JSON Lines (see its SOURCE.md).
        stream = gzip.decompress(path.read_bytes()).decode("utf-8")
        decoder = json.JSONDecoder()
        position = 0
        while True:
            while position < len(stream) and stream[position].isspace():
                position += 1
            if position >= len(stream):
                break
            record, position = decoder.raw_decode(stream, position)
            language = (record.get("langCode") or {}).get("string") or "de"
            text = (record.get("text") or {}).get("string") or ""
            yield f"smartdata {path.parent.name}/{path.name} {record['id']}", language, text


def checkthat(data: Path) -> Iterator[Text]:
    for path in sorted((data / "checkthat2025-subjectivity-de").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                yield f"checkthat {path.name} {row['sentence_id']}", "de", row["sentence"]


def wikiann(data: Path) -> Iterator[Text]:
    for path in sorted((data / "wikiann-de").glob("*.conll")):
        words: list[str] = []
        number = 0
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    words.append(line.split("\t")[0])
                    continue
                if words:
                    number += 1
                    yield f"wikiann {path.name} #{number}", "de", " ".join(words)
                    words = []
        if words:
            yield f"wikiann {path.name} #{number + 1}", "de", " ".join(words)


READERS: dict[str, Callable[[Path], Iterator[Text]]] = {
    "semeval": semeval,
    "spkatt-news": spkatt_news,
    "spkatt-debates": spkatt_debates,
    "smartdata": smartdata,
    "checkthat": checkthat,
    "wikiann": wikiann,
}


def failures_in(batch: list[tuple[str, Article]]) -> list[str]:
    """Where and why analysis or the features failed on texts of the batch (empty: none)."""
    pipeline = default_pipeline()
    try:
        results = analyse_articles([article for _, article in batch], pipeline)
    except Exception:  # one text broke the batch: find it
        if len(batch) == 1:
            return [f"{batch[0][0]}: {traceback.format_exc(limit=-3)}"]
        return [problem for item in batch for problem in failures_in([item])]
    problems: list[str] = []
    for (where, article), (document, found) in zip(batch, results, strict=True):
        try:
            if not document.done >= set(pipeline.names):
                run_stages(article.text, article.language)  # the failed stage's own error
                raise AssertionError(f"a stage failed: {getattr(document, 'failure', '')}")
            check_analysis(article.text, document, found)
            check_features(article, document)
        except Exception:
            problems.append(f"{where}: {traceback.format_exc(limit=-3)}")
    return problems


def test_every_shared_text_is_analysed_without_failure(
    shared_data: Path, record_property: Callable[[str, object], None]
) -> None:
    counts: dict[str, int] = {}
    took: dict[str, float] = {}
    problems: list[str] = []
    started = time.perf_counter()
    for name, reader in READERS.items():
        set_started = time.perf_counter()
        try:
            texts = list(reader(shared_data))
        except FileNotFoundError:
            continue
        counts[name] = 0
        batch: list[tuple[str, Article]] = []
        for where, language, text in texts:
            article = Article.from_text(text, language=language or None)
            if not article.text:
                continue
            batch.append((where, article))
            counts[name] += 1
            if len(batch) == BATCH:
                problems.extend(failures_in(batch))
                batch = []
        if batch:
            problems.extend(failures_in(batch))
        took[name] = time.perf_counter() - set_started
    seconds = time.perf_counter() - started
    if not counts:
        pytest.skip("none of the corpora is in ../shared/data")
    summary = ", ".join(f"{name} {count} in {took[name]:.0f} s" for name, count in counts.items())
    record_property("texts", counts)
    record_property("seconds", round(seconds, 1))
    print(f"\nanalysed {sum(counts.values())} texts ({summary}) in {seconds:.0f} s")
    assert not problems, f"{len(problems)} texts failed:\n" + "\n".join(problems[:10])
