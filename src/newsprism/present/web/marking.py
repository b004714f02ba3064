"""Article text as HTML with spans marked: every character of the text goes through `escape`.

Spans may nest or overlap (a name inside a quote, an evaluative word inside both), so the text
is cut at every span boundary and each piece is wrapped in the tags of all spans covering it:
the markup is always well-formed whatever the spans, and no tag ever holds article text
unescaped. Attribute values (speaker names, labels) are escaped too.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from newsprism.model.comparison import Framing
from newsprism.model.spans import Entity, Quote

SPEAKER_COLOURS = 8  # classes spk-0 … spk-7 in newsprism.css
FACT_COLOURS = 12  # classes fact-0 … fact-11; the number on each label tells facts apart


@dataclass(frozen=True, slots=True)
class Mark:
    """One span to mark: tag and attributes (already escaped by `attributes`)."""

    start: int
    end: int
    tag: str
    attrs: Markup
    order: int  # outer marks first when several cover the same piece


def attributes(**values: str) -> Markup:
    # class_ → class, data_speaker → data-speaker
    parts = [
        f'{name.rstrip("_").replace("_", "-")}="{escape(value)}"' for name, value in values.items()
    ]
    return Markup(" " + " ".join(parts)) if parts else Markup("")


def marked_text(text: str, marks: Iterable[Mark], start: int = 0, end: int | None = None) -> Markup:
    """text[start:end], escaped, with each mark's tag around the pieces it covers."""
    end = len(text) if end is None else end
    inside = [m for m in marks if m.start < end and m.end > start and m.start < m.end]
    cuts = sorted(
        {start, end} | {max(start, m.start) for m in inside} | {min(end, m.end) for m in inside}
    )
    pieces: list[str] = []
    for left, right in itertools.pairwise(cuts):
        covering = sorted((m for m in inside if m.start <= left and m.end >= right), key=_order)
        piece = str(escape(text[left:right]))
        for mark in reversed(covering):
            piece = f"<{mark.tag}{mark.attrs}>{piece}</{mark.tag}>"
        pieces.append(piece)
    return Markup("".join(pieces))


def _order(mark: Mark) -> tuple[int, int, int]:
    return (mark.order, mark.start, -mark.end)


def speaker_classes(quotes: Sequence[Quote]) -> dict[str, int]:
    """Each speaker's colour number, in order of first quote."""
    colours: dict[str, int] = {}
    for quote in quotes:
        name = speaker_name(quote)
        if name not in colours:
            colours[name] = len(colours) % SPEAKER_COLOURS
    return colours


def speaker_name(quote: Quote) -> str:
    if quote.speaker is None:
        return "unknown speaker"
    return quote.speaker.canonical or "unknown speaker"


def article_marks(
    entities: Sequence[Entity], quotes: Sequence[Quote], framing: Framing
) -> list[Mark]:
    colours = speaker_classes(quotes)
    marks = [
        Mark(
            q.start,
            q.end,
            "span",
            attributes(
                class_=f"quote spk-{colours[speaker_name(q)]}",
                title=f"{speaker_name(q)} ({q.kind.value})",
                data_speaker=speaker_name(q),
            ),
            0,
        )
        for q in quotes
    ]
    marks += [
        Mark(
            e.start,
            e.end,
            "span",
            attributes(
                class_=f"ent ent-{e.label.value}",
                title=f"{e.label.value}: {e.canonical}" + (f" ({e.role})" if e.role else ""),
            ),
            1,
        )
        for e in entities
    ]
    marks += [
        Mark(
            w.span.start,
            w.span.end,
            "span",
            attributes(
                class_="eval " + ("pos" if w.polarity > 0 else "neg"),
                title=f"{w.polarity:+.2f} ({w.lexicon}{': ' + w.why if w.why else ''})",
            ),
            2,
        )
        for w in framing.evaluative
    ]
    return marks


def snippet_html(snippet: str, marks: tuple[str, str]) -> Markup:
    """An FTS5 snippet with hits between private-use marks → escaped text with <mark>."""
    opening, closing = marks
    pieces: list[str] = []
    inside = False
    buffer = ""
    for char in snippet:
        if char in (opening, closing):
            pieces.append(str(escape(buffer)))
            buffer = ""
            want = char == opening
            if want != inside:
                pieces.append("<mark>" if want else "</mark>")
                inside = want
            continue
        buffer += char
    pieces.append(str(escape(buffer)))
    if inside:
        pieces.append("</mark>")
    return Markup("".join(pieces))
