"""`newsprism export --format jsonl|csv|parquet`"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsprism.cli.context import Settings, common_options, pass_settings
from newsprism.errors import ConfigError
from newsprism.present.export import FORMATS, export


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: stdout; Parquet needs a file).",
)
@click.option("--outlet", default=None, help="Only this outlet's articles.")
@common_options
@pass_settings
def export_command(settings: Settings, fmt: str, output: Path | None, outlet: str | None) -> None:
    """Export articles: JSONL with news-please field names, CSV, or Parquet."""
    if fmt == "parquet" and output is None:
        raise ConfigError("parquet export needs a file: add --output FILE.parquet")
    store = settings.open_store(readonly=True)
    try:
        count = export(store.articles(outlet=outlet), fmt, output or sys.stdout)
    finally:
        store.close()
    settings.err.print(f"exported {count} articles" + (f" to {output}" if output else ""))
