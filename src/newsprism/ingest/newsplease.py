"""news-please's article schema: the codec (field list, Arrow schema, both directions) and the
readers of its files: one object, a list of objects, one object per line (JSONL), or Parquet.

The codec is the one mapping between `Article` and a news-please record; newsprism's export,
the Spark job's articles table and `import-parquet` all go through it. It is news-please's
fields plus newsprism's own (`id`, `kind`, `caption`, `source_path`, `ingested_at`, `teaser`).
The readers are lenient (other names, missing fields, unreadable dates); the exact decoder
(`article_from_newsplease`) is for newsprism's own records, whose id and text are kept as they are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsprism.errors import InputRejected, RejectReason
from newsprism.ingest.dates import parse_datetime
from newsprism.ingest.decoding import check_text_bytes, read_bytes
from newsprism.ingest.records import FoundArticle, ReaderItem, ReadOptions, as_reject
from newsprism.model import Article, ArticleKind

_TIME = pa.timestamp("us", tz="UTC")
_NAMES = pa.list_(pa.string())
# (record field, `Article` attribute, Arrow type): news-please's fields first, then newsprism's
# own. The one table a new `Article` field is added to; everything below is derived from it.
COLUMNS: tuple[tuple[str, str, pa.DataType], ...] = (
    ("url", "url", pa.string()),
    ("source_domain", "outlet", pa.string()),
    ("title", "title", pa.string()),
    ("authors", "authors", _NAMES),
    ("date_publish", "published", _TIME),
    ("date_download", "fetched", _TIME),
    ("language", "language", pa.string()),
    ("description", "description", pa.string()),
    ("maintext", "text", pa.string()),
    ("id", "id", pa.string()),
    ("kind", "kind", pa.string()),
    ("caption", "caption", pa.string()),
    ("source_path", "source_path", pa.string()),
    ("ingested_at", "ingested_at", _TIME),
    ("teaser", "teaser", pa.bool_()),
    ("date_modify", "updated", _TIME),
    ("dated_by", "dated_by", pa.string()),
)
FIELDS = tuple(name for name, _, _ in COLUMNS)
ARROW_SCHEMA = pa.schema([(name, kind) for name, _, kind in COLUMNS])
_REQUIRED = ("id", "maintext")  # without them a record is not one of ours: fail loudly

_TOO_DEEP = "arrays or objects nested too deeply to be an article record"


def newsplease_values(article: Article) -> tuple[Any, ...]:
    """The record's values in `FIELDS` order, times as aware datetimes: an Arrow (or Spark) row."""
    values: list[Any] = []
    for _, attribute, kind in COLUMNS:
        value = getattr(article, attribute)
        if isinstance(value, ArticleKind):
            value = value.value
        elif kind == _NAMES:
            value = list(value)
        values.append(value)
    return tuple(values)


def newsplease_record(article: Article) -> dict[str, Any]:
    """The JSON record: news-please's names, times in ISO 8601 with their offset."""
    return {
        name: value.isoformat() if isinstance(value, datetime) else value
        for name, value in zip(FIELDS, newsplease_values(article), strict=True)
    }


def article_from_newsplease(record: Mapping[str, Any]) -> Article:
    """An article back from newsprism's own record (JSON, Arrow or Spark row), id and normalised
    text as they are. Times may be ISO strings or datetimes; naive ones are UTC, as Parquet's."""
    values: dict[str, Any] = {}
    for name, attribute, kind in COLUMNS:
        value = record[name] if name in _REQUIRED else record.get(name)
        if kind == _TIME:
            value = _moment(value)
        elif kind == _NAMES:
            value = tuple(value or ())
        elif kind == pa.bool_():
            value = bool(value)
        elif attribute == "kind":
            value = ArticleKind(value or ArticleKind.UNKNOWN.value)
        values[attribute] = value
    return Article(**values)


def _moment(value: object) -> datetime | None:
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def found_article(record: object, source: str, locator: str | None = None) -> FoundArticle:
    """A record of any news-please-like producer, read leniently: the text becomes an article
    after normalisation, which derives the id (a record's `id` is never trusted)."""
    if not isinstance(record, Mapping):
        raise InputRejected(
            RejectReason.BAD_RECORD,
            source,
            f"expected a JSON object, got {type(record).__name__}",
            locator,
        )
    text = _string(record.get("maintext")) or _string(record.get("text"))
    if not text or not text.strip():
        raise InputRejected(
            RejectReason.BAD_RECORD, source, "no 'maintext' or 'text' with content", locator
        )
    return FoundArticle(
        text=text,
        source_path=source,
        locator=locator,
        title=_string(record.get("title"))
        or _string(record.get("title_page"))
        or _string(record.get("title_rss")),
        url=_string(record.get("url")),
        outlet=_string(record.get("source_domain")) or _string(record.get("outlet")),
        authors=_authors(record.get("authors")),
        published=parse_datetime(record.get("date_publish") or record.get("published")),
        fetched=parse_datetime(record.get("date_download")),
        updated=parse_datetime(record.get("date_modify")),
        dated_by=_string(record.get("dated_by"))
        or ("record" if record.get("date_publish") or record.get("published") else None),
        language=_string(record.get("language")),
        kind=_kind(record.get("kind")),
        caption=_string(record.get("caption")),
        description=_string(record.get("description")),
        teaser=record.get("teaser") is True,  # our own export marks paywall teasers
    )


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _authors(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list):
        return tuple(a.strip() for a in value if isinstance(a, str) and a.strip())
    return ()


def _kind(value: object) -> ArticleKind:
    try:
        return ArticleKind(value) if isinstance(value, str) else ArticleKind.UNKNOWN
    except ValueError:
        return ArticleKind.UNKNOWN


def read_json_file(path: Path, options: ReadOptions) -> Iterator[ReaderItem]:
    source = str(path)
    try:
        raw = read_bytes(path, options.max_bytes)
        check_text_bytes(raw, source)
        try:
            document: Any = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise InputRejected(
                RejectReason.UNDECODABLE, source, f"JSON must be UTF-8: {error.reason}"
            ) from error
        except json.JSONDecodeError as error:
            raise InputRejected(
                RejectReason.BAD_JSON, source, f"{error.msg} at line {error.lineno}"
            ) from error
        except RecursionError as error:  # Python's parser gives up on deep nesting
            raise InputRejected(RejectReason.BAD_JSON, source, _TOO_DEEP) from error
    except InputRejected as rejected:
        yield as_reject(rejected)
        return
    records = document if isinstance(document, list) else [document]
    for number, record in enumerate(records, start=1):
        locator = f"item {number}" if isinstance(document, list) else None
        try:
            yield found_article(record, source, locator)
        except InputRejected as rejected:
            yield as_reject(rejected)


def read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[ReaderItem]:
    """Streams line by line; a line longer than `max_bytes` is rejected without loading it."""
    source = str(path)
    seen_content = False
    try:
        handle = path.open("rb")
    except OSError as error:
        yield as_reject(InputRejected(RejectReason.UNREADABLE, source, str(error)))
        return
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline(options.max_bytes + 1)
            except OSError as error:
                yield as_reject(InputRejected(RejectReason.UNREADABLE, source, str(error)))
                return
            if not line:
                break
            number += 1
            locator = f"line {number}"
            if len(line) > options.max_bytes and not line.endswith(b"\n"):
                yield as_reject(
                    InputRejected(
                        RejectReason.TOO_LARGE,
                        source,
                        f"line is longer than {options.max_bytes} bytes",
                        locator,
                    )
                )
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = handle.readline(options.max_bytes + 1)
                continue
            if not line.strip():
                continue
            seen_content = True
            try:
                if b"\x00" in line:
                    raise InputRejected(RejectReason.BINARY, source, "NUL byte in line", locator)
                try:
                    record = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
                except UnicodeDecodeError as error:
                    raise InputRejected(
                        RejectReason.UNDECODABLE,
                        source,
                        f"JSON must be UTF-8: {error.reason} at byte {error.start}",
                        locator,
                    ) from error
                except RecursionError as error:  # Python's parser gives up on deep nesting
                    raise InputRejected(
                        RejectReason.BAD_JSON, source, _TOO_DEEP, locator
                    ) from error
                except json.JSONDecodeError as error:
                    raise InputRejected(
                        RejectReason.BAD_JSON,
                        source,
                        f"{error.msg} at column {error.colno}",
                        locator,
                    ) from error
                yield found_article(record, source, locator)
            except InputRejected as rejected:
                yield as_reject(rejected)
    if not seen_content:
        yield as_reject(InputRejected(RejectReason.EMPTY, source, "no JSON lines"))


def read_parquet_file(path: Path, options: ReadOptions) -> Iterator[ReaderItem]:
    """news-please's fields as Parquet columns (our own `export --format parquet` and the Spark
    job's articles table are such files); streamed one row group at a time."""
    source = str(path)
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as error:
        yield as_reject(InputRejected(RejectReason.UNREADABLE, source, f"not Parquet: {error}"))
        return
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=1000):
            for record in batch.to_pylist():
                number += 1
                try:
                    yield found_article(record, source, f"row {number}")
                except InputRejected as rejected:
                    yield as_reject(rejected)
    except (OSError, pa.ArrowException) as error:
        yield as_reject(
            InputRejected(RejectReason.UNREADABLE, source, str(error), f"row {number + 1}")
        )
        return
    if number == 0:
        yield as_reject(InputRejected(RejectReason.EMPTY, source, "no rows"))
