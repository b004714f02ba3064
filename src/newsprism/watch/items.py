"""What a feed or a sitemap announces: article links with a title and a time when given.

Feeds go through the same guard as feed files on ingest (defusedxml refuses entity
declarations, so no billion laughs) and then feedparser; sitemaps (urlset, news sitemaps,
sitemap indexes) through defusedxml's ElementTree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from newsprism.errors import InputRejected, RejectReason
from newsprism.ingest.dates import parse_datetime
from newsprism.ingest.feeds import check_xml_safe, defuse_references, entry_text
from newsprism.ingest.records import FoundArticle


@dataclass(frozen=True, slots=True)
class FeedItem:
    link: str | None
    title: str | None = None
    published: datetime | None = None
    is_sitemap: bool = False  # a sitemap index entry: another sitemap, not an article
    summary: str | None = None  # the feed's own text (never an image caption), if any
    authors: tuple[str, ...] = ()


def teaser_from_item(item: FeedItem, source: str) -> FoundArticle | None:
    """What the feed said about an item whose page could not be fetched: its summary,
    stored as a teaser (the outlet covered the story), or None when it gave no text."""
    if not item.summary or not item.summary.strip():
        return None
    return FoundArticle(
        text=item.summary,
        source_path=source,
        locator=item.link,
        title=item.title,
        url=item.link,
        authors=item.authors,
        published=item.published,
        dated_by="feed" if item.published else None,
        teaser=True,
    )


def parse_feed(raw: bytes, source: str) -> list[FeedItem]:
    """Items of an RSS or Atom feed; InputRejected when it is unsafe or no feed at all."""
    check_xml_safe(raw, source)
    parsed: Any = feedparser.parse(
        defuse_references(raw), sanitize_html=True, resolve_relative_uris=False
    )
    entries = parsed.get("entries") or []
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        raise InputRejected(
            RejectReason.BAD_FEED,
            source,
            f"not an RSS or Atom feed ({type(problem).__name__ if problem else 'no entries'})",
        )
    items = []
    for entry in entries:
        link = entry.get("link") or None
        published = parse_datetime(entry.get("published_parsed") or entry.get("updated_parsed"))
        text, _ = entry_text(entry)
        authors = tuple(
            a.get("name", "").strip() for a in entry.get("authors") or [] if a.get("name")
        )
        items.append(
            FeedItem(
                link, entry.get("title") or None, published, summary=text or None, authors=authors
            )
        )
    return items


_NS_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NS_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse_sitemap(raw: bytes, source: str) -> list[FeedItem]:
    """URLs of a sitemap (with news titles and dates), or of a sitemap index's sitemaps."""
    try:
        root = safe_fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise InputRejected(RejectReason.UNSAFE_XML, source, type(error).__name__) from error
    except ParseError as error:
        raise InputRejected(RejectReason.BAD_FEED, source, f"not a sitemap: {error}") from error
    tag = root.tag.rsplit("}", 1)[-1]
    if tag not in ("urlset", "sitemapindex"):
        raise InputRejected(RejectReason.BAD_FEED, source, f"not a sitemap (<{tag}>)")
    items = []
    for entry in root:
        location = entry.findtext(f"{_NS_SITEMAP}loc") or entry.findtext("loc")
        if tag == "sitemapindex":
            items.append(FeedItem((location or "").strip() or None, is_sitemap=True))
            continue
        news = entry.find(f"{_NS_NEWS}news")
        title = news.findtext(f"{_NS_NEWS}title") if news is not None else None
        when = (
            news.findtext(f"{_NS_NEWS}publication_date") if news is not None else None
        ) or entry.findtext(f"{_NS_SITEMAP}lastmod")
        items.append(FeedItem((location or "").strip() or None, title, parse_datetime(when)))
    return items
