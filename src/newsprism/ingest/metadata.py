"""A page's metadata from every source it offers, in order of trust.

Publish time: JSON-LD (`NewsArticle` and kin: `datePublished`, with its offset), then the
meta tags (`article:published_time`, `date`, Dublin Core, …), then a `<time datetime>` in the
article (never one in a figure, caption or sidebar), then htmldate (through trafilatura), then
a date in the URL. A source that gives only the day yields to a later one that gives the time
of that same day. `dateModified` (`article:modified_time`) is kept as `updated`.

Title: JSON-LD `headline`, `og:title`, the `<h1>`, `<title>`; a title cut short ("…") yields
to a longer one that starts the same; the site's name is cut off (see `titles`).

Authors: JSON-LD persons, then the meta tags, then a byline in the article, then
trafilatura's guess; each cleaned and filtered (see `authors`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from lxml.etree import XPath  # type: ignore[import-untyped]
from lxml.html import HtmlElement  # type: ignore[import-untyped]

from newsprism.ingest.authors import clean_authors
from newsprism.ingest.dates import PageTime, parse_page_time
from newsprism.ingest.titles import SUFFIXES, TitleSuffixes, choose_title

ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "LiveBlogPosting",
        "Article",
        "BlogPosting",
        "SatiricalArticle",
        "Report",
    }
)
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
_SITE_META = ("og:site_name", "application-name", "publisher", "twitter:site")
# Elements whose dates and bylines are not the article's: captions, sidebars, teasers.
_ASIDE = (
    "ancestor::figure or ancestor::figcaption or ancestor::aside or ancestor::nav or "
    "ancestor::footer or ancestor::*[contains(@class, 'teaser') or contains(@class, 'related')"
    " or contains(@class, 'caption') or contains(@class, 'sidebar')]"
)
_LD_SCRIPTS = XPath("//script[@type='application/ld+json']")
_META = XPath("//meta[@content]")
_PUBLISHED_NODES = XPath(f"//*[@itemprop='datePublished'][not({_ASIDE})]")
_TIME_NODES = XPath(f"//time[@datetime][not({_ASIDE})]")
_H1 = XPath("//h1")
_TITLE = XPath("//title")
_BYLINES = XPath(
    "//*[@rel='author' or @itemprop='author' or contains(@class, 'byline') or "
    f"contains(@class, 'author')][not({_ASIDE})]"
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None = None
    published: datetime | None = None
    dated_by: str | None = None  # which source gave `published`: json-ld, meta, time, htmldate, url
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    site_names: tuple[str, ...] = ()
    description: str | None = None
    types: frozenset[str] = field(default_factory=frozenset)  # JSON-LD @types on the page
    og_type: str | None = None


def json_ld_objects(tree: HtmlElement) -> list[dict[str, object]]:
    """Every JSON-LD object on the page, lists and @graph flattened; broken blocks skipped."""
    found: list[dict[str, object]] = []
    for script in _LD_SCRIPTS(tree):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            try:  # trailing commas are the commonest fault
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
            except ValueError:
                continue
        found.extend(_flatten(data))
    return found


def _flatten(data: object) -> Iterator[dict[str, object]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        yield from _flatten(data.get("@graph"))


def types_of(obj: dict[str, object]) -> set[str]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return {kind.rsplit("/", 1)[-1]}
    if isinstance(kind, list):
        return {k.rsplit("/", 1)[-1] for k in kind if isinstance(k, str)}
    return set()


def _article_object(objects: list[dict[str, object]]) -> dict[str, object] | None:
    """The page's article: a NewsArticle-kind object first, then any article type."""
    candidates = [obj for obj in objects if types_of(obj) & ARTICLE_TYPES]
    news = [obj for obj in candidates if any("News" in t for t in types_of(obj))]
    chosen = news or candidates
    return chosen[0] if chosen else None


def meta_tags(tree: HtmlElement) -> dict[str, str]:
    """`<meta>` values by lower-cased property, name or itemprop; the first one wins."""
    tags: dict[str, str] = {}
    for meta in _META(tree):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        value = (meta.get("content") or "").strip()
        if key and value:
            tags.setdefault(key.strip().lower(), value)
    return tags


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list) and value:
        return _text(value[0])
    return None


def _ld_authors(article: dict[str, object] | None) -> list[str]:
    if article is None:
        return []
    value = article.get("author") or article.get("creator")
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            if types_of(item) & {"Organization", "NewsMediaOrganization", "Corporation"}:
                continue
            name = _text(item.get("name"))
        else:
            name = _text(item)
        if name:
            names.append(name)
    return names


def _time_elements(tree: HtmlElement) -> list[str]:
    """`datetime` of <time> and itemprop=datePublished in the article, not in captions."""
    values = []
    for node in _PUBLISHED_NODES(tree):
        value = node.get("datetime") or node.get("content")
        if value:
            values.append(value)
    for node in _TIME_NODES(tree):
        values.append(node.get("datetime") or "")
    return values


def _htmldate_time(value: object) -> PageTime | None:
    """htmldate's date. It writes midnight when it found only the day (that is no time of
    day), and its last resort, the copyright year as 1 January, is no date at all."""
    found = parse_page_time(value)
    if found is None:
        return None
    if not found.has_offset and found.moment.strftime("%H:%M:%S") == "00:00:00":
        found = PageTime(found.moment, has_time=False, has_offset=False)
    if not found.has_time and found.moment.strftime("%m-%d") == "01-01":
        return None
    return found


def _url_time(url: str | None) -> PageTime | None:
    match = _URL_DATE.search(url or "")
    if match is None:
        return None
    return parse_page_time("-".join(match.groups()))


def choose_time(
    candidates: Iterable[tuple[str, PageTime | None]],
) -> tuple[datetime | None, str | None]:
    """The most trusted time; a day without time yields to a later source's time of that day,
    and a time without offset to the same wall-clock time with one. `candidates` is read
    lazily, most trusted first: once a time with its offset is found, the rest is not."""
    best: PageTime | None = None
    best_source: str | None = None
    for source, time in candidates:
        if time is None:
            continue
        if best is None:
            best, best_source = time, source
        elif time.moment.date() == best.moment.date():
            later_time = not best.has_time and time.has_time
            same_clock = time.moment.replace(tzinfo=None) == best.moment.replace(tzinfo=None)
            with_offset = best.has_time and not best.has_offset and time.has_offset and same_clock
            if later_time or with_offset:
                best, best_source = time, source
        if best.has_time and best.has_offset:
            break
    return (best.moment, best_source) if best is not None else (None, None)


def _published_times(
    tree: HtmlElement,
    article: dict[str, object] | None,
    tags: dict[str, str],
    fallback: dict[str, object],
    url: str | None,
) -> Iterator[tuple[str, PageTime | None]]:
    """Candidates for the publish time, most trusted first, each read only when asked for."""
    yield "json-ld", parse_page_time(article.get("datePublished") if article else None)
    for key in _PUBLISHED_META:
        yield "meta", parse_page_time(tags.get(key))
    for value in _time_elements(tree):
        yield "time", parse_page_time(value)
    yield "htmldate", _htmldate_time(fallback.get("date"))
    yield "url", _url_time(url)


def _first_h1(tree: HtmlElement) -> str | None:
    """The first <h1> inside <article> or <main>, else the first one."""
    first = None
    for node in _H1(tree):
        text = " ".join(node.text_content().split())
        if not text:
            continue
        if any(a.tag in ("article", "main") for a in node.iterancestors()):
            return text
        first = first or text
    return first


def _site_names(tags: dict[str, str], article: dict[str, object] | None) -> tuple[str, ...]:
    names = [tags[key] for key in _SITE_META if key in tags]
    if article is not None:
        publisher = _text(article.get("publisher"))
        if publisher:
            names.append(publisher)
    return tuple(dict.fromkeys(n.lstrip("@") for n in names if n))


def read_metadata(
    tree: HtmlElement,
    *,
    url: str | None,
    host: str | None,
    fallback: dict[str, object],
    suffixes: TitleSuffixes = SUFFIXES,
) -> PageMetadata:
    """The page's metadata; `fallback` is what trafilatura found (title, date, author)."""
    objects = json_ld_objects(tree)
    article = _article_object(objects)
    tags = meta_tags(tree)
    site_names = _site_names(tags, article)
    title_nodes = _TITLE(tree)
    page_title = " ".join(title_nodes[0].text_content().split()) if title_nodes else None
    title = choose_title(
        [
            _text(article.get("headline")) if article else None,
            tags.get("og:title"),
            _first_h1(tree),
            tags.get("twitter:title"),
            page_title,
            _text(fallback.get("title")),
        ],
        site_names=site_names,
        host=host,
        suffixes=suffixes,
    )
    published, dated_by = choose_time(_published_times(tree, article, tags, fallback, url))
    updated, _ = choose_time(
        [("json-ld", parse_page_time(article.get("dateModified") if article else None))]
        + [("meta", parse_page_time(tags.get(key))) for key in _MODIFIED_META]
    )
    authors = _authors(tree, article, tags, fallback, site_names, host)
    description = (_text(article.get("description")) if article else None) or tags.get(
        "og:description", tags.get("description")
    )
    return PageMetadata(
        title=title,
        published=published,
        dated_by=dated_by,
        updated=updated,
        authors=authors,
        site_names=site_names,
        description=description,
        types=frozenset(t for obj in objects for t in types_of(obj)),
        og_type=tags.get("og:type"),
    )


def _authors(
    tree: HtmlElement,
    article: dict[str, object] | None,
    tags: dict[str, str],
    fallback: dict[str, object],
    site_names: tuple[str, ...],
    host: str | None,
) -> tuple[str, ...]:
    """The first source that names a person: JSON-LD, meta tags, the byline, trafilatura."""

    def sources() -> Iterator[list[str]]:  # each read only when the ones before named no one
        yield _ld_authors(article)
        yield [tags[key] for key in _AUTHOR_META if key in tags and "://" not in tags[key]][:1]
        yield [" ".join(node.text_content().split()) for node in _BYLINES(tree)[:4]]
        fallback_author = _text(fallback.get("author"))
        yield [fallback_author] if fallback_author else []

    for raw in sources():
        cleaned = clean_authors(raw, site_names=site_names, host=host)
        if cleaned:
            return cleaned
    return ()
