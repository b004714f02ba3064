"""`newsprism stories` and `newsprism story ID`: what happened, and who covered it when."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsprism.cli.comparison import html_option, print_comparison
from newsprism.cli.context import (
    Settings,
    common_options,
    json_option,
    pass_settings,
    print_json,
    resolve_id,
)
from newsprism.cli.listing import (
    Column,
    effective_limit,
    limit_options,
    print_listing,
    print_more,
    when,
)
from newsprism.compare.blindspots import OutletGroups, load_groups
from newsprism.compare.stored import compare_stored, current_comparison
from newsprism.errors import ConfigError
from newsprism.model.story import Story, StoryArticle
from newsprism.present.comparison_json import comparison_record
from newsprism.present.records import story_page_record, story_summary_record
from newsprism.store import SQLiteStore
from newsprism.store.base import Store
from newsprism.store.browse import StoryQuery

groups_option = click.option(
    "--groups",
    "groups_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help='Outlet groups for the groups covering a story in --json (TOML: [outlets] "outlet" = '
    '["group"]); default: those recorded in the database, as `serve` without --groups.',
)


def _groups(store: SQLiteStore, groups_file: Path | None) -> OutletGroups:
    """As `serve`: the --groups file, else the groups recorded in the database."""
    return (
        load_groups(groups_file) if groups_file is not None else OutletGroups(store.stored_groups())
    )


STORY_COLUMNS = (
    Column("story"),
    Column("last seen"),
    Column("n", justify="right"),
    Column("label", flex=True, min_width=20),
    Column("outlets", flex=True, min_width=14, max_width=30),
)


def print_stories(
    out: Console, store: Store, stories: list[Story], title: str | None = None
) -> None:
    """One line per story (a block per story in a narrow terminal); ids are never cut."""
    rows = []
    for story in stories:
        members = store.story_articles(story.id)
        outlets = Counter(m.outlet for m in members)
        rows.append(
            [
                story.id,
                when(story.last_seen),
                str(len(members)),
                story.label,
                ", ".join(f"{o} {n}" if n > 1 else o for o, n in outlets.most_common()),
            ]
        )
    print_listing(out, STORY_COLUMNS, rows, title=title)


@click.command("stories")
@limit_options()
@groups_option
@json_option
@common_options
@pass_settings
def stories_command(
    settings: Settings,
    limit: int | None,
    offset: int,
    show_all: bool,
    groups_file: Path | None,
    as_json: bool,
) -> None:
    """Stories, newest activity first, with their outlets.

    In the terminal the first 50 (--limit, --all); with --json as many (--all: every one).
    """
    store = settings.open_store(readonly=True)
    try:
        shown = effective_limit(limit, show_all)
        if as_json:  # the items of `/stories.json`
            count = store.count_stories(StoryQuery()) if shown is None else shown
            summaries = store.story_summaries(StoryQuery(), count, offset)
            groups = _groups(store, groups_file)
            print_json([story_summary_record(s, groups) for s in summaries])
            return
        stories = store.stories(limit=None if shown is None else shown + 1, offset=offset)
        if not stories:
            settings.err.print("no stories yet: `newsprism ingest` files or URLs first")
        chosen = stories[:shown]
        print_stories(settings.out, store, chosen)
        print_more(settings.out, len(chosen), len(stories) > len(chosen), "stories", offset)
    finally:
        store.close()


@click.command("story")
@click.argument("story_id")
@click.option(
    "--compare/--no-compare",
    default=True,
    show_default=True,
    help="Compare how the outlets told it (facts, quotes, framing, wire copies).",
)
@html_option
@groups_option
@json_option
@common_options
@pass_settings
def story_command(
    settings: Settings,
    story_id: str,
    compare: bool,
    html_out: Path | None,
    groups_file: Path | None,
    as_json: bool,
) -> None:
    """One story: its articles by outlet and time, and how each outlet told it.

    An id merged into another still finds the story; a prefix of an id will do.
    """
    store = settings.open_store(readonly=True)
    try:
        story_id = resolve_id(store, "story", story_id)
        story = store.story(story_id)
        members = store.story_articles(story.id)
        merged = [old for old, _ in store.story_merges() if store.resolve_story_id(old) == story.id]
        edits = store.story_edits(story.id)
        articles = [store.article(m.article_id) for m in members]
        groups = _groups(store, groups_file)
        wanted = compare or html_out is not None
        comparison = None
        if wanted and len(articles) >= 2:
            # What the writer stored for these articles, as the story page shows; else compare
            # now, with the sentence vectors the writer stored.
            comparison = current_comparison(store, story.id, articles) or (
                compare_stored(store, articles, story.id).comparison
            )
    finally:
        store.close()
    if html_out is not None:
        if comparison is None:
            raise ConfigError(f"story {story.id} has one article: nothing to compare")
        from newsprism.present.report import comparison_html  # start-up time, as above

        report = comparison_html(comparison, articles, title=story.label, keywords=story.keywords)
        html_out.write_text(report, encoding="utf-8")
    if as_json:  # the record of `/stories/ID.json`
        record = None if comparison is None else comparison_record(comparison, articles)
        print_json(
            story_page_record(story, story_id, merged, members, articles, groups, record, edits)
        )
        return
    _print_story(settings.out, story, members, story_id, merged)
    if comparison is not None:
        print_comparison(settings.out, comparison, articles)


def _print_story(
    out: Console, story: Story, members: list[StoryArticle], requested: str, merged: list[str]
) -> None:
    out.print(f"[bold]{escape(story.label)}[/bold]")
    if requested != story.id:
        out.print(f"[dim]{escape(requested)} was merged into {story.id}[/dim]")
    meta = Table(show_header=False, box=None)
    meta.add_row("id", story.id)
    span = " – ".join(when(moment) for moment in (story.first_seen, story.last_seen) if moment)
    meta.add_row("time", span or "undated")
    meta.add_row("keywords", escape(", ".join(story.keywords)))
    meta.add_row("entities", escape(", ".join(story.entities)))
    if merged:
        meta.add_row("merged ids", ", ".join(merged))
    out.print(meta)
    by_outlet: dict[str, list[StoryArticle]] = {}
    for member in members:
        by_outlet.setdefault(member.outlet, []).append(member)
    rows = [
        [
            outlet,
            when(member.published),
            member.article_id,
            f"{member.score:.2f}",
            member.title or "",
        ]
        for outlet, articles in sorted(by_outlet.items(), key=lambda item: _first_time(item[1]))
        for member in articles
    ]
    columns = (
        Column("outlet", flex=True, min_width=10, max_width=14),
        Column("published"),
        Column("article"),
        Column("score", justify="right"),
        Column("title", flex=True, min_width=16),
    )
    print_listing(out, columns, rows)


def _first_time(members: list[StoryArticle]) -> float:
    times = [m.published.timestamp() for m in members if m.published]
    return min(times) if times else float("inf")
