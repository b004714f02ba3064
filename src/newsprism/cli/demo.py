"""`newsprism demo`: ingest the example corpus shipped in the package into a fresh database."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click
from rich.markup import escape
from rich.text import Text

from newsprism.cli.browse import print_articles
from newsprism.cli.comparison import print_comparison
from newsprism.cli.context import Settings, common_options, comparison_drawer, pass_settings
from newsprism.cli.ingest import print_summary, run_ingest
from newsprism.cli.listing import Column, print_listing
from newsprism.cli.serve import host_option, port_option, serve
from newsprism.cli.stories import print_stories
from newsprism.compare.blindspots import load_groups
from newsprism.compare.stored import current_comparison
from newsprism.compare.story import compare_articles
from newsprism.errors import ConfigError
from newsprism.run import IngestOptions
from newsprism.store import SQLiteStore

DEMO_DB = Path("newsprism-demo.db")


def examples_path() -> Path:
    """The example corpus folder inside the installed package."""
    return Path(str(resources.files("newsprism") / "examples"))


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def example_groups_path() -> Path:
    """Outlet groups of the example corpus, shipped in the package."""
    return Path(str(resources.files("newsprism.compare") / "data" / "example-groups.toml"))


@click.command("demo")
@click.option("--replace", is_flag=True, help="Replace the database if it exists.")
@click.option("--serve", "then_serve", is_flag=True, help="Then serve it in the web app.")
@host_option
@port_option
@common_options
@pass_settings
def demo_command(settings: Settings, replace: bool, then_serve: bool, host: str, port: int) -> None:
    """Build a database from the example corpus and show what it holds.

    Writes ./newsprism-demo.db unless --db names another file; with --serve, opens it in the
    web app (http://127.0.0.1:8000/ by default).
    """
    path = settings.db if settings.db is not None else DEMO_DB
    if path.exists():
        if settings.db is not None and not replace:
            raise ConfigError(
                f"{path} exists; the demo builds a fresh database: "
                "add --replace or pick another --db"
            )
        _remove_database(path)
    store = SQLiteStore(path)
    try:
        options = IngestOptions(compare=True, draw=comparison_drawer(True, path))
        report = run_ingest(settings, store, (str(examples_path()),), options)
        print_summary(settings.err, report)
        out = settings.out
        out.print(f"\n[bold]newsprism demo[/bold] — database {escape(str(path))}")
        outlets = [[outlet, str(count)] for outlet, count in store.outlets()]
        print_listing(out, (Column("outlet"), Column("articles", justify="right")), outlets)
        out.print()
        print_articles(out, store.articles(), title="articles")
        out.print()
        stories = store.stories()
        print_stories(out, store, stories, title="stories")
        links = store.near_duplicates()
        if links:
            out.print()
            rows = [[link.article_id, link.copy_of, f"{link.similarity:.2f}"] for link in links]
            columns = (Column("article"), Column("copies"), Column("similarity"))
            print_listing(out, columns, rows, title="near-duplicates")
        if stories:
            largest = max(stories, key=lambda story: (len(story.articles), story.id))
            out.print(f"\n[bold]How each outlet told: {escape(largest.label)}[/bold]")
            articles = [store.article(a.article_id) for a in store.story_articles(largest.id)]
            # The ingest just stored it; compared again only if that failed.
            comparison = current_comparison(store, largest.id, articles)
            if comparison is None:
                comparison = compare_articles(articles, largest.id).comparison
            print_comparison(out, comparison, articles)
        out.print("\n[bold]Next[/bold] (an id's first digits will do):")
        for command in ("stories", "story ID", "article ID", "serve"):
            out.print(Text(f"  newsprism --db {path} {command}"))
    finally:
        store.close()
    if then_serve:
        serve(path, host, port, load_groups(example_groups_path()))
    raise SystemExit(report.exit_status)
