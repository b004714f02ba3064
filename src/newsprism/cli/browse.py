"""Read-only listings: articles, article ID, rejects, runs, search."""

from __future__ import annotations

from collections.abc import Iterable

import click
from rich.markup import escape
from rich.table import Table

from newsprism.cli.context import Settings, common_options, json_option, pass_settings, print_json
from newsprism.cli.spans import print_annotations
from newsprism.model import Article
from newsprism.present.records import (
    article_page_record,
    article_summary,
    reject_record,
    run_record,
    search_hit_record,
)


def _short(text: str | None, width: int = 70) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _day(article: Article) -> str:
    return article.published.date().isoformat() if article.published else ""


@click.command("articles")
@click.option("--outlet", default=None, help="Only this outlet's articles.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@json_option
@common_options
@pass_settings
def articles_command(
    settings: Settings, outlet: str | None, limit: int | None, offset: int, as_json: bool
) -> None:
    """List the stored articles in the order they were ingested."""
    store = settings.open_store(readonly=True)
    try:
        articles = store.articles(outlet=outlet, limit=limit, offset=offset)
        if as_json:
            print_json([article_summary(a) for a in articles])
            return
        table = article_table(articles)
        settings.out.print(table)
    finally:
        store.close()


def article_table(articles: Iterable[Article], title: str | None = None) -> Table:
    """One line per article; ids are never cut, so they can be copied into `article ID`."""
    table = Table(title=title, box=None, header_style="bold")
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("outlet", no_wrap=True, max_width=24, min_width=12)
    table.add_column("lang", no_wrap=True, min_width=4)
    table.add_column("title / first line", no_wrap=True, overflow="ellipsis", ratio=1)
    for article in articles:
        table.add_row(
            article.id,
            _day(article),
            escape(article.outlet or ""),
            article.language or "",
            escape(_short(article.title or article.text)),
        )
    return table


@click.command("article")
@click.argument("article_id")
@json_option
@common_options
@pass_settings
def article_command(settings: Settings, article_id: str, as_json: bool) -> None:
    """Show one article: metadata, sources, near-duplicates, entities and quotes."""
    store = settings.open_store(readonly=True)
    try:
        article = store.article(article_id)
        sources = store.sources(article_id)
        links = store.near_duplicates(article_id)
        annotations = store.annotations(article_id)
        failures = store.rejects(article_id=article.id)  # stages that failed on it
        story_id = store.story_of(article.id)
        story = store.story(story_id) if story_id else None
        # Each link with the article at its other end.
        linked = [
            (
                link,
                store.article(link.copy_of if link.article_id == article.id else link.article_id),
            )
            for link in links
        ]
    finally:
        store.close()
    if as_json:  # `/articles/ID.json` without the evaluative words and framing it analyses
        print_json(article_page_record(article, annotations, sources, linked, failures, story))
        return
    out = settings.out
    out.print(f"[bold]{escape(article.title or '(no title)')}[/bold]")
    meta = Table(show_header=False, box=None)
    for name, value in (
        ("id", article.id),
        ("outlet", article.outlet),
        ("published", article.published.isoformat() if article.published else None),
        ("url", article.url),
        ("language", article.language),
        ("kind", article.kind.value),
        ("authors", ", ".join(article.authors)),
        ("caption", article.caption),
    ):
        if value:
            meta.add_row(name, escape(value))
    for source in sources[1:]:
        meta.add_row("also at", escape(source.url or source.source_path or ""))
    for link in links:
        other = link.copy_of if link.article_id == article.id else link.article_id
        relation = "copies" if link.article_id == article.id else "copied by"
        meta.add_row(
            "near-duplicate",
            f"{relation} {other} (similarity {link.similarity:.2f}, "
            f"containment {link.containment:.2f})",
        )
    for failure in failures:
        meta.add_row("[red]not analysed[/red]", escape(failure.reject.detail))
    out.print(meta)
    out.print()
    out.print(escape(article.text))
    out.print()
    print_annotations(out, article.text, annotations)


@click.command("rejects")
@click.option("--run", "run_id", type=int, default=None, help="Only rejects of this run.")
@json_option
@common_options
@pass_settings
def rejects_command(settings: Settings, run_id: int | None, as_json: bool) -> None:
    """List inputs that did not become articles, with their reasons."""
    store = settings.open_store(readonly=True)
    try:
        records = store.rejects(run_id)
    finally:
        store.close()
    if as_json:
        print_json([reject_record(r) for r in records])
        return
    table = Table("source", "where", "reason", "detail", "times")
    for record in records:
        reject = record.reject
        table.add_row(
            escape(reject.source),
            escape(reject.locator or ""),
            reject.reason.value,
            escape(_short(reject.detail, 80)),
            str(record.times),
        )
    settings.out.print(table)


@click.command("runs")
@json_option
@common_options
@pass_settings
def runs_command(settings: Settings, as_json: bool) -> None:
    """List the runs that wrote to this database."""
    store = settings.open_store(readonly=True)
    try:
        runs = store.runs()
    finally:
        store.close()
    if as_json:
        print_json([run_record(r) for r in runs])
        return
    table = Table("run", "command", "started", "status", "counts")
    for r in runs:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(r.counts.items()))
        table.add_row(
            str(r.id), r.command, r.started_at.strftime("%Y-%m-%d %H:%M"), r.status, counts
        )
    settings.out.print(table)


@click.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
@common_options
@pass_settings
def search_command(settings: Settings, query: str, limit: int, as_json: bool) -> None:
    """Full-text search over titles and texts (SQLite FTS5 syntax, or plain words)."""
    store = settings.open_store(readonly=True)
    try:
        hits = store.search(query, limit)
        stories = {hit.article.id: store.story_of(hit.article.id) for hit in hits}
    finally:
        store.close()
    if as_json:  # as `/search.json`'s `articles`, hits marked [like this] in the snippets
        print_json([search_hit_record(hit, stories[hit.article.id]) for hit in hits])
        return
    table = Table("id", "outlet", "title", "snippet")
    for hit in hits:
        table.add_row(
            hit.article.id,
            escape(hit.article.outlet or ""),
            escape(_short(hit.article.title, 40)),
            escape(_short(hit.snippet, 80)),
        )
    settings.out.print(table)
