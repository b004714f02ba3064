"""Inputs to articles: files, folders, globs of .txt .html .json .jsonl .warc(.gz) and feeds."""

from newsprism.ingest.pipeline import IngestOptions, IngestProgress, IngestReport, ingest
from newsprism.ingest.sources import READERS, expand_paths, reader_for

__all__ = [
    "READERS",
    "IngestOptions",
    "IngestProgress",
    "IngestReport",
    "expand_paths",
    "ingest",
    "reader_for",
]
