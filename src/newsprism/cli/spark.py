"""`newsprism spark run` (the Spark job) and `newsprism import-parquet` (its output into the
database)."""

from __future__ import annotations

from pathlib import Path

import click

from newsprism.cli.context import (
    Settings,
    common_options,
    comparison_drawer,
    json_option,
    pass_settings,
    print_json,
)
from newsprism.errors import ConfigError
from newsprism.jobs.spark.importer import ImportSelection, import_parquet


@click.group("spark")
def spark_group() -> None:
    """Run the pipeline on Apache Spark (pip install 'newsprism[spark]'; needs Java 17)."""


@spark_group.command("run")
@click.option(
    "--input",
    "inputs",
    multiple=True,
    required=True,
    help="WARC(.gz), JSONL or Parquet files, folders or globs; repeat for more.",
)
@click.option(
    "--output",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the Parquet tables.",
)
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL.")
@click.option(
    "--attach",
    is_flag=True,
    help="Add to an existing output (incremental: new articles join its active stories).",
)
@click.option(
    "--window-days", type=int, default=7, show_default=True, help="Days a story window owns."
)
@click.option(
    "--window-overlap",
    type=int,
    default=3,
    show_default=True,
    help="Days of context before each window.",
)
@click.option(
    "--threshold",
    type=float,
    default=0.5,
    show_default=True,
    help="Near-duplicate Jaccard threshold.",
)
@click.option(
    "--partitions", type=int, default=0, help="Analysis partitions (default: four per core)."
)
@click.option("--outlet", default=None, help="Outlet name for all inputs.")
@click.option("--no-compare", is_flag=True, help="Skip the per-story comparisons.")
@json_option
@common_options
@pass_settings
def spark_run_command(
    settings: Settings,
    inputs: tuple[str, ...],
    output: str,
    master: str,
    attach: bool,
    window_days: int,
    window_overlap: int,
    threshold: float,
    partitions: int,
    outlet: str | None,
    no_compare: bool,
    as_json: bool,
) -> None:
    """Articles, spans, near-duplicates, stories and comparisons as Parquet tables in OUTPUT."""
    try:
        # pyspark is an optional extra: imported here so that the rest of the CLI works without.
        from newsprism.jobs.spark.job import SparkJobOptions
        from newsprism.jobs.spark.submit import run_spark
        from newsprism.jobs.spark.windows import WindowPlan
    except ImportError as error:
        raise ConfigError(
            f"the Spark job needs pyspark ({error}); pip install 'newsprism[spark]'"
        ) from error
    options = SparkJobOptions(
        near_duplicate_threshold=threshold,
        windows=WindowPlan(window_days, window_overlap),
        outlet=outlet,
        compare=not no_compare,
        partitions=partitions,
        attach=attach,
    )
    report = run_spark(list(inputs), output, options, master)
    if as_json:
        print_json(report.as_dict())
    else:
        counts = ", ".join(f"{name} {value}" for name, value in report.counts.items())
        settings.err.print(f"run {report.run} → {output}: {counts} ({report.seconds} s)")
        for reason, count in report.rejected_by_reason.items():
            settings.err.print(f"  rejected ({reason}): {count}")
    raise SystemExit(report.exit_status)


@click.command("import-parquet")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--since", default=None, help="First day (YYYY-MM-DD) of articles to load.")
@click.option("--until", default=None, help="Last day (YYYY-MM-DD) of articles to load.")
@click.option("--story", "stories", multiple=True, help="Load this story (repeatable).")
@json_option
@common_options
@pass_settings
def import_parquet_command(
    settings: Settings,
    directory: Path,
    since: str | None,
    until: str | None,
    stories: tuple[str, ...],
    as_json: bool,
) -> None:
    """Load the Spark job's output (or a selection of it) into the database."""
    store = settings.open_store()
    try:
        selection = ImportSelection(since, until, stories)
        report = import_parquet(
            store, directory, selection, draw=comparison_drawer(True, settings.db_path)
        )
    finally:
        store.close()
    if as_json:
        print_json({"runs": report.runs, **report.counts})
    else:
        counts = ", ".join(f"{name} {value}" for name, value in sorted(report.counts.items()))
        settings.err.print(f"imported from {len(report.runs)} run(s): {counts or 'nothing'}")
