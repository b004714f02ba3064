"""WARC files (FastWARC): each HTML response record becomes an article with URL and fetch date."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from newsprism.errors import InputRejected, RejectReason
from newsprism.ingest.dates import parse_datetime
from newsprism.ingest.html import extract_html
from newsprism.ingest.records import ReaderItem, ReadOptions, as_reject

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _gzip_is_truncated(path: Path) -> bool:
    """FastWARC stops quietly at a cut gzip member; Python's gzip says so."""
    try:
        with gzip.open(path, "rb") as handle:
            while handle.read(1 << 20):
                pass
    except EOFError:
        return True
    except (OSError, zlib.error):
        return True
    return False


def read_warc_file(path: Path, options: ReadOptions) -> Iterator[ReaderItem]:
    source = str(path)
    if path.stat().st_size == 0:
        yield as_reject(InputRejected(RejectReason.EMPTY, source, "no content"))
        return
    # Hold one record back: if the file turns out truncated, the last record is the cut one.
    held: ReaderItem | None = None
    records = 0
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(
                handle, record_types=WarcRecordType.response, parse_http=True
            ):
                records += 1
                item = _record_item(record, source, options)
                if item is None:
                    continue
                if held is not None:
                    yield held
                held = item
    except OSError as error:
        if held is not None:
            yield held
        locator = f"record {records + 1}"
        yield as_reject(InputRejected(RejectReason.BAD_WARC, source, str(error), locator))
        return
    if path.name.endswith(".gz") and _gzip_is_truncated(path):
        yield as_reject(
            InputRejected(
                RejectReason.TRUNCATED,
                source,
                f"gzip stream ends early; the last of {records} records is incomplete",
                f"record {records}",
            )
        )
        return
    if held is not None:
        yield held
    elif records == 0:
        yield as_reject(InputRejected(RejectReason.BAD_WARC, source, "no response records"))


def _record_item(record: object, source: str, options: ReadOptions) -> ReaderItem | None:
    headers = record.headers  # type: ignore[attr-defined]
    url = headers.get("WARC-Target-URI")
    locator = url or f"offset {record.stream_pos}"  # type: ignore[attr-defined]
    if not url:
        return as_reject(
            InputRejected(RejectReason.TRUNCATED, source, "record without target URI", locator)
        )
    http = record.http_headers  # type: ignore[attr-defined]
    content_type = http.get("Content-Type") if http is not None else None
    if not content_type or content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None  # images, scripts, robots.txt: not articles, not errors either
    status = getattr(http, "status_code", 200)
    if status != 200:
        return None
    body = record.reader.read(options.max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > options.max_bytes:
        return as_reject(
            InputRejected(
                RejectReason.TOO_LARGE, source, f"body over {options.max_bytes} bytes", locator
            )
        )
    try:
        return extract_html(
            body,
            source,
            url=url,
            content_type=content_type,
            fetched=parse_datetime(headers.get("WARC-Date")),
            locator=locator,
        )
    except InputRejected as rejected:
        return as_reject(rejected)
