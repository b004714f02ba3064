"""The `newsprism` command: a thin layer over importable functions."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from newsprism import __version__
from newsprism.cli.context import Settings, common_options
from newsprism.errors import ConfigError, NewsprismError

# Each command's module is imported when the command runs, not when `newsprism` starts: they
# pull in the store, numpy, the analysis models, FastAPI, pyarrow and Spark's importer, about
# 1.4 s on an idle machine, which `--version`, `--help` and a mistyped command should not pay.
# name -> (module, attribute, the first paragraph of the command's help, for `--help`;
# tests/cli/test_startup.py checks that it says what the command says).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "ingest": (
        "newsprism.cli.ingest",
        "ingest_command",
        "Ingest files, folders and globs: .txt .html .json .jsonl .warc(.gz) .xml/.rss/.atom.",
    ),
    "articles": (
        "newsprism.cli.browse",
        "articles_command",
        "List the stored articles in the order they were ingested.",
    ),
    "article": (
        "newsprism.cli.browse",
        "article_command",
        "Show one article: metadata, sources, near-duplicates, entities and quotes.",
    ),
    "rejects": (
        "newsprism.cli.browse",
        "rejects_command",
        "List inputs that did not become articles, with their reasons.",
    ),
    "runs": (
        "newsprism.cli.browse",
        "runs_command",
        "List the runs that wrote to this database, newest last.",
    ),
    "search": (
        "newsprism.cli.browse",
        "search_command",
        "Full-text search over titles and texts (SQLite FTS5 syntax, or plain words).",
    ),
    "export": (
        "newsprism.cli.export",
        "export_command",
        "Export articles, stories, memberships, quotes, entities, facts, omissions, discrepancies.",
    ),
    "edit": (
        "newsprism.cli.edit",
        "edit_group",
        "Correct what newsprism decided: move, split or merge stories, rename an outlet, undo.",
    ),
    "edits": (
        "newsprism.cli.edit",
        "edits_command",
        "List the corrections made by hand, oldest first, with time, reason and whether undone.",
    ),
    "reanalyse": (
        "newsprism.cli.reanalyse",
        "reanalyse_command",
        "Analyse again the articles an older version analysed; compare their stories again.",
    ),
    "demo": (
        "newsprism.cli.demo",
        "demo_command",
        "Build a database from the example corpus and show what it holds.",
    ),
    "eval": (
        "newsprism.cli.evaluate",
        "eval_group",
        "Measure newsprism against gold data (quotes, entities, clustering, pairs, coverage, "
        "facts, subjectivity).",
    ),
    "compare": (
        "newsprism.cli.compare",
        "compare_command",
        "Analyse these files or http(s) URLs in memory: each article's entities and quotes, then "
        "the comparison — facts by outlet, the facts only one outlet reports, omissions, quotes "
        "by speaker, entities.",
    ),
    "stories": (
        "newsprism.cli.stories",
        "stories_command",
        "Stories, newest activity first, with their outlets.",
    ),
    "story": (
        "newsprism.cli.stories",
        "story_command",
        "One story: its articles by outlet and time, and how each outlet told it.",
    ),
    "blindspots": (
        "newsprism.cli.blindspots",
        "blindspots_command",
        "Which outlet groups covered each story, and the stories one group ignored.",
    ),
    "serve": (
        "newsprism.cli.serve",
        "serve_command",
        "Browse stories side by side in the browser (each page also as JSON).",
    ),
    "watch": (
        "newsprism.cli.watch",
        "watch_command",
        "Follow RSS/Atom feeds and sitemaps and keep the database current.",
    ),
    "feeds": (
        "newsprism.cli.watch",
        "feeds_command",
        "Each followed feed's health: last success, last error, articles per day, backlog.",
    ),
    "spark": (
        "newsprism.cli.spark",
        "spark_group",
        "Run the pipeline on Apache Spark (pip install 'newsprism[spark]'; needs Java 17).",
    ),
    "import-parquet": (
        "newsprism.cli.spark",
        "import_parquet_command",
        "Load the Spark job's output (or a selection of it) into the database.",
    ),
}

USAGE_ERROR = 2


class NewsprismGroup(click.Group):
    """Turns newsprism's own errors into one clear line and an exit status, never a traceback;
    finds each command in `COMMANDS` and imports it only when it runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module, attribute, _ = entry
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list in `--help` from `COMMANDS`: without importing any command."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, _shortened(COMMANDS[name][2], limit)) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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


def _shortened(help_text: str, limit: int) -> str:
    """The help line cut at a word to `limit` characters, as click shortens it."""
    if len(help_text) <= limit:
        return help_text
    return help_text[: max(limit - 3, 1)].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def main() -> None:
    sys.exit(cli.main(prog_name="newsprism", standalone_mode=True))
