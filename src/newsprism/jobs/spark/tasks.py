"""What the Spark job's tasks run, in plain Python: the laptop pipeline's own functions.

No pyspark here. Each function takes and yields plain tuples, so that the job wires them into
Spark and the tests call them directly. Models load once per Python worker (the analysis
pipeline and the near-duplicate detector are cached per process; Spark reuses its workers).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsprism.analyse.annotate import analyse_articles
from newsprism.cluster.features import article_features
from newsprism.dedup import MemorySignatureIndex, NearDuplicateDetector
from newsprism.errors import InputRejected, RejectReason, StageFailed
from newsprism.ingest.language import identify_language
from newsprism.ingest.newsplease import (
    article_from_newsplease,
    newsplease_record,
    newsplease_values,
)
from newsprism.ingest.normalise import article_from_found
from newsprism.ingest.records import FoundArticle, ReadOptions, as_reject
from newsprism.ingest.sources import reader_for
from newsprism.jobs.spark.tables import day_of
from newsprism.model import Article, Reject
from newsprism.run import ANALYSIS_SLICE
from newsprism.store.spans import span_rows

# (article_id, file_index, position, article JSON, url, outlet, source_path, locator, day)
FoundRow = tuple[str, int, int, str, str | None, str | None, str | None, str | None, str]
# (source, locator, reason, detail, file_index, position)
RejectRow = tuple[str, str | None, str, str, int, int]
# (article_id, the news-please codec's values (the articles table's columns), spans, features
#  JSON (None when they failed), shingles, MinHash bytes, buckets, lead, the failed stage's
#  detail or None)
AnalysedRow = tuple[
    str,
    tuple[object, ...],
    list[tuple[str, int, int, str | None, str]],
    str | None,
    int,
    bytes,
    list[int],
    str,
    str | None,
]


@dataclass(frozen=True, slots=True)
class ReadSettings:
    max_bytes: int = 50 * 1024 * 1024
    outlet: str | None = None  # like `ingest --outlet`


def read_input(
    file_index: int, path: str, settings: ReadSettings
) -> Iterator[tuple[str, FoundRow | RejectRow]]:
    """One input file (one task): ("article", FoundRow) and ("reject", RejectRow) items, in the
    file's order. The reader is the one `ingest` uses for that file type."""
    reader = reader_for(Path(path))
    if reader is None:
        detail = "unknown file type"
        yield "reject", (path, None, RejectReason.UNSUPPORTED.value, detail, file_index, 0)
        return
    position = 0
    items = reader(Path(path), ReadOptions(max_bytes=settings.max_bytes))
    while True:
        try:
            item = next(items)
        except StopIteration:
            if position == 0:  # every input has an outcome, as in `ingest`
                detail = "the file was read but held no article"
                yield "reject", (path, None, RejectReason.NO_ARTICLE.value, detail, file_index, 0)
            return
        except InputRejected as rejected:
            item = as_reject(rejected)
        except Exception as error:  # a library failing on hostile input must not stop the job
            item = Reject(path, RejectReason.UNREADABLE, f"{type(error).__name__}: {error}")
        position += 1
        if isinstance(item, FoundArticle):
            try:
                built = article_from_found(item, settings.outlet)
            except Exception as error:  # that record's outcome; the job goes on
                failed = StageFailed("normalise", item.source_path, error)
                built = Reject(
                    item.source_path, RejectReason.ANALYSIS_FAILED, failed.detail, item.locator
                )
            if not isinstance(built, Reject):
                if item.language:
                    built = built.with_metadata(language=item.language)
                yield "article", _found_row(built, item, file_index, position)
                continue
            item = built
        yield (
            "reject",
            (
                item.source,
                item.locator,
                item.reason.value,
                item.detail,
                file_index,
                position,
            ),
        )


def _found_row(article: Article, found: FoundArticle, file_index: int, position: int) -> FoundRow:
    return (
        article.id,
        file_index,
        position,
        json.dumps(newsplease_record(article), ensure_ascii=False),
        found.url,
        article.outlet,
        found.source_path,
        found.locator,
        day_of(article.published, article.fetched),
    )


def article_from_json(raw: str) -> Article:
    return article_from_newsplease(json.loads(raw))


def article_from_record(record: dict[str, Any]) -> Article:
    """An article back from a Spark row of the articles table, id and normalised text as they
    are. pyspark hands timestamps back naive, in the worker's local time: made aware here,
    since the codec reads naive times as UTC (as Parquet stores them)."""
    return article_from_newsplease(
        {
            name: value.astimezone(UTC) if isinstance(value, datetime) else value
            for name, value in record.items()
        }
    )


@functools.cache
def detector(threshold: float) -> NearDuplicateDetector:
    """The laptop's detector (same permutations, bands and rows); its index stays empty."""
    return NearDuplicateDetector(MemorySignatureIndex(), threshold=threshold)


def analyse_partition(records: Iterable[str], threshold: float) -> Iterator[AnalysedRow]:
    """Analysis, story features and MinHash signatures of unique articles (JSON records), in
    slices as `ingest` analyses them."""
    near = detector(threshold)
    chunk: list[Article] = []
    for raw in records:
        article = article_from_json(raw)
        if article.language is None:
            article = article.with_metadata(language=identify_language(article.text))
        chunk.append(article)
        if len(chunk) >= ANALYSIS_SLICE:
            yield from _analyse_chunk(chunk, near)
            chunk = []
    if chunk:
        yield from _analyse_chunk(chunk, near)


def _analyse_chunk(articles: list[Article], near: NearDuplicateDetector) -> Iterator[AnalysedRow]:
    for article, (document, found) in zip(articles, analyse_articles(articles), strict=True):
        signature = near.signature(article.id, article.text)
        failure = document.failure.detail if document.failure is not None else None
        features: str | None = None
        try:
            features = json.dumps(article_features(article, document).as_json(), ensure_ascii=False)
        except Exception as error:  # that article stays out of the stories; a reject says why
            failure = StageFailed("features", article.id, error).detail
        yield (
            article.id,
            newsplease_values(article),  # the articles table's columns
            span_rows(found),
            features,
            signature.size,
            signature.to_bytes(),
            [bucket for _, bucket in near.buckets(signature)],
            article.text.split("\n", 1)[0][:120],
            failure,
        )
