"""The article: text stored once, with its metadata."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from newsprism.model.text import content_id, normalise_text


class ArticleKind(StrEnum):
    REPORT = "report"
    COMMENTARY = "commentary"
    INTERVIEW = "interview"
    AGENCY = "agency"
    LIVE = "live"  # a live blog: time-stamped entries
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Article:
    """One article. `text` is normalised; every span elsewhere is an offset into it.

    Field names follow news-please where they overlap: `text` ↔ `maintext`,
    `published` ↔ `date_publish`, `fetched` ↔ `date_download`, `outlet` ↔ `source_domain`.
    """

    id: str
    text: str
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
    source_path: str | None = None
    ingested_at: datetime | None = None
    teaser: bool = False  # a teaser (paywall, feed summary): the start of an article only
    updated: datetime | None = None  # when the outlet last changed it (dateModified)
    # Where the time came from: "json-ld", "meta", "time", "htmldate", "url", "feed", "record";
    # "fetched" when the article gave none and its download (or WARC) date stands in for it.
    dated_by: str | None = None

    def __post_init__(self) -> None:
        for name in ("published", "fetched", "ingested_at", "updated"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(
                    f"Article.{name} must be timezone-aware, got naive {value.isoformat()}; "
                    "attach a timezone (newsprism reads naive times as UTC on ingest)"
                )

    @classmethod
    def from_text(cls, text: str, **metadata: object) -> Article:
        """Normalise `text` and derive the content id from it."""
        normalised = normalise_text(text)
        return cls(id=content_id(normalised), text=normalised, **metadata)  # type: ignore[arg-type]

    def with_metadata(self, **changes: object) -> Article:
        """A copy with other metadata; the text and id cannot change this way."""
        if "text" in changes or "id" in changes:
            raise ValueError("text and id are fixed; build a new Article with Article.from_text")
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """One place an article was seen: the same text may arrive under several URLs and outlets."""

    article_id: str
    url: str | None
    outlet: str | None
    source_path: str | None
    locator: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
