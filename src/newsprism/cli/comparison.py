"""A story comparison in the terminal: facts with ticks per outlet, quotes, entities."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

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
    """`articles`: the story's articles (the texts the comparison's offsets point into)."""
    texts = {article.id: article.text for article in articles}
    outlets = comparison.outlets
    print_facts(out, comparison, texts, outlet_of={a.id: a.outlet or "" for a in articles})
    quotes = Table(title="quotes by speaker", title_justify="left")
    quotes.add_column("speaker")
    for outlet in outlets:
        quotes.add_column(escape(outlet))
    for row in comparison.quotes:
        cells = []
        for outlet in outlets:
            said = [c for c in row.cells if c.outlet == outlet]
            text = " / ".join(
                ("(shortened) " if c.shortened else "")
                # Only direct speech goes in quotation marks; indirect speech is labelled.
                + (
                    f"„{_clip(c.quote.text_of(texts[c.article_id]))}“"
                    if c.kind == "direct"
                    else f"(reported) {_clip(c.quote.text_of(texts[c.article_id]))}"
                )
                for c in said
            )
            cells.append(escape(text))
        quotes.add_row(escape(row.speaker), *cells)
    out.print(quotes)
    framing = Table(title="framing", title_justify="left")
    for column in ("outlet", "kind", "evaluative words", "tone towards"):
        framing.add_column(column)
    outlet_of = {article.id: article.outlet or "" for article in articles}
    for frame in comparison.framing:
        words = ", ".join(
            f"{w.span.text_of(texts[frame.article_id])} ({w.polarity:+.1f})"
            for w in frame.evaluative[:6]
        )
        tone = ", ".join(f"{name} {value:+.1f}" for name, value in list(frame.tone.items())[:4])
        framing.add_row(
            escape(outlet_of[frame.article_id]), frame.kind.value, escape(words), escape(tone)
        )
    out.print(framing)
    for copy in comparison.wire:
        out.print(
            f"[bold]wire copy[/bold]: {escape(outlet_of[copy.article_id])} reprints the agency "
            f"text of {escape(outlet_of[copy.agency_article_id])} "
            f"({copy.similarity:.0%} of sentences): "
            f"{len(copy.added)} added, {len(copy.changed)} reworded, {len(copy.cut)} cut"
        )
        for span in copy.added:
            out.print(f"  [green]+[/green] {escape(span.text_of(texts[copy.article_id]))}")
        for span in copy.cut:
            out.print(f"  [red]-[/red] {escape(span.text_of(texts[copy.agency_article_id]))}")
    everyone = set().union(*comparison.entities.values()) if comparison.entities else set()
    entities = Table(title="names each outlet leaves out", title_justify="left")
    entities.add_column("outlet")
    entities.add_column("mentions")
    entities.add_column("leaves out")
    for outlet in outlets:
        own = comparison.entities.get(outlet, frozenset())
        entities.add_row(
            escape(outlet), str(len(own)), escape(", ".join(sorted(everyone - own))[:200])
        )
    out.print(entities)


_MARKS = {
    "yes": "[green]✓[/green]",
    "only": "[yellow]✓ only[/yellow]",
    "left-out": "[red]✗ left out[/red]",
    "not-found": "[dim]? not found[/dim]",
}
LEGEND = (
    "✓ reports it · ✓ only: one independent voice alone (an agency text and its reprints are "
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
                    f"fact {omission.fact} not found in {escape(outlet)}; closest "
                    f"({closest.score:.2f}): {escape(wording)}"
                )
    shared = sum(1 for fact in comparison.facts if len(fact.voices) > 1)
    facts = Table(
        title=f"facts ({len(comparison.facts)}, {shared} reported by more than one voice)",
        caption=LEGEND,
        title_justify="left",
        caption_justify="left",
    )
    facts.add_column("#", justify="right")
    facts.add_column("fact (first wording)")
    for outlet in outlets:
        facts.add_column(escape(outlet), justify="center")
    differs: list[str] = []
    for number, fact in enumerate(comparison.facts):
        first = fact.members[0]
        wording = _cut(first.span.text_of(texts[first.article_id]))
        if first.role == "reported":  # indirect speech: labelled, never put in quotes
            wording = f"(reported{': ' + first.speaker if first.speaker else ''}) {wording}"
        marks = []
        for outlet in outlets:
            if outlet in fact.outlets:
                marks.append(_MARKS["only" if len(fact.voices) == 1 else "yes"])
            else:
                marks.append(_MARKS.get(status.get((number, outlet), ""), ""))
        facts.add_row(str(number), escape(wording), *marks)
        for discrepancy in fact.discrepancies:
            values = " vs ".join(
                f"{escape(_value(discrepancy.field, value.value, value.stated, fact, texts))} "
                f"({escape(', '.join(_outlets(fact, value.stated)))})"
                for value in discrepancy.values
            )
            differs.append(f"fact {number} differs ({discrepancy.field}): {values}")
    out.print(facts)
    for line in differs:
        out.print(f"[bold red]{line}[/bold red]")
    for line in notes:
        out.print(f"[dim]{line}[/dim]")
    families: dict[str, list[str]] = {}
    for article_id, voice in comparison.voices.items():
        families.setdefault(voice, []).append(outlet_of.get(article_id, ""))
    for voice, members in families.items():
        if len(members) > 1:
            out.print(
                f"one voice: the agency text of {escape(outlet_of.get(voice, ''))} ran in "
                f"{escape(', '.join(dict.fromkeys(members)))}"
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
