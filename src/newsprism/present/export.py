"""Exports: JSONL with news-please field names, CSV, Parquet (pyarrow). All stream; the
record and its columns are the news-please codec's (`newsprism.ingest.newsplease`)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq

from newsprism.errors import ConfigError
from newsprism.ingest.newsplease import ARROW_SCHEMA, FIELDS, newsplease_record, newsplease_values
from newsprism.model import Article

FORMATS = ("jsonl", "csv", "parquet")


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    count = 0
    for article in articles:
        out.write(json.dumps(newsplease_record(article), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(articles: Iterable[Article], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=FIELDS, quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    count = 0
    for article in articles:
        record = newsplease_record(article)
        record["authors"] = "; ".join(record["authors"])
        writer.writerow(record)
        count += 1
    return count


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def write_parquet(articles: Iterable[Article], path: Path, batch_size: int = 5000) -> int:
    count = 0
    with pq.ParquetWriter(str(path), ARROW_SCHEMA, compression="zstd") as writer:
        for chunk in _chunks(articles, batch_size):
            rows = [newsplease_values(article) for article in chunk]
            columns = {name: [row[i] for row in rows] for i, name in enumerate(FIELDS)}
            writer.write_table(pa.table(columns, schema=ARROW_SCHEMA))
            count += len(chunk)
    return count


def export(articles: Iterable[Article], fmt: str, out: IO[str] | Path) -> int:
    """Write `articles` in `fmt`; Parquet needs a path, the text formats a path or a stream."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ConfigError("parquet export needs a file: pass --output FILE.parquet")
        return write_parquet(articles, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return export(articles, fmt, handle)
    return write_jsonl(articles, out) if fmt == "jsonl" else write_csv(articles, out)
