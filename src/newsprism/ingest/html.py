"""HTML pages: charset from header, meta or BOM; text and metadata by trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import trafilatura

from newsprism.errors import InputRejected, RejectReason
from newsprism.ingest.dates import parse_datetime
from newsprism.ingest.decoding import decode_html, read_bytes
from newsprism.ingest.records import FoundArticle, ReaderItem, ReadOptions, as_reject

# Below this, what trafilatura found is navigation or a link list, not an article.
MIN_TEXT_CHARS = 80

# Keep the time and offset when the page gives them, not only the day.
_DATE_PARAMS = {
    "extensive_search": True,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura keeps the <h1> as the first line; news-please's maintext does not."""
    first, _, rest = text.partition("\n")
    if title and rest and first.strip() == title.strip():
        return rest
    return text


def extract_html(
    raw: bytes,
    source: str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    fetched: datetime | None = None,
    locator: str | None = None,
) -> FoundArticle:
    """One page to one article; raises InputRejected when there is no article text."""
    markup = decode_html(raw, source, content_type, locator)
    try:
        document = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError) as error:  # trafilatura's own parse failures
        raise InputRejected(
            RejectReason.NO_TEXT, source, f"extraction failed: {error}", locator
        ) from error
    if document is None:
        raise InputRejected(RejectReason.NO_TEXT, source, "no article text found", locator)
    fields = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = (fields.get("text") or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        raise InputRejected(
            RejectReason.NO_TEXT,
            source,
            f"no article text found ({len(text)} characters of text outside the page's clutter)",
            locator,
        )
    title = fields.get("title") or None
    text = _drop_title_line(text, title)
    author = fields.get("author") or ""
    page_url = url or fields.get("url") or None
    return FoundArticle(
        text=text,
        source_path=source,
        locator=locator,
        title=title,
        url=page_url,
        # With a URL the host names the outlet, as in feeds and news-please JSON; a site
        # name is only a fallback, so one outlet does not appear under two names.
        outlet=None if page_url else _sitename(fields),
        authors=tuple(a.strip() for a in author.split(";") if a.strip()),
        published=parse_datetime(fields.get("date")),
        fetched=fetched,
        language=None,
        description=fields.get("description") or None,
    )


def _sitename(fields: dict[str, object]) -> str | None:
    """The page's own site name; trafilatura falls back to the host, which outlet.py does too."""
    sitename = fields.get("sitename")
    if isinstance(sitename, str) and sitename.strip() and sitename != fields.get("hostname"):
        return sitename.strip()
    return None


def read_html_file(path: Path, options: ReadOptions) -> Iterator[ReaderItem]:
    source = str(path)
    try:
        yield extract_html(read_bytes(path, options.max_bytes), source)
    except InputRejected as rejected:
        yield as_reject(rejected)
