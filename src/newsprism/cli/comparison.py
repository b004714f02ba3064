"""A story comparison in the terminal: facts with ticks per outlet, quotes, entities."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsprism.compare.story import StoryComparison

_SENTENCE_WIDTH = 80

html_option = click.option(
    "--html",
    "html_out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write a self-contained HTML report of the comparison to this file.",
)


def print_comparison(out: Console, result: StoryComparison) -> None:
    comparison = result.comparison
    texts = {item.article.id: item.article.text for item in result.articles}
    outlets = result.outlets
    facts = Table(
        title="facts (✓ reports it, ✗ leaves out what most others report)", title_justify="left"
    )
    facts.add_column("#", justify="right")
    facts.add_column("fact (first wording)")
    for outlet in outlets:
        facts.add_column(escape(outlet), justify="center")
    for number, fact in enumerate(comparison.facts):
        first = fact.sentences[0]
        sentence = first.sentence.text_of(texts[first.article_id])
        if len(sentence) > _SENTENCE_WIDTH:
            sentence = sentence[: _SENTENCE_WIDTH - 1] + "…"
        marks = []
        for outlet in outlets:
            if outlet in fact.outlets:
                marks.append(
                    "[green]✓[/green]" if len(fact.outlets) > 1 else "[yellow]✓ only[/yellow]"
                )
            elif number in comparison.omissions.get(outlet, ()):
                marks.append("[red]✗[/red]")
            else:
                marks.append("")
        facts.add_row(str(number), escape(sentence), *marks)
    out.print(facts)
    quotes = Table(title="quotes by speaker", title_justify="left")
    quotes.add_column("speaker")
    for outlet in outlets:
        quotes.add_column(escape(outlet))
    for row in result.quote_rows:
        cells = []
        for outlet in outlets:
            said = [c for c in row.cells if c.outlet == outlet]
            text = " / ".join(
                ("(shortened) " if c.shortened else "") + c.quote.text_of(texts[c.article_id])[:60]
                for c in said
            )
            cells.append(escape(text))
        quotes.add_row(escape(row.speaker), *cells)
    out.print(quotes)
    framing = Table(title="framing", title_justify="left")
    for column in ("outlet", "kind", "evaluative words", "tone towards"):
        framing.add_column(column)
    outlet_of = {item.article.id: item.article.outlet or "" for item in result.articles}
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
