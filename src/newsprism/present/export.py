"""Exports: JSONL with news-please field names, CSV, Parquet (pyarrow). All stream."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsprism.errors import ConfigError
from newsprism.model import Article

FORMATS = ("jsonl", "csv", "parquet")

# news-please's article fields first, then newsprism's own.
FIELDS = (
    "url",
    "source_domain",
    "title",
    "authors",
    "date_publish",
    "date_download",
    "language",
    "description",
    "maintext",
    "id",
    "kind",
    "caption",
    "source_path",
    "ingested_at",
    "teaser",
)


def article_record(article: Article) -> dict[str, Any]:
    """news-please's schema (`maintext`, `date_publish`, `source_domain`) plus our extras."""
    return {
        "url": article.url,
        "source_domain": article.outlet,
        "title": article.title,
        "authors": list(article.authors),
        "date_publish": article.published.isoformat() if article.published else None,
        "date_download": article.fetched.isoformat() if article.fetched else None,
        "language": article.language,
        "description": article.description,
        "maintext": article.text,
        "id": article.id,
        "kind": article.kind.value,
        "caption": article.caption,
        "source_path": article.source_path,
        "ingested_at": article.ingested_at.isoformat() if article.ingested_at else None,
        "teaser": article.teaser,
    }


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    count = 0
    for article in articles:
        out.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(articles: Iterable[Article], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=FIELDS, quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    count = 0
    for article in articles:
        record = article_record(article)
        record["authors"] = "; ".join(record["authors"])
        writer.writerow(record)
        count += 1
    return count


PARQUET_SCHEMA = pa.schema(
    [
        ("url", pa.string()),
        ("source_domain", pa.string()),
        ("title", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("date_publish", pa.timestamp("us", tz="UTC")),
        ("date_download", pa.timestamp("us", tz="UTC")),
        ("language", pa.string()),
        ("description", pa.string()),
        ("maintext", pa.string()),
        ("id", pa.string()),
        ("kind", pa.string()),
        ("caption", pa.string()),
        ("source_path", pa.string()),
        ("ingested_at", pa.timestamp("us", tz="UTC")),
        ("teaser", pa.bool_()),
    ]
)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def write_parquet(articles: Iterable[Article], path: Path, batch_size: int = 5000) -> int:
    count = 0
    with pq.ParquetWriter(str(path), PARQUET_SCHEMA, compression="zstd") as writer:
        for chunk in _chunks(articles, batch_size):
            columns: dict[str, list[Any]] = {name: [] for name in PARQUET_SCHEMA.names}
            for article in chunk:
                columns["url"].append(article.url)
                columns["source_domain"].append(article.outlet)
                columns["title"].append(article.title)
                columns["authors"].append(list(article.authors))
                columns["date_publish"].append(article.published)
                columns["date_download"].append(article.fetched)
                columns["language"].append(article.language)
                columns["description"].append(article.description)
                columns["maintext"].append(article.text)
                columns["id"].append(article.id)
                columns["kind"].append(article.kind.value)
                columns["caption"].append(article.caption)
                columns["source_path"].append(article.source_path)
                columns["ingested_at"].append(article.ingested_at)
                columns["teaser"].append(article.teaser)
            writer.write_table(pa.table(columns, schema=PARQUET_SCHEMA))
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
