"""`newsprism export [--table T|all] --format jsonl|csv|parquet [--story ID] [--since/--until]`"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

import click

from newsprism.cli.context import Settings, common_options, pass_settings, resolve_id
from newsprism.errors import ConfigError
from newsprism.present.export import (
    FORMATS,
    TABLES,
    ExportSource,
    Selection,
    export_all,
    export_table,
)

ALL = "all"


def parse_moment(value: str | None, option: str, *, end_of_day: bool = False) -> datetime | None:
    """An ISO date or time; without an offset it is read in this machine's time zone. A bare
    date given as the end of a span means the end of that day."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as error:
        raise ConfigError(
            f"{option} {value!r} is not a date: write 2026-03-09 or 2026-03-09T18:30+01:00"
        ) from error
    if end_of_day and len(value.strip()) == 10:
        moment += timedelta(days=1)
    return moment.astimezone() if moment.tzinfo is None else moment


@click.command("export")
@click.option(
    "--table",
    type=click.Choice([*TABLES, ALL]),
    default="articles",
    show_default=True,
    help="What to export; 'all' writes every table into the --output folder.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "--excel",
    is_flag=True,
    help="CSV for Excel: UTF-8 with BOM, ';' between fields, no cell read as a formula.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default: stdout; Parquet needs a file; --table all a folder).",
)
@click.option("--story", "story", default=None, help="Only this story (its id or a prefix).")
@click.option("--since", default=None, help="Only articles published from this date or time.")
@click.option(
    "--until",
    default=None,
    help="Only articles published before this time (a date: up to the end of that day).",
)
@click.option("--outlet", default=None, help="Only this outlet's articles.")
@common_options
@pass_settings
def export_command(
    settings: Settings,
    table: str,
    fmt: str,
    excel: bool,
    output: Path | None,
    story: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
) -> None:
    """Export articles, stories, memberships, quotes, entities, facts, omissions, discrepancies.

    JSONL (articles with news-please field names), CSV or Parquet; times keep their offsets.
    """
    if excel and fmt != "csv":
        raise ConfigError("--excel is an option of CSV: add --format csv")
    if table == ALL and output is None:
        raise ConfigError("--table all writes one file per table: add --output FOLDER")
    if fmt == "parquet" and output is None:
        raise ConfigError("parquet export needs a file: add --output FILE.parquet")
    store = settings.open_store(readonly=True)
    try:
        selection = Selection(
            story=None if story is None else resolve_id(store, "story", story),
            since=parse_moment(since, "--since"),
            until=parse_moment(until, "--until", end_of_day=True),
            outlet=outlet,
        )
        source = ExportSource(store, selection)
        if table == ALL:
            assert output is not None
            counts = export_all(source, fmt, output, excel=excel)
        else:
            counts = {table: export_table(source, table, fmt, output or sys.stdout, excel=excel)}
    finally:
        store.close()
    where = f" to {output}" if output else ""
    settings.err.print("exported " + ", ".join(f"{n} {name}" for name, n in counts.items()) + where)
