"""Text normalisation and the content id: the same text is the same article wherever it comes from."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Characters that carry no content but differ between exports of one text.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u00ad\u2060"), None)
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x0b|\x0c|\x85")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{2,}")


def normalise_text(text: str) -> str:
    """NFC, one kind of line break, one space for any run of spaces, one paragraph per line.

    Paragraph breaks are unified to a single newline because HTML extraction, news-please
    JSON and hand-written text files disagree on blank lines between paragraphs.
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _LINE_BREAKS.sub("\n", text)
    text = _HORIZONTAL_SPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", text).strip()


def content_id(normalised: str) -> str:
    """First 16 hex digits of sha256 over the normalised text."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]
