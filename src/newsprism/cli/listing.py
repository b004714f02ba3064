"""Listings that read well in any terminal, 80 columns included.

A listing is a table while its columns fit the terminal: ids and dates are never cut (they are
copied into the next command), the text columns share the rest and are cut at a word with "…".
When even that does not fit, each row becomes a short block: its fixed fields on one line, each
text field indented on its own line. Cells are `Text`, never markup: article text is hostile.
Long listings stop at a default limit and say how to see the rest (`--all`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsprism.present.records import to_local

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_LIMIT = 50
ELLIPSIS = "…"
GAP = 2  # spaces between columns


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    flex: bool = False  # a text column: takes the room left, cut at a word with "…"
    min_width: int = 16  # a text column narrower than this: switch to blocks
    max_width: int | None = None  # a text column never wider than this
    justify: Literal["left", "right"] = "left"


def cut(text: str | None, width: int) -> str:
    """`text` on one line, at most `width` characters; cut at a word boundary with "…"."""
    if not text:
        return ""
    indent = text[: len(text) - len(text.lstrip(" "))]  # a block's indentation is kept
    text = indent + " ".join(text.split())
    if len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    head = text[: width - 1]
    space = head.rfind(" ")
    if space >= (width - 1) * 0.6:
        head = head[:space]
    return head.rstrip(" ,;:-–") + ELLIPSIS


def _widths(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], total: int
) -> list[int] | None:
    """Each column's width, or None when a text column would be narrower than its minimum.
    Fixed columns get what they hold; the text columns share the rest, the narrowest first
    (each takes what it holds, up to its `max_width` and a fair share of what is left)."""
    natural = [
        max([len(column.header), *(len(" ".join(row[i].split())) for row in rows)])
        for i, column in enumerate(columns)
    ]
    widths = list(natural)
    fixed = sum(w for w, c in zip(natural, columns, strict=True) if not c.flex)
    room = total - fixed - GAP * (len(columns) - 1)
    flexible = sorted(
        (i for i, c in enumerate(columns) if c.flex),
        key=lambda i: min(natural[i], columns[i].max_width or natural[i]),
    )
    if room < 0:
        return None
    for place, i in enumerate(flexible):
        share = room // (len(flexible) - place)
        widths[i] = min(natural[i], columns[i].max_width or natural[i], share)
        room -= widths[i]
    if any(widths[i] < min(columns[i].min_width, natural[i]) for i in flexible):
        return None
    return widths


def print_listing(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
) -> None:
    """A table when it fits `console.width`, else one block per row."""
    if title:
        console.print(Text(title, style="bold"))
    if not rows:
        return
    widths = _widths(columns, rows, console.width)
    if widths is None:
        _print_blocks(console, columns, rows)
        return
    table = Table(box=None, pad_edge=False, padding=(0, GAP // 2), header_style="bold")
    for column, width in zip(columns, widths, strict=True):
        table.add_column(
            column.header,
            width=width,
            no_wrap=True,
            overflow="ellipsis",
            justify=column.justify,
        )
    for row in rows:
        table.add_row(*(Text(cut(cell, width)) for cell, width in zip(row, widths, strict=True)))
    console.print(table)


def _print_blocks(
    console: Console, columns: Sequence[Column], rows: Sequence[Sequence[str]]
) -> None:
    width = max(console.width - 4, 20)
    for row in rows:
        head = "  ".join(
            cell for cell, column in zip(row, columns, strict=True) if not column.flex and cell
        )
        console.print(Text(cut(head, console.width), style="bold"))
        for cell, column in zip(row, columns, strict=True):
            if column.flex and cell:
                console.print(Text("    " + cut(cell, width)))


def when(moment: datetime | None) -> str:
    """A time as the reader's clock shows it (`present.records`: $NEWSPRISM_TZ or this machine's
    zone), with the zone's abbreviation, so that nobody has to guess."""
    if moment is None:
        return ""
    local = to_local(moment)
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or "")


def limit_options(default: int = DEFAULT_LIMIT) -> Callable[[F], F]:
    """--limit N (default `default` in the terminal), --offset N and --all."""

    def decorate(command: F) -> F:
        command = click.option(
            "--all", "show_all", is_flag=True, help="Every one, not only the first --limit."
        )(command)
        command = click.option(
            "--offset", type=click.IntRange(min=0), default=0, help="Skip this many first."
        )(command)
        return click.option(
            "--limit",
            type=click.IntRange(min=1),
            default=None,
            help=f"At most this many (default {default}; --all for every one).",
        )(command)

    return decorate


def effective_limit(limit: int | None, show_all: bool, default: int = DEFAULT_LIMIT) -> int | None:
    if show_all:
        return None
    return default if limit is None else limit


def print_more(console: Console, shown: int, more: bool, what: str, offset: int = 0) -> None:
    """Under a cut listing: how to see the rest."""
    if more:
        console.print(
            Text(
                f"… first {shown} {what} shown (from {offset + 1}): --all for every one, "
                f"--offset {offset + shown} for the next"
            ),
            style="dim",
        )
