"""The `newsprism` command: a thin layer over importable functions."""

from __future__ import annotations

import sys
from typing import Any

import click

from newsprism import __version__
from newsprism.cli.blindspots import blindspots_command
from newsprism.cli.browse import (
    article_command,
    articles_command,
    rejects_command,
    runs_command,
    search_command,
)
from newsprism.cli.compare import compare_command
from newsprism.cli.context import Settings, common_options
from newsprism.cli.demo import demo_command
from newsprism.cli.evaluate import eval_group
from newsprism.cli.export import export_command
from newsprism.cli.ingest import ingest_command
from newsprism.cli.serve import serve_command
from newsprism.cli.spark import import_parquet_command, spark_group
from newsprism.cli.stories import stories_command, story_command
from newsprism.cli.watch import feeds_command, watch_command
from newsprism.errors import ConfigError, NewsprismError

USAGE_ERROR = 2


class NewsprismGroup(click.Group):
    """Turns newsprism's own errors into one clear line and an exit status, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as error:
            click.echo(f"newsprism: {error}", err=True)
            ctx.exit(USAGE_ERROR)
        except NewsprismError as error:
            click.echo(f"newsprism: {error}", err=True)
            ctx.exit(1)


@click.group(cls=NewsprismGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsprism")
@common_options
@click.pass_context
def cli(ctx: click.Context) -> None:
    """newsprism: one story, many outlets."""
    ctx.ensure_object(Settings)


for command in (
    ingest_command,
    articles_command,
    article_command,
    rejects_command,
    runs_command,
    search_command,
    export_command,
    demo_command,
    eval_group,
    compare_command,
    stories_command,
    story_command,
    blindspots_command,
    serve_command,
    watch_command,
    feeds_command,
    spark_group,
    import_parquet_command,
):
    cli.add_command(command)


def main() -> None:
    sys.exit(cli.main(prog_name="newsprism", standalone_mode=True))
