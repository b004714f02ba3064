"""`newsprism stories` and `newsprism story ID`: what happened, and who covered it when."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsprism.cli.comparison import html_option, print_comparison
from newsprism.cli.context import Settings, common_options, json_option, pass_settings, print_json
from newsprism.compare.story import compare_articles
from newsprism.errors import ConfigError
from newsprism.model.story import Story, StoryArticle
from newsprism.present.comparison import comparison_record
from newsprism.present.report import comparison_html
from newsprism.store.base import Store


def story_record(story: Story, members: list[StoryArticle]) -> dict[str, Any]:
    outlets = Counter(member.outlet for member in members)
    return {
        "id": story.id,
        "label": story.label,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "articles": len(members),
        "outlets": dict(outlets.most_common()),
        "keywords": list(story.keywords),
        "entities": list(story.entities),
    }


def member_record(member: StoryArticle) -> dict[str, Any]:
    return {
        "id": member.article_id,
        "outlet": member.outlet,
        "published": member.published.isoformat() if member.published else None,
        "title": member.title,
        "score": member.score,
    }


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
@json_option
@common_options
@pass_settings
def stories_command(settings: Settings, limit: int, offset: int, as_json: bool) -> None:
    """Stories, newest activity first, with their outlets."""
    store = settings.open_store(readonly=True)
    try:
        stories = store.stories(limit=limit, offset=offset)
        if as_json:
            print_json([story_record(s, store.story_articles(s.id)) for s in stories])
        else:
            settings.out.print(stories_table(store, stories))
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
@json_option
@common_options
@pass_settings
def story_command(
    settings: Settings, story_id: str, compare: bool, html_out: Path | None, as_json: bool
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
    finally:
        store.close()
    wanted = compare or html_out is not None
    result = compare_articles(articles, story.id) if wanted and len(articles) >= 2 else None
    if html_out is not None:
        if result is None:
            raise ConfigError(f"story {story.id} has one article: nothing to compare")
        html_out.write_text(comparison_html(result, title=story.label), encoding="utf-8")
    if as_json:
        record = story_record(story, members)
        record["requested_id"] = story_id
        record["merged_ids"] = merged
        record["members"] = [member_record(m) for m in members]
        record["comparison"] = comparison_record(result) if result else None
        print_json(record)
        return
    _print_story(settings.out, story, members, story_id, merged)
    if result is not None:
        print_comparison(settings.out, result)


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
