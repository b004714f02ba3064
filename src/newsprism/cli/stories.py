"""`newsprism stories` and `newsprism story ID`: what happened, and who covered it when."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsprism.cli.comparison import html_option, print_comparison
from newsprism.cli.context import Settings, common_options, json_option, pass_settings, print_json
from newsprism.compare.blindspots import OutletGroups, load_groups
from newsprism.compare.stored import current_comparison
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


def stories_table(store: Store, stories: list[Story], title: str = "stories") -> Table:
    table = Table(title=title)
    table.add_column("story", no_wrap=True)
    table.add_column("label", ratio=3)
    table.add_column("last seen", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("outlets", ratio=2)
    for story in stories:
        members = store.story_articles(story.id)
        outlets = Counter(m.outlet for m in members)
        table.add_row(
            story.id,
            escape(story.label[:70]),
            story.last_seen.strftime("%Y-%m-%d %H:%M") if story.last_seen else "",
            str(len(members)),
            escape(", ".join(f"{o} {n}" if n > 1 else o for o, n in outlets.most_common())),
        )
    return table


@click.command("stories")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@groups_option
@json_option
@common_options
@pass_settings
def stories_command(
    settings: Settings, limit: int, offset: int, groups_file: Path | None, as_json: bool
) -> None:
    """Stories, newest activity first, with their outlets."""
    store = settings.open_store(readonly=True)
    try:
        if as_json:  # the items of `/stories.json`
            summaries = store.story_summaries(StoryQuery(), limit, offset)
            groups = _groups(store, groups_file)
            print_json([story_summary_record(s, groups) for s in summaries])
        else:
            settings.out.print(stories_table(store, store.stories(limit=limit, offset=offset)))
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

    An id merged into another still finds the story.
    """
    store = settings.open_store(readonly=True)
    try:
        story = store.story(story_id)
        members = store.story_articles(story.id)
        merged = [old for old, _ in store.story_merges() if store.resolve_story_id(old) == story.id]
        articles = [store.article(m.article_id) for m in members]
        groups = _groups(store, groups_file)
        wanted = compare or html_out is not None
        comparison = None
        if wanted and len(articles) >= 2:
            # start-up time: the analysis and the encoder load only for a comparison
            from newsprism.compare.story import compare_articles

            # What the writer stored for these articles, as the story page shows; else compare
            # now, with the sentence vectors the writer stored.
            comparison = current_comparison(store, story.id, articles) or (
                compare_articles(articles, story.id, store=store).comparison
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
        print_json(story_page_record(story, story_id, merged, members, articles, groups, record))
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
    span = " – ".join(
        moment.strftime("%Y-%m-%d %H:%M")
        for moment in (story.first_seen, story.last_seen)
        if moment
    )
    meta.add_row("time", span or "undated")
    meta.add_row("keywords", escape(", ".join(story.keywords)))
    meta.add_row("entities", escape(", ".join(story.entities)))
    if merged:
        meta.add_row("merged ids", ", ".join(merged))
    out.print(meta)
    by_outlet: dict[str, list[StoryArticle]] = {}
    for member in members:
        by_outlet.setdefault(member.outlet, []).append(member)
    table = Table("outlet", "published", title=None)
    table.add_column("article", no_wrap=True)
    table.add_column("title")
    table.add_column("score", justify="right")
    for outlet, articles in sorted(by_outlet.items(), key=lambda item: _first_time(item[1])):
        for member in articles:
            table.add_row(
                escape(outlet),
                member.published.strftime("%Y-%m-%d %H:%M") if member.published else "",
                member.article_id,
                escape((member.title or "")[:60]),
                f"{member.score:.2f}",
            )
    out.print(table)


def _first_time(members: list[StoryArticle]) -> float:
    times = [m.published.timestamp() for m in members if m.published]
    return min(times) if times else float("inf")
