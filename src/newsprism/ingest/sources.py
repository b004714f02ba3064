"""From command-line paths (files, folders, globs) to input files and their readers."""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsprism.ingest.feeds import read_feed_file
from newsprism.ingest.html import read_html_file
from newsprism.ingest.newsplease import read_json_file, read_jsonl_file, read_parquet_file
from newsprism.ingest.records import ReaderItem, ReadOptions
from newsprism.ingest.text import read_text_file
from newsprism.ingest.warc import read_warc_file

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
