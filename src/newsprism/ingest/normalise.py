"""Normalising: a found article becomes an `Article` (content id, outlet, plausible date,
metadata safe to store and show), or a reject when no text is left. Shared by `ingest`,
`watch` and the Spark job."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsprism.errors import RejectReason
from newsprism.ingest.gate import MIN_ARTICLE_CHARS, TOO_SHORT, too_short
from newsprism.ingest.language import identify_language
from newsprism.ingest.outlet import resolve_outlet
from newsprism.ingest.records import FoundArticle
from newsprism.model import Article, Reject, has_words, normalise_field, printable

_EARLIEST_PLAUSIBLE = datetime(1990, 1, 1, tzinfo=UTC)


def _plausible(moment: datetime | None, now: datetime) -> datetime | None:
    """Dates from the web are often wrong; drop the impossible ones rather than trust them."""
    if moment is None or moment < _EARLIEST_PLAUSIBLE or moment > now + timedelta(days=2):
        return None
    return moment


def _dated_by(found: FoundArticle, published: datetime | None) -> str | None:
    """Where the article's time came from; "fetched" when its download date stands in."""
    if published is not None:
        return found.dated_by or "source"
    return "fetched" if found.fetched is not None else None


def article_from_found(
    found: FoundArticle,
    outlet_option: str | None = None,
    *,
    gate: bool = True,
    min_chars: int = MIN_ARTICLE_CHARS,
) -> Article | Reject:
    """The normalisation step shared by ingest, watch and the Spark job: a found article becomes
    an `Article` (content id, outlet, plausible date, metadata safe to store and show), or a
    reject when no text is left or (with `gate`) when the text is under `min_chars` and not
    marked as a teaser. The language is left to `with_language`: stores skip it for copies
    they already hold."""
    url = normalise_field(found.url)
    source_path = printable(found.source_path)
    outlet = resolve_outlet(outlet_option, normalise_field(found.outlet), url, source_path)
    now = datetime.now(UTC)
    published = _plausible(found.published, now)
    article = Article.from_text(
        found.text,
        title=normalise_field(found.title),
        url=url,
        outlet=normalise_field(outlet),
        authors=tuple(a for a in map(normalise_field, found.authors) if a is not None),
        published=published,
        updated=_plausible(found.updated, now),
        dated_by=_dated_by(found, published),
        fetched=found.fetched,
        kind=found.kind,
        caption=normalise_field(found.caption),
        description=normalise_field(found.description),
        source_path=source_path,
        ingested_at=now,
        teaser=found.teaser,
    )
    if not has_words(article.text):
        detail = "text is empty after normalisation"
        if article.text:
            detail = "the text holds no letters or digits, only invisible characters or symbols"
        return Reject(source_path, RejectReason.NO_TEXT, detail, found.locator)
    problem = too_short(article.text, min_chars) if gate and not article.teaser else None
    if problem is not None:
        return Reject(source_path, TOO_SHORT, problem, found.locator)
    return article


def with_language(article: Article, found: FoundArticle) -> Article:
    return article.with_metadata(language=found.language or identify_language(article.text))
