"""RSS and Atom files (feedparser), after defusedxml refuses entity declarations.

An item's full content is its article; an item with only a summary is stored as a teaser
(marked: the start of an article, not full coverage). An image caption (`media:description`,
which feedparser puts into `content`) is never taken for the article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import feedparser
import trafilatura
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from newsprism.errors import InputRejected, RejectReason
from newsprism.ingest.dates import parse_datetime
from newsprism.ingest.decoding import check_text_bytes, read_bytes
from newsprism.ingest.records import FoundArticle, ReaderItem, ReadOptions, as_reject

# Character references to lone surrogates (&#xD800;, &#55296;) make feedparser raise while
# it decodes them; they can stand for nothing, so they become U+FFFD before it sees them.
_SURROGATE_REFERENCE = re.compile(
    rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*(?:5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]));"
)


# A CDATA section written escaped ("&lt;![CDATA[…]]&gt;", as some Atom 0.3 feeds do): unwrapped
# before parsing, or feedparser's sanitiser drops the whole text or leaves "]]>" in it.
_ESCAPED_CDATA = re.compile(rb"&lt;!\[CDATA\[(.*?)\]\]&gt;", re.DOTALL)
_CDATA_MARKS = re.compile(r"<!\[CDATA\[|\]\]>")
# "[mehr]", "mehr »", "Weiterlesen …" at the end of a feed's text: links, not words.
_MORE_LINK = re.compile(
    r"\s*(?:\[\s*(?:mehr|weiter|more)\s*\]|(?:mehr|weiterlesen|read more)\s*(?:»|›|…|\.\.\.)?)\s*$",
    re.IGNORECASE,
)
# An image caption with its credit: what `media:description` holds, and feedparser puts
# into `content` when the item has no other content.
_CREDIT = re.compile(
    r"\b(?:Foto|Fotos|Bild|Photo|Photograph|Image|Credit)s?\s*:|\((?:Photo|Foto|Bild)\b|"
    r"Getty Images|picture[ -]alliance|/\s*(?:dpa|AP|AFP|Reuters)\b|\bvia (?:AP|Reuters|Getty)",
    re.IGNORECASE,
)
_CAPTION_MAX = 400


def defuse_references(raw: bytes) -> bytes:
    """The feed with character references that can stand for no character replaced, and
    escaped CDATA sections unwrapped."""
    return _ESCAPED_CDATA.sub(rb"\1", _SURROGATE_REFERENCE.sub(b"&#xFFFD;", raw))


def is_caption(text: str, entry: Any) -> bool:
    """An image caption rather than the article: a credit in it, or a plain-text content of
    an item with media (where feedparser puts `media:description`), short either way."""
    if len(text) > _CAPTION_MAX:
        return False
    has_media = bool(entry.get("media_content") or entry.get("media_thumbnail"))
    return _CREDIT.search(text) is not None or has_media


def check_xml_safe(raw: bytes, source: str) -> None:
    """Reject entity declarations (billion laughs) and external references before parsing."""
    try:
        safe_fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise InputRejected(RejectReason.UNSAFE_XML, source, type(error).__name__) from error
    except ParseError:
        pass  # malformed but harmless: feedparser's lenient parser may still read it


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment from a feed entry, one paragraph per line, without CDATA
    marks and trailing "[mehr]" links."""
    return _MORE_LINK.sub("", _fragment_text(_CDATA_MARKS.sub("", markup))).strip()


def _fragment_text(markup: str) -> str:
    if "<" not in markup:
        return markup.strip()
    text = trafilatura.extract(
        f"<html><body><article>{markup}</article></body></html>",
        favor_recall=True,
        include_comments=False,
        include_tables=False,
    )
    if text:
        return str(text)
    return str(trafilatura.html2txt(markup) or "")


def entry_text(entry: Any) -> tuple[str, bool]:
    """(text, is_full_content): full content when the feed carries it, else the summary;
    never an image caption (`media:description`)."""
    summary = fragment_text(entry.get("summary") or "")
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if not value.strip():
            continue
        text = fragment_text(value)
        plain = (content.get("type") or "").startswith("text/plain")
        if (plain or len(text) < len(summary)) and is_caption(text, entry):
            continue
        if text == summary:
            break  # the summary again: a teaser, not the article
        return text, True
    if is_caption(summary, entry) and _CREDIT.search(summary):
        return "", False
    return summary, False


def read_feed_file(path: Path, options: ReadOptions) -> Iterator[ReaderItem]:
    source = str(path)
    try:
        raw = read_bytes(path, options.max_bytes)
        check_text_bytes(raw, source)
        check_xml_safe(raw, source)
    except InputRejected as rejected:
        yield as_reject(rejected)
        return
    parsed = feedparser.parse(
        defuse_references(raw), sanitize_html=True, resolve_relative_uris=False
    )
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f"no entries ({problem})" if problem else "no entries"
        yield as_reject(InputRejected(RejectReason.BAD_FEED, source, detail))
        return
    feed_title = (parsed.get("feed") or {}).get("title") or None
    language = (parsed.get("feed") or {}).get("language") or None
    for number, entry in enumerate(entries, start=1):
        link = entry.get("link") or None
        locator = link or f"entry {number}"
        text, full = entry_text(entry)
        if not text.strip():
            yield as_reject(
                InputRejected(
                    RejectReason.NO_TEXT, source, "entry has no content or summary", locator
                )
            )
            continue
        published = parse_datetime(entry.get("published_parsed") or entry.get("updated_parsed"))
        authors = tuple(
            a.get("name", "").strip() for a in entry.get("authors") or [] if a.get("name")
        )
        yield FoundArticle(
            text=text,
            source_path=source,
            locator=locator,
            title=entry.get("title") or None,
            url=link,
            outlet=None if link else feed_title,
            authors=authors,
            published=published,
            updated=parse_datetime(entry.get("updated_parsed")) if published else None,
            dated_by="feed" if published else None,
            language=language.split("-")[0].lower() if isinstance(language, str) else None,
            description=fragment_text(entry.get("summary") or "") or None if full else None,
            teaser=not full,  # only the feed's summary: the start of the article, marked
        )
