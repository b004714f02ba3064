"""`newsprism ingest PATH...`"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from newsprism.cli.context import (
    Settings,
    common_options,
    comparison_drawer,
    embedding_option,
    json_option,
    load_embedder,
    pass_settings,
    print_json,
    url_fetcher,
)
from newsprism.ingest import DEFAULT_MAX_BYTES
from newsprism.ingest.sources import InputFile
from newsprism.run import DEFAULT_NEAR_DUPLICATE_THRESHOLD, IngestOptions, IngestReport, ingest
from newsprism.run.prepare import default_workers
from newsprism.store import Store


class RichIngestProgress:
    """A progress bar over the bytes of all inputs, with running counts."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=console.quiet,
        )
        self._task = self._progress.add_task("ingest", total=0, counts="")

    def __enter__(self) -> RichIngestProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def start(self, total_files: int, total_bytes: int) -> None:
        self._progress.update(self._task, total=max(total_bytes, 1))

    def file_done(self, input_file: InputFile, report: IngestReport) -> None:
        self._progress.update(self._task, advance=input_file.size, counts=self._counts(report))

    def batch_done(self, report: IngestReport) -> None:
        self._progress.update(self._task, counts=self._counts(report))

    @staticmethod
    def _counts(report: IngestReport) -> str:
        return (
            f"{report.ingested} new · {report.duplicates} dup · "
            f"{report.near_duplicates} near · {len(report.rejects)} rejected"
        )


def print_summary(console: Console, report: IngestReport) -> None:
    table = Table(title=f"ingest run {report.run_id}", show_header=False, box=None)
    table.add_row("files", str(report.files))
    table.add_row("ingested", str(report.ingested))
    table.add_row("duplicates", str(report.duplicates))
    table.add_row("near-duplicates", str(report.near_duplicates))
    table.add_row("analysed", str(report.analysed))
    table.add_row("stories touched", str(report.stories_touched))
    table.add_row("  opened", str(report.stories_opened))
    table.add_row("  merged", str(report.stories_merged))
    table.add_row("rejected", str(len(report.rejects)))
    for reason, count in sorted(report.rejected.items()):
        table.add_row(f"  {reason}", str(count))
    console.print(table)
    for reject in report.rejects[:20]:
        where = f"{reject.source}:{reject.locator}" if reject.locator else reject.source
        console.print(
            f"[red]rejected[/red] {where}: {reject.reason.value}: {reject.detail}",
            markup=True,
            highlight=False,
        )
    if len(report.rejects) > 20:
        console.print(f"… and {len(report.rejects) - 20} more: `newsprism rejects`")


def run_ingest(
    settings: Settings, store: Store, paths: tuple[str, ...], options: IngestOptions
) -> IngestReport:
    with RichIngestProgress(settings.err) as progress:
        return ingest(paths, store, options, progress)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--outlet", default=None, help="Outlet name for all these inputs.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest file, JSON line or WARC record to read.",
)
@click.option(
    "--near-threshold",
    type=click.FloatRange(0.05, 0.99),
    default=DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    show_default=True,
    help="Estimated Jaccard similarity above which an article is a near-duplicate.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Articles per transaction; a killed run loses at most one batch.",
)
@click.option(
    "--analyse/--no-analyse",
    default=True,
    show_default=True,
    help="Find sentences, entities and quotes as articles go in.",
)
@click.option(
    "--compare",
    is_flag=True,
    help="Store each changed story's comparison at the end, so `serve` opens it at once.",
)
@click.option(
    "--no-gate",
    "no_gate",
    is_flag=True,
    help="Keep what looks like no article (shop, recipe, index page, under 100 characters).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Processes preparing the articles of large inputs beside the writer (normalising, "
    "near-duplicate signatures); 0 prepares them in this one. Default: one on a machine "
    "with two cores or more.",
)
@embedding_option
@json_option
@common_options
@pass_settings
def ingest_command(
    settings: Settings,
    paths: tuple[str, ...],
    outlet: str | None,
    max_bytes: int,
    near_threshold: float,
    batch_size: int,
    analyse: bool,
    compare: bool,
    no_gate: bool,
    workers: int | None,
    embeddings: bool,
    embedding_model: Path | None,
    as_json: bool,
) -> None:
    """Ingest files, folders and globs: .txt .html .json .jsonl .warc(.gz) .xml/.rss/.atom.

    Also http(s) URLs of web pages, fetched politely (robots.txt, per-host limits, one retry).

    Exit status: 0 when everything went in, 1 when anything was rejected.
    """
    store = settings.open_store()
    try:
        with url_fetcher(paths) as fetcher:
            options = IngestOptions(
                outlet=outlet,
                max_bytes=max_bytes,
                batch_size=batch_size,
                near_duplicate_threshold=near_threshold,
                analyse=analyse,
                compare=compare and analyse,
                draw=comparison_drawer(compare and analyse, settings.db_path),
                embedder=load_embedder(embedding_model, embeddings and analyse, cache=store),
                fetcher=fetcher,
                gate=not no_gate,
                workers=default_workers() if workers is None else workers,
            )
            report = run_ingest(settings, store, paths, options)
    finally:
        store.close()
    if as_json:
        print_json(report.as_dict())
    else:
        print_summary(settings.err, report)
    raise SystemExit(report.exit_status)
