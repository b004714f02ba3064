"""Entities and quotes of an article in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsprism.model.annotations import Annotations
from newsprism.present.spans import entity_summary

_QUOTE_WIDTH = 90


def print_annotations(out: Console, text: str, annotations: Annotations | None) -> None:
    if annotations is None:
        out.print("[dim]not analysed (ingested with --no-analyse)[/dim]")
        return
    entities = Table(title="entities", title_justify="left", box=None)
    for column in ("label", "canonical name", "mentions", "role"):
        entities.add_column(column)
    for label, name, count, role in entity_summary(annotations):
        entities.add_row(label, escape(name), str(count), escape(role or ""))
    out.print(entities)
    quotes = Table(title="quotes", title_justify="left", box=None)
    for column in ("speaker", "kind", "cue", "quote", "conf."):
        quotes.add_column(column)
    for quote in annotations.quotes:
        speaker = "?"
        if quote.speaker is not None:
            written = quote.speaker.text_of(text)
            speaker = quote.speaker.canonical or written
            if written and written != speaker:
                speaker += f" ({written})"
        said = quote.text_of(text)
        if len(said) > _QUOTE_WIDTH:
            said = said[: _QUOTE_WIDTH - 1] + "…"
        quotes.add_row(
            escape(speaker),
            quote.kind.value,
            escape(quote.cue.text_of(text)) if quote.cue else "",
            escape(said),
            f"{quote.confidence:.2f}",
        )
    out.print(quotes)
