"""Inputs to articles: files, folders, globs of .txt .html .json .jsonl .warc(.gz) and feeds,
read and normalised one article at a time. Whole runs are in `newsprism.run`."""

from newsprism.ingest.normalise import article_from_found, with_language
from newsprism.ingest.records import DEFAULT_MAX_BYTES, FoundArticle, ReadOptions
from newsprism.ingest.sources import READERS, expand_paths, reader_for

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READERS",
    "FoundArticle",
    "ReadOptions",
    "article_from_found",
    "expand_paths",
    "reader_for",
    "with_language",
]
