"""A story comparison in the terminal: facts with ticks per outlet, quotes, entities."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsprism.cli.listing import cut
from newsprism.model.article import Article
from newsprism.model.comparison import Comparison, Fact, Stated

_SENTENCE_WIDTH = 80

html_option = click.option(
    "--html",
    "html_out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write a self-contained HTML report of the comparison to this file.",
)


def print_comparison(out: Console, comparison: Comparison, articles: Sequence[Article]) -> None:
    """`articles`: the story's articles (the texts the comparison's offsets point into).

    Laid out for any terminal width: outlets are lettered columns (A, B, …) in the facts
    table, and quotes, framing and names are listed, one line each, cut with "…"."""
    texts = {article.id: article.text for article in articles}
    outlet_of = {article.id: article.outlet or "" for article in articles}
    letters = _letters(comparison.outlets)
    print_facts(out, comparison, texts, outlet_of=outlet_of)
    width = max(out.width, 40)
    out.print()
    out.print(Text("quotes by speaker", style="bold"))
    for row in comparison.quotes:
        out.print(Text(cut(row.speaker, width), style="bold"))
        for cell in row.cells:
            quoted = _clip(cell.quote.text_of(texts[cell.article_id]))
            # Only direct speech goes in quotation marks; indirect speech is labelled.
            said = f"„{quoted}“" if cell.kind == "direct" else f"(reported) {quoted}"
            prefix = f"  {letters.get(cell.outlet, '?')} " + (
                "(shortened) " if cell.shortened else ""
            )
            out.print(Text(cut(prefix + said, width)))
    out.print()
    out.print(Text("framing", style="bold"))
    for frame in comparison.framing:
        outlet = outlet_of[frame.article_id]
        words = ", ".join(
            f"{w.span.text_of(texts[frame.article_id])} ({w.polarity:+.1f})"
            for w in frame.evaluative[:6]
        )
        tone = ", ".join(f"{name} {value:+.1f}" for name, value in list(frame.tone.items())[:4])
        out.print(Text(cut(f"{letters.get(outlet, '?')} {outlet}: {frame.kind.value}", width)))
        if words:
            out.print(Text(cut(f"    evaluative words: {words}", width)))
        if tone:
            out.print(Text(cut(f"    tone towards: {tone}", width)))
    for copy in comparison.wire:
        out.print(
            Text(
                f"wire copy: {outlet_of[copy.article_id]} reprints the agency text of "
                f"{outlet_of[copy.agency_article_id]} ({copy.similarity:.0%} of sentences): "
                f"{len(copy.added)} added, {len(copy.changed)} reworded, {len(copy.cut)} cut"
            )
        )
        for span in copy.added:
            out.print(
                Text(cut("  + " + span.text_of(texts[copy.article_id]), width)), style="green"
            )
        for span in copy.cut:
            out.print(
                Text(cut("  - " + span.text_of(texts[copy.agency_article_id]), width)), style="red"
            )
    everyone = set().union(*comparison.entities.values()) if comparison.entities else set()
    out.print()
    out.print(Text("names each outlet leaves out", style="bold"))
    for outlet in comparison.outlets:
        own = comparison.entities.get(outlet, frozenset())
        missing = ", ".join(sorted(everyone - own)) or "none"
        line = f"{letters[outlet]} {outlet} ({len(own)} names): {missing}"
        out.print(Text(cut(line, width)))


def _letters(outlets: Sequence[str]) -> dict[str, str]:
    """A, B, …, Z, then AA, AB, …: short column heads for the outlets."""
    names = [chr(ord("A") + i) for i in range(26)]
    names += [a + b for a in names for b in names]
    return {outlet: names[i] for i, outlet in enumerate(outlets)}


_MARKS = {
    "yes": Text("✓", style="green"),
    "only": Text("✓!", style="yellow"),
    "left-out": Text("✗", style="red"),
    "not-found": Text("?", style="dim"),
}
LEGEND = (
    "✓ reports it · ✓! only this one independent voice (an agency text and its reprints are "
    "one voice) · ✗ left out: most other voices report it and nothing in the outlet's article "
    "comes close · ? not found: not aligned, but something comes close (or a teaser) — check "
    "before quoting · differs: the outlets give different numbers, dates or speakers"
)


def print_facts(
    out: Console, comparison: Comparison, texts: dict[str, str], outlet_of: dict[str, str]
) -> None:
    """The facts table, then what differs between outlets, the closest wording of each fact
    marked "not found", and the agency texts that count as one voice."""
    outlets = comparison.outlets
    status: dict[tuple[int, str], str] = {}
    notes: list[str] = []
    for outlet, found in comparison.omissions.items():
        for omission in found:
            status[(omission.fact, outlet)] = omission.status.value
            closest = omission.closest
            if omission.status.value == "not-found" and closest is not None:
                wording = _cut(closest.span.text_of(texts[closest.article_id]))
                notes.append(
                    f"fact {omission.fact} not found in {outlet}; closest "
                    f"({closest.score:.2f}): {wording}"
                )
    shared = sum(1 for fact in comparison.facts if len(fact.voices) > 1)
    letters = _letters(outlets)
    out.print(
        Text(
            f"facts ({len(comparison.facts)}, {shared} reported by more than one voice)",
            style="bold",
        )
    )
    for outlet in outlets:
        out.print(Text(f"  {letters[outlet]} = {outlet}"))
    # Fixed columns: the number and one narrow column per outlet; the fact takes the rest.
    mark_width = max(2, *(len(letter) for letter in letters.values()))
    padding = 2 * (len(outlets) + 1)  # one space each side of a column, none at the edges
    fact_width = max(out.width - 3 - mark_width * len(outlets) - padding, 20)
    facts = Table(box=None, pad_edge=False, header_style="bold", padding=(0, 1))
    facts.add_column("#", justify="right", width=3, no_wrap=True)
    facts.add_column("fact (first wording)", width=fact_width, no_wrap=True)
    for outlet in outlets:
        facts.add_column(letters[outlet], justify="center", width=mark_width, no_wrap=True)
    differs: list[str] = []
    for number, fact in enumerate(comparison.facts):
        first = fact.members[0]
        wording = first.span.text_of(texts[first.article_id])
        if first.role == "reported":  # indirect speech: labelled, never put in quotes
            wording = f"(reported{': ' + first.speaker if first.speaker else ''}) {wording}"
        marks = []
        for outlet in outlets:
            if outlet in fact.outlets:
                marks.append(_MARKS["only" if len(fact.voices) == 1 else "yes"])
            else:
                marks.append(_MARKS.get(status.get((number, outlet), ""), Text("")))
        facts.add_row(str(number), Text(cut(wording, fact_width)), *marks)
        for discrepancy in fact.discrepancies:
            values = " vs ".join(
                f"{_value(discrepancy.field, value.value, value.stated, fact, texts)} "
                f"({', '.join(_outlets(fact, value.stated))})"
                for value in discrepancy.values
            )
            differs.append(f"fact {number} differs ({discrepancy.field}): {values}")
    out.print(facts)
    # Sentences, wrapped at words to the terminal (the console does not wrap by itself).
    out.print(Text(LEGEND, style="dim"), soft_wrap=False)
    for line in differs:
        out.print(Text(line, style="bold red"), soft_wrap=False)
    for line in notes:
        out.print(Text(line, style="dim"), soft_wrap=False)
    families: dict[str, list[str]] = {}
    for article_id, voice in comparison.voices.items():
        families.setdefault(voice, []).append(outlet_of.get(article_id, ""))
    for voice, members in families.items():
        if len(members) > 1:
            out.print(
                Text(
                    f"one voice: the agency text of {outlet_of.get(voice, '')} ran in "
                    f"{', '.join(dict.fromkeys(members))}"
                )
            )


def _clip(text: str, width: int = 60) -> str:
    """A quote cut short says so, inside the marks: "„… übergreifen“" is what was said."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _outlets(fact: Fact, stated: Sequence[Stated]) -> list[str]:
    return list(dict.fromkeys(fact.members[s.member].outlet for s in stated))


def _cut(text: str) -> str:
    return text if len(text) <= _SENTENCE_WIDTH else text[: _SENTENCE_WIDTH - 1] + "…"


def _value(
    field: str, value: str, stated: Sequence[Stated], fact: Fact, texts: dict[str, str]
) -> str:
    if field == "name" or not stated:
        return value
    member = fact.members[stated[0].member]
    return stated[0].span.text_of(texts[member.article_id])
