"""From command-line arguments (files, folders, globs, URLs) to inputs and their readers."""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from newsprism.errors import FetchError, InputRejected, RejectReason
from newsprism.ingest.decoding import decode_text
from newsprism.ingest.feeds import read_feed_file
from newsprism.ingest.html import extract_html, read_html_file
from newsprism.ingest.newsplease import read_json_file, read_jsonl_file, read_parquet_file
from newsprism.ingest.records import ReaderItem, ReadOptions, as_reject
from newsprism.ingest.text import read_text_file, text_article
from newsprism.ingest.warc import read_warc_file
from newsprism.model import Reject

Reader = Callable[[Path, ReadOptions], Iterator[ReaderItem]]

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".json": read_json_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".parquet": read_parquet_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
    ".xml": read_feed_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
}


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    # Longest suffix first, so ".warc.gz" wins over ".gz".
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    reader: Reader | None  # None: unsupported type, becomes a reject

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def expand_paths(arguments: Iterable[str]) -> tuple[list[InputFile], list[str]]:
    """(input files in a stable order, arguments that matched nothing).

    Folders are walked recursively and only files of known types are taken from them;
    a file named explicitly is taken whatever its type (and rejected if unsupported).
    """
    files: list[InputFile] = []
    missing: list[str] = []
    seen: set[Path] = set()

    def add(path: Path, explicit: bool) -> None:
        resolved = path.resolve()
        if resolved in seen:
            return
        reader = reader_for(path)
        if reader is None and not explicit:
            return
        seen.add(resolved)
        files.append(InputFile(path, reader))

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    add(child, explicit=False)
        elif path.is_file():
            add(path, explicit=True)
        elif glob.has_magic(argument):
            matches = sorted(Path(m) for m in glob.glob(argument, recursive=True))
            matched = [m for m in matches if m.is_file()]
            if not matched:
                missing.append(argument)
            for match in matched:
                add(match, explicit=False)
        else:
            missing.append(argument)
    return files, missing


# -- URLs ----------------------------------------------------------------------------------------

_URL_PREFIXES = ("http://", "https://")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_url(argument: str) -> bool:
    """An argument that names a web page rather than a path."""
    return argument.strip().lower().startswith(_URL_PREFIXES)


class FetchedPage(Protocol):
    """What a fetcher returns (`newsprism.watch.fetch.Fetched` is one)."""

    @property
    def final_url(self) -> str: ...

    @property
    def body(self) -> bytes: ...

    @property
    def content_type(self) -> str | None: ...


class PageFetcher(Protocol):
    """Fetches one URL politely or raises `FetchError` (`newsprism.watch.fetch.Fetcher`)."""

    def get(self, url: str) -> FetchedPage: ...


def read_url(url: str, fetcher: PageFetcher, *, gate: bool = True) -> ReaderItem:
    """One web page as an article (HTML, or plain text), with its URL and fetch time; or a
    reject that names the URL and says why it could not be fetched or read. `gate`: pages
    that are no articles (shops, index pages) are rejects, as for files."""
    url = url.strip()
    try:
        fetched = fetcher.get(url)
    except FetchError as error:
        return Reject(
            url, RejectReason.FETCH_FAILED, f"could not fetch: {error.reason.value}: {error.detail}"
        )
    moment = datetime.now(UTC)
    kind = (fetched.content_type or "text/html").split(";")[0].strip().lower()
    try:
        if kind.startswith(_HTML_TYPES):
            return extract_html(
                fetched.body,
                url,
                url=fetched.final_url,
                content_type=fetched.content_type,
                fetched=moment,
                gate=gate,
            )
        if kind == "text/plain":
            found = text_article(decode_text(fetched.body, url), url)
            if isinstance(found, Reject):
                return found
            return replace(found, url=found.url or fetched.final_url, fetched=moment)
    except InputRejected as rejected:
        return as_reject(rejected)
    except Exception as error:  # a library failing on a hostile page must not stop the batch
        return Reject(url, RejectReason.NO_TEXT, f"could not read the page: {error}")
    return Reject(
        url,
        RejectReason.UNSUPPORTED,
        f"the server sent {kind!r}, not a web page (text/html) or plain text",
    )
