"""HTML pages: charset from BOM, header, valid UTF-8 or meta; text by trafilatura, cleaned;
metadata from JSON-LD, meta tags, <time>, htmldate and the URL (see `metadata`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import trafilatura
from lxml.etree import XPath  # type: ignore[import-untyped]
from lxml.html import HtmlElement  # type: ignore[import-untyped]
from trafilatura.utils import load_html

from newsprism.errors import InputRejected, RejectReason
from newsprism.ingest.cleanup import clean_text
from newsprism.ingest.decoding import decode_html, read_bytes
from newsprism.ingest.gate import NOT_AN_ARTICLE, page_problem
from newsprism.ingest.metadata import read_metadata
from newsprism.ingest.records import FoundArticle, ReaderItem, ReadOptions, as_reject
from newsprism.ingest.titles import SUFFIXES, TitleSuffixes
from newsprism.model.url import host_of

# Below this, what trafilatura found is navigation or a link list, not an article.
MIN_TEXT_CHARS = 80

# Keep the time and offset when the page gives them, not only the day. htmldate's extensive
# search (dates anywhere in the text) is off: it finds no time of day, only a day, and on an
# undated page that day comes from a teaser, a caption or the copyright line; the fetch date
# is the better stand-in then (`dated_by` "fetched").
_DATE_PARAMS = {
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


# Kickers (Dachzeile, overline) above the headline and leads (the teaser paragraph), found by
# their class in one pass over the page.
_KICKER_CLASSES = ("kicker", "dachzeile", "overline", "topline", "roofline", "eyebrow")
_LEAD_CLASSES = ("lead", "intro", "standfirst", "article-summary")
_MARKED = XPath(
    "//*["
    + " or ".join(f"contains(@class, '{c}')" for c in (*_KICKER_CLASSES, *_LEAD_CLASSES))
    + "]"
)
_NOT_LEAD = ("aside", "nav")


def _inside(node: HtmlElement, tags: tuple[str, ...]) -> bool:
    return any(ancestor.tag in tags for ancestor in node.iterancestors())


def _kicker_and_lead(tree: HtmlElement) -> tuple[list[str], str | None]:
    """Kicker lines, and the lead shown on the page (which extractors sometimes leave out)."""
    kickers: list[str] = []
    lead: str | None = None
    for node in _MARKED(tree)[:20]:
        classes = node.get("class") or ""
        text = " ".join(node.text_content().split())
        if any(c in classes for c in _KICKER_CLASSES):
            kickers.append(text)
        elif lead is None and len(text) >= 60 and not _inside(node, _NOT_LEAD):
            lead = text
    return kickers, lead


def _check_length(text: str, source: str, locator: str | None) -> None:
    if len(text) < MIN_TEXT_CHARS:
        raise InputRejected(
            RejectReason.NO_TEXT,
            source,
            f"no article text found ({len(text)} characters of text outside the page's clutter)",
            locator,
        )


def _parse(markup: str, source: str, locator: str | None) -> HtmlElement:
    tree = load_html(markup)
    if tree is None:
        raise InputRejected(RejectReason.NO_TEXT, source, "not an HTML page", locator)
    return tree


def extract_html(
    raw: bytes,
    source: str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    fetched: datetime | None = None,
    locator: str | None = None,
    gate: bool = True,
    suffixes: TitleSuffixes = SUFFIXES,
) -> FoundArticle:
    """One page to one article; raises InputRejected when there is no article text, or (with
    `gate`) when the page is not an article."""
    markup = decode_html(raw, source, content_type, locator)
    tree = _parse(markup, source, locator)
    kickers, lead = _kicker_and_lead(tree)
    try:
        # trafilatura works on a copy: `tree` is read again for the metadata below.
        document = trafilatura.bare_extraction(
            tree,
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
    page_url = url or fields.get("url") or None
    metadata = read_metadata(
        tree, url=page_url, host=host_of(page_url), fallback=fields, suffixes=suffixes
    )
    raw_text = (fields.get("text") or "").strip()
    _check_length(raw_text, source, locator)
    if gate and (problem := page_problem(tree, metadata, raw_text)) is not None:
        raise InputRejected(NOT_AN_ARTICLE, source, problem, locator)
    text = clean_text(raw_text, title=metadata.title, kickers=kickers, lead=lead)
    _check_length(text, source, locator)
    return FoundArticle(
        text=text,
        source_path=source,
        locator=locator,
        title=metadata.title,
        url=page_url,
        # With a URL the host names the outlet, as in feeds and news-please JSON; a site
        # name is only a fallback, so one outlet does not appear under two names.
        outlet=None if page_url else _sitename(fields),
        authors=metadata.authors,
        published=metadata.published,
        updated=metadata.updated,
        dated_by=metadata.dated_by,
        fetched=fetched,
        language=None,
        description=metadata.description or fields.get("description") or None,
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
        yield extract_html(read_bytes(path, options.max_bytes), source, gate=options.gate)
    except InputRejected as rejected:
        yield as_reject(rejected)
