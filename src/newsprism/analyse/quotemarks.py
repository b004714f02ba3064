"""Pairing quotation marks in German and English news text: „…“ »…« «…» "…" “…” ‚…‘ ›…‹.

A quote left open at the end of a paragraph goes on in the next paragraph when that one opens
with a mark, as German typesetting does for quotes over several paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark → the marks that may close it.
PAIRS = {
    "„": ("“", "”", '"'),
    "»": ("«",),
    "«": ("»",),
    "“": ("”",),
    '"': ('"',),
    "‚": ("‘", "’"),
    "›": ("‹",),
}
# Any opening mark: the scan jumps from one to the next instead of stepping through the text.
_OPENING = re.compile("[" + re.escape("".join(PAIRS)) + "]")


@dataclass(slots=True)
class QuotationMarks:
    start: int
    end: int
    open_ended: bool


def quotation_marks(text: str) -> list[QuotationMarks]:
    """Spans from an opening mark to its closing mark (or to the end of the paragraph)."""
    spans: list[QuotationMarks] = []
    position = 0
    length = len(text)
    while position < length:
        found = _OPENING.search(text, position)
        if found is None:
            break
        position = found.start()
        char = text[position]
        closers = PAIRS[char]
        if not _opens(text, position):
            position += 1
            continue
        paragraph_end = text.find("\n", position)
        if paragraph_end < 0:
            paragraph_end = length
        close = _find_closer(text, position + 1, paragraph_end, closers, char)
        if close < 0:
            spans.append(QuotationMarks(position, paragraph_end, True))
            position = paragraph_end
        else:
            spans.append(QuotationMarks(position, close + 1, False))
            position = close + 1
    return _join_paragraphs(spans, text)


def _opens(text: str, position: int) -> bool:
    char = text[position]
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if after.isspace():
        return False
    if char in {'"', "“", "‚", "«"}:
        # Straight and English marks open only after a space or bracket; "‚" is also a comma.
        return before.isspace() or before in "([–—-/:"
    return True


def _find_closer(text: str, start: int, stop: int, closers: tuple[str, ...], opener: str) -> int:
    depth = 0
    for position in range(start, stop):
        char = text[position]
        if char == opener and opener not in closers and _opens(text, position):
            depth += 1
        elif char in closers:
            if opener in {"‚"} and position + 1 < len(text) and text[position + 1].isalpha():
                continue  # an apostrophe inside a word
            if depth == 0:
                return position
            depth -= 1
    return -1


def _join_paragraphs(spans: list[QuotationMarks], text: str) -> list[QuotationMarks]:
    """A quote left open at a paragraph end goes on in the next one that opens with a mark."""
    joined: list[QuotationMarks] = []
    for span in spans:
        if joined and joined[-1].open_ended:
            previous = joined[-1]
            between = text[previous.end : span.start]
            if between.strip() == "" and between.count("\n") == 1:
                joined[-1] = QuotationMarks(previous.start, span.end, span.open_ended)
                continue
        joined.append(span)
    return joined


CLOSING_MARKS = frozenset({"“", "”", '"', "«", "»", "‘", "’", "‹", "›"})
