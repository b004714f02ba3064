"""Text normalisation and the content id: the same text is one article wherever it comes from."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Characters that carry no content but differ between exports of one text.
_INVISIBLE = re.compile("[\ufeff\u200b\u00ad\u2060]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85\x1c\x1d\x1e]")


def normalise_text(text: str) -> str:
    """NFC, one kind of line break, one space for any run of spaces, one paragraph per line.

    Paragraph breaks are unified to a single newline because HTML extraction, news-please
    JSON and hand-written text files disagree on blank lines between paragraphs.
    """
    if not unicodedata.is_normalized("NFC", text):  # the check is much cheaper than the work
        text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _LINE_BREAKS.sub("\n", text)
    # str.split() with no argument splits on every Unicode space and drops empty parts.
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def content_id(normalised: str) -> str:
    """First 16 hex digits of sha256 over the normalised text."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]
