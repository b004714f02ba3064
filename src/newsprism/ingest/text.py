"""Plain text files: optional front matter; a leading photo caption with a credit is split off;
a first line that reads as a headline is the title.

Front matter is a block of `key: value` lines between two `---` lines at the very top::

    ---
    title: Lindenbrücke gesperrt
    date: 2026-03-09T18:30:00+01:00
    url: https://www.tagesblatt.de/lokales/lindenbruecke
    outlet: tagesblatt.de
    author: Jana Beispiel; Tom Muster
    language: de
    ---
    Die Stadt sperrt die Lindenbrücke …

Every key is optional; an unknown key, a date that cannot be read or a block that is never
closed rejects the file with a reason naming the line, so that a typo is never silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from newsprism.errors import InputRejected, RejectReason
from newsprism.ingest.dates import parse_datetime
from newsprism.ingest.decoding import decode_text, read_bytes
from newsprism.ingest.records import FoundArticle, ReaderItem, ReadOptions, as_reject
from newsprism.model import Reject

# "… Foto: AFP/ Jana Beispiel", "(Bild: dpa)", "© picture alliance / dpa", "Quelle: Reuters".
_CREDIT = re.compile(
    r"(?:(?:^|[\s(\[|/·–-])(?:Fotos?|Bild(?:er)?|Bildquelle|Photo|Grafik|Archivfoto|Archivbild)"
    r"\s*:\s*\S[^\n]{0,100}$)|(?:©\s*\S[^\n]{0,100}$)",
    re.IGNORECASE,
)
_MAX_CAPTION_CHARS = 400
_MAX_CAPTION_LINES = 2


def split_caption(text: str) -> tuple[str | None, str]:
    """(caption, body): leading lines that end in a photo credit are the caption."""
    lines = text.lstrip("\ufeff").split("\n")
    captions: list[str] = []
    index = 0
    while index < len(lines) and len(captions) < _MAX_CAPTION_LINES:
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if len(line) <= _MAX_CAPTION_CHARS and _CREDIT.search(line):
            captions.append(line)
            index += 1
            continue
        break
    if not captions:
        return None, text
    return " ".join(captions), "\n".join(lines[index:])


# -- front matter ---------------------------------------------------------------------------------

FRONT_MATTER_FENCE = "---"
_MAX_FRONT_MATTER_LINES = 40
# key (and its German spelling) -> field
FRONT_MATTER_KEYS: dict[str, str] = {
    "title": "title",
    "titel": "title",
    "headline": "title",
    "date": "published",
    "datum": "published",
    "published": "published",
    "url": "url",
    "link": "url",
    "outlet": "outlet",
    "quelle": "outlet",
    "source": "outlet",
    "author": "authors",
    "authors": "authors",
    "autor": "authors",
    "autorin": "authors",
    "language": "language",
    "sprache": "language",
}


def split_front_matter(text: str, source: str) -> tuple[dict[str, str], str]:
    """(fields, the rest of the text); no front matter: ({}, text). Raises InputRejected on a
    block that is never closed, a line that is not `key: value`, or an unknown key."""
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        return {}, text
    head = lines[1 : _MAX_FRONT_MATTER_LINES + 1]
    closing = next((i for i, line in enumerate(head) if line.strip() == FRONT_MATTER_FENCE), None)
    if closing is None:
        raise InputRejected(
            RejectReason.BAD_FRONT_MATTER,
            source,
            f"front matter opened with {FRONT_MATTER_FENCE!r} on line 1 is not closed by a "
            f"{FRONT_MATTER_FENCE!r} line within {_MAX_FRONT_MATTER_LINES} lines",
            "line 1",
        )
    fields: dict[str, str] = {}
    for number, line in enumerate(head[:closing], start=2):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, colon, value = stripped.partition(":")
        name = FRONT_MATTER_KEYS.get(key.strip().lower())
        if not colon or name is None:
            raise InputRejected(
                RejectReason.BAD_FRONT_MATTER,
                source,
                f"front matter: {stripped[:60]!r} is not 'key: value' with a known key "
                "(title, date, url, outlet, author, language)",
                f"line {number}",
            )
        fields[name] = value.strip().strip('"').strip()
    return fields, "\n".join(lines[closing + 2 :])


# -- headline ------------------------------------------------------------------------------------

_MAX_HEADLINE_CHARS = 140
_MAX_HEADLINE_WORDS = 18
# A sentence ends inside the line: then it is the first paragraph, not a headline.
_SENTENCE_INSIDE = re.compile(r"[.…][\"“”»«]?\s+[A-ZÄÖÜ„\"»]")
_NOT_A_HEADLINE_END = tuple(".,;:–-—/(")


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, the text): a first line that reads as a headline — short, several words, no
    sentence end inside or at its end (a question or exclamation mark may end it), more text
    after it — is the title. It stays in the text, so that the article's id (over its text)
    does not depend on how the headline was recognised."""
    stripped = text.lstrip("\ufeff\n ")
    first, newline, rest = stripped.partition("\n")
    line = first.strip()
    words = line.split()
    if (
        not newline
        or not rest.strip()
        or len(line) > _MAX_HEADLINE_CHARS
        or not 2 <= len(words) <= _MAX_HEADLINE_WORDS
        or line.endswith(_NOT_A_HEADLINE_END)
        or _SENTENCE_INSIDE.search(line)
        or not (line[0].isupper() or line[0].isdigit() or line[0] in '„"»‚')
        or len(rest.strip()) < 2 * len(line)
    ):
        return None, text
    return line, text


def front_matter_date(value: str) -> datetime | None:
    """A date as a person writes it at the top of a file: ISO 8601 or RFC 2822; one without an
    offset is read in this machine's time zone (as its author most likely meant it)."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return parse_datetime(value)
    return moment.astimezone() if moment.tzinfo is None else moment


def text_article(text: str, source: str) -> FoundArticle | Reject:
    """A decoded plain text as an article: front matter, caption, headline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        fields, text = split_front_matter(text, source)
        published = None
        if "published" in fields:
            published = front_matter_date(fields["published"])
            if published is None:
                raise InputRejected(
                    RejectReason.BAD_FRONT_MATTER,
                    source,
                    f"front matter: date {fields['published'][:40]!r} is not a date "
                    "(write it as 2026-03-09 or 2026-03-09T18:30:00+01:00)",
                )
    except InputRejected as rejected:
        return as_reject(rejected)
    caption, body = split_caption(text)
    title = fields.get("title") or None
    if title is None:
        title, body = split_headline(body)
    authors = tuple(a.strip() for a in fields.get("authors", "").split(";") if a.strip())
    return FoundArticle(
        text=body,
        source_path=source,
        caption=caption,
        title=title,
        url=fields.get("url") or None,
        outlet=fields.get("outlet") or None,
        authors=authors,
        published=published,
        language=fields.get("language") or None,
    )


def read_text_file(path: Path, options: ReadOptions) -> Iterator[ReaderItem]:
    source = str(path)
    try:
        raw = read_bytes(path, options.max_bytes)
        text = decode_text(raw, source)
    except InputRejected as rejected:
        yield as_reject(rejected)
        return
    yield text_article(text, source)
