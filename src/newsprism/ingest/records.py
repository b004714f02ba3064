"""What readers yield: an article as found (before normalisation) or a reject."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsprism.errors import InputRejected
from newsprism.model import ArticleKind, Reject

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FoundArticle:
    """An article as a reader found it; `locator` says where in the source (line, record)."""

    text: str
    source_path: str
    locator: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    fetched: datetime | None = None
    language: str | None = None
    kind: ArticleKind = ArticleKind.UNKNOWN
    caption: str | None = None
    description: str | None = None
    teaser: bool = False  # only the start of an article: a feed's summary, a paywalled page
    updated: datetime | None = None  # dateModified, when the page gives it
    dated_by: str | None = None  # where `published` came from (json-ld, meta, time, feed, …)


ReaderItem = FoundArticle | Reject


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Limits that apply to every reader."""

    max_bytes: int = DEFAULT_MAX_BYTES
    gate: bool = True  # reject pages that are not articles (shops, recipes, index pages)


def as_reject(rejected: InputRejected) -> Reject:
    return Reject(rejected.source, rejected.reason, rejected.detail, rejected.locator)
