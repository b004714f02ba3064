"""RSS and Atom files (feedparser), after defusedxml refuses entity declarations."""

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


def defuse_references(raw: bytes) -> bytes:
    """The feed with character references that can stand for no character replaced."""
    return _SURROGATE_REFERENCE.sub(b"&#xFFFD;", raw)


def check_xml_safe(raw: bytes, source: str) -> None:
    """Reject entity declarations (billion laughs) and external references before parsing."""
    try:
        safe_fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise InputRejected(RejectReason.UNSAFE_XML, source, type(error).__name__) from error
    except ParseError:
        pass  # malformed but harmless: feedparser's lenient parser may still read it


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment from a feed entry, one paragraph per line."""
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


def _entry_text(entry: Any) -> tuple[str, bool]:
    """(text, is_full_content): full content when the feed carries it, else the summary."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return fragment_text(value), True
    return fragment_text(entry.get("summary") or ""), False


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
        text, full = _entry_text(entry)
        if not text.strip():
            yield as_reject(
                InputRejected(
                    RejectReason.NO_TEXT, source, "entry has no content or summary", locator
                )
            )
            continue
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
            published=parse_datetime(entry.get("published_parsed") or entry.get("updated_parsed")),
            language=language.split("-")[0].lower() if isinstance(language, str) else None,
            description=fragment_text(entry.get("summary") or "") or None if full else None,
        )
