"""Read-only listings: articles, article ID, rejects, runs, search."""

from __future__ import annotations

from collections.abc import Iterable

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

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
from newsprism.cli.spans import print_annotations
from newsprism.model import Article
from newsprism.present.records import (
    article_page_record,
    article_summary,
    reject_record,
    run_record,
    search_hit_record,
)


def _day(article: Article) -> str:
    return when(article.published)[:10]


@click.command("articles")
@click.option("--outlet", default=None, help="Only this outlet's articles.")
@limit_options()
@json_option
@common_options
@pass_settings
def articles_command(
    settings: Settings,
    outlet: str | None,
    limit: int | None,
    offset: int,
    show_all: bool,
    as_json: bool,
) -> None:
    """List the stored articles in the order they were ingested.

    In the terminal the first 50 (--limit, --all); with --json all unless --limit says.
    """
    store = settings.open_store(readonly=True)
    try:
        if as_json:
            found = store.articles(outlet=outlet, limit=limit, offset=offset)
            print_json([article_summary(article) for article in found])
            return
        shown = effective_limit(limit, show_all)
        articles = list(
            store.articles(outlet=outlet, limit=None if shown is None else shown + 1, offset=offset)
        )
        chosen = articles[:shown]
        print_articles(settings.out, chosen)
        print_more(settings.out, len(chosen), len(articles) > len(chosen), "articles", offset)
    finally:
        store.close()


ARTICLE_COLUMNS = (
    Column("id"),
    Column("published"),
    Column("outlet", flex=True, min_width=10, max_width=18),
    Column("lang"),
    Column("title / first line", flex=True, min_width=20),
)


def print_articles(out: Console, articles: Iterable[Article], title: str | None = None) -> None:
    """One line per article; ids are never cut, so they can be copied into `article ID`."""
    rows = [
        [
            article.id,
            _day(article),
            article.outlet or "",
            article.language or "",
            _first_line(article),
        ]
        for article in articles
    ]
    print_listing(out, ARTICLE_COLUMNS, rows, title=title)


def _first_line(article: Article) -> str:
    return article.title or article.text.strip().split("\n", 1)[0]


@click.command("article")
@click.argument("article_id")
@json_option
@common_options
@pass_settings
def article_command(settings: Settings, article_id: str, as_json: bool) -> None:
    """Show one article: metadata, sources, near-duplicates, entities and quotes.

    ID may be a prefix of the id (as long as one article has it).
    """
    store = settings.open_store(readonly=True)
    try:
        article_id = resolve_id(store, "article", article_id)
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
        ("published", when(article.published) or None),
        ("as given", article.published.isoformat() if article.published else None),
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
@limit_options()
@json_option
@common_options
@pass_settings
def rejects_command(
    settings: Settings,
    run_id: int | None,
    limit: int | None,
    offset: int,
    show_all: bool,
    as_json: bool,
) -> None:
    """List inputs that did not become articles, with their reasons."""
    store = settings.open_store(readonly=True)
    try:
        records = store.rejects(run_id)
    finally:
        store.close()
    if as_json:
        print_json([reject_record(r) for r in records[offset:][:limit]])
        return
    if not records:
        settings.err.print("no rejects" + (f" in run {run_id}" if run_id is not None else ""))
        return
    shown = effective_limit(limit, show_all)
    chosen = records[offset:][:shown]
    columns = (
        Column("source", flex=True, min_width=16),
        Column("where"),
        Column("reason"),
        Column("times", justify="right"),
        Column("detail", flex=True, min_width=20),
    )
    rows = [
        [
            r.reject.source,
            r.reject.locator or "",
            r.reject.reason.value,
            str(r.times),
            r.reject.detail,
        ]
        for r in chosen
    ]
    print_listing(settings.out, columns, rows)
    print_more(settings.out, len(chosen), offset + len(chosen) < len(records), "rejects", offset)


@click.command("runs")
@limit_options(default=20)
@json_option
@common_options
@pass_settings
def runs_command(
    settings: Settings, limit: int | None, offset: int, show_all: bool, as_json: bool
) -> None:
    """List the runs that wrote to this database, newest last."""
    store = settings.open_store(readonly=True)
    try:
        runs = store.runs()
    finally:
        store.close()
    if as_json:
        print_json([run_record(r) for r in runs])
        return
    shown = effective_limit(limit, show_all, default=20)
    # the newest are what one looks for: the last `shown` before `offset` from the end
    end = len(runs) - offset
    chosen = runs[max(end - shown, 0) : end] if shown is not None else runs[:end]
    rows = [
        [
            str(r.id),
            r.command,
            when(r.started_at),
            r.status,
            ", ".join(f"{k} {v}" for k, v in sorted(r.counts.items()) if v),
        ]
        for r in chosen
    ]
    columns = (
        Column("run", justify="right"),
        Column("command"),
        Column("started"),
        Column("status"),
        Column("counts", flex=True, min_width=20),
    )
    print_listing(settings.out, columns, rows)
    if len(chosen) < end:
        settings.out.print(
            Text(f"… the last {len(chosen)} runs shown: --all for every one"), style="dim"
        )


@click.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
@common_options
@pass_settings
def search_command(settings: Settings, query: str, limit: int, as_json: bool) -> None:
    """Full-text search over titles and texts (SQLite FTS5 syntax, or plain words).

    Plain words of four letters or more also find the compounds holding them ("Brücke" finds
    "Lindenbrücke" and "Brückensperrung"); every word must occur. "Brücke" in double quotes
    finds only the word itself; OR, NOT, NEAR(a b), prefix* and title:word are FTS5's.
    """
    store = settings.open_store(readonly=True)
    try:
        hits = store.search(query, limit)
        stories = {hit.article.id: store.story_of(hit.article.id) for hit in hits}
    finally:
        store.close()
    if as_json:  # as `/search.json`'s `articles`, hits marked [like this] in the snippets
        print_json([search_hit_record(hit, stories[hit.article.id]) for hit in hits])
        return
    if not hits:
        settings.err.print(
            Text(
                f"newsprism: no article matches {query!r}; every word must occur "
                "(OR between words finds any of them)"
            ),
            soft_wrap=True,
        )
        return
    columns = (
        Column("id"),
        Column("outlet", flex=True, min_width=10),
        Column("title", flex=True, min_width=16),
        Column("snippet", flex=True, min_width=24),
    )
    rows = [
        [hit.article.id, hit.article.outlet or "", _first_line(hit.article), hit.snippet]
        for hit in hits
    ]
    print_listing(settings.out, columns, rows)
    if len(hits) == limit:
        settings.out.print(Text(f"… the first {limit} shown: --limit for more"), style="dim")
