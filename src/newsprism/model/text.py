"""Text normalisation and the content id: the same text is one article wherever it comes from.

Article text and metadata are hostile input: whatever reader they came through, control
characters, lone surrogates (from JSON escapes or undecodable file names) and bidi overrides
are removed here, so that nothing stored can break an encoder, a terminal or a page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Characters that carry no content but differ between exports of one text: zero-width
# spaces, soft hyphens, word joiners, the BOM, and the invisible Mongolian vowel separator.
_INVISIBLE = "\ufeff\u200b\u00ad\u2060\u180e\u2061-\u2064"
# C0/C1 controls but tab and the line breaks handled below, DEL, lone surrogates, and the bidi
# embeddings, overrides and isolates, which can make a text display other than it reads.
_UNSAFE = "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069"
_DROPPED = re.compile(f"[{_INVISIBLE}{_UNSAFE}]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85\x1c\x1d\x1e]")


def strip_unsafe(text: str) -> str:
    """`text` without control characters, lone surrogates, bidi controls and invisible
    characters; line breaks and tabs are kept as they are."""
    return _DROPPED.sub("", text)


def normalise_text(text: str) -> str:
    """NFC, one kind of line break, one space for any run of spaces, one paragraph per line.

    Paragraph breaks are unified to a single newline because HTML extraction, news-please
    JSON and hand-written text files disagree on blank lines between paragraphs.
    """
    if _is_clean(text):  # most texts: the regular expressions below would find nothing
        if _is_tidy(text):
            return text
        return _join_lines(text)
    # Surrogates first: NFC of a string holding a lone surrogate is fine, but the checks
    # below must never see one.
    text = _DROPPED.sub("", text)
    if not unicodedata.is_normalized("NFC", text):  # the check is much cheaper than the work
        text = unicodedata.normalize("NFC", text)
    return _join_lines(_LINE_BREAKS.sub("\n", text))


def _join_lines(text: str) -> str:
    # str.split() with no argument splits on every Unicode space and drops empty parts.
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _is_clean(text: str) -> bool:
    """Nothing to drop, no line break but "\\n", no space but " ", already NFC: every character
    `_DROPPED` or `_LINE_BREAKS` matches, and every space `str.split` splits on but " ", is
    "not printable" (Unicode categories C and Z), so one C-speed check rules them all out."""
    return text.replace("\n", " ").isprintable() and unicodedata.is_normalized("NFC", text)


def _is_tidy(text: str) -> bool:
    """A clean text `_join_lines` leaves as it is: no empty line, no space at a line's ends,
    no run of spaces."""
    return not (
        text.startswith((" ", "\n"))
        or text.endswith((" ", "\n"))
        or "  " in text
        or " \n" in text
        or "\n " in text
        or "\n\n" in text
    )


def normalise_field(value: str | None) -> str | None:
    """A metadata value (title, URL, outlet, author) on one line, safe to store and show;
    None when nothing is left."""
    if value is None:
        return None
    cleaned = " ".join(normalise_text(value).split())
    return cleaned or None


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(value: str) -> str:
    """An identifier (a path, a locator, an error message) with every character that cannot be
    stored or shown safely written as an escape: unlike article text, a file name must stay
    recognisable, so nothing is dropped."""
    value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL.sub(lambda match: ascii(match.group())[1:-1], value)


def has_words(text: str) -> bool:
    """Whether a text holds any letter or digit: one of only punctuation, symbols or invisible
    characters is no article."""
    return any(character.isalnum() for character in text)


def content_id(normalised: str) -> str:
    """First 16 hex digits of sha256 over the normalised text."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]
