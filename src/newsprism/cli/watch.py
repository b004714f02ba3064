"""`newsprism watch FEEDS` and `newsprism feeds`: follow outlets, and see how their feeds do."""

from __future__ import annotations

import signal
import time
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

import click
from rich.live import Live
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from newsprism.cli.context import (
    Settings,
    common_options,
    comparison_drawer,
    embedding_option,
    json_option,
    load_embedder,
    pass_settings,
    print_json,
)
from newsprism.cli.listing import when
from newsprism.run import IngestOptions
from newsprism.watch.fetch import USER_AGENT, Fetcher, FetchPolicy
from newsprism.watch.sources import DEFAULT_MAX_ITEMS, load_sources
from newsprism.watch.watcher import Watcher, WatchStatus


def status_line(status: WatchStatus) -> Text:
    line = Text()
    line.append("watch ", style="bold")
    line.append(
        f"polls {status.polls} · new articles {status.new_articles} · "
        f"stories touched {status.stories_touched} · unchanged (304) {status.not_modified} · "
        f"duplicates {status.duplicates} · teasers {status.teasers} · "
    )
    if status.skipped:
        line.append(f"skipped {status.skipped} (for later polls) · ", style="yellow")
    errors = status.feeds_failed + status.urls_failed
    line.append(f"errors {errors}", style="red" if errors else "")
    if status.last_error:
        line.append(f"\nlast error: {status.last_error[:160]}", style="dim")
    return line


@click.command("watch")
@click.argument("feeds_file", metavar="FEEDS", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--once", is_flag=True, help="Poll every feed once, then exit (for cron).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="Pages fetched at once (all hosts).",
)
@click.option(
    "--per-host",
    type=click.IntRange(1, 16),
    default=2,
    show_default=True,
    help="Requests at once to one host.",
)
@click.option(
    "--delay",
    type=click.FloatRange(0),
    default=0.5,
    show_default=True,
    help="Seconds between requests to one host.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1),
    default=15.0,
    show_default=True,
    help="Read timeout in seconds (connect: 5 s; a whole body: 4x this).",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=2,
    show_default=True,
    help="Retries on timeouts, network errors, 429 and 5xx (backing off).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1024),
    default=5 * 1024 * 1024,
    show_default=True,
    help="Largest page or feed read.",
)
@click.option(
    "--max-items",
    type=click.IntRange(1),
    default=None,
    help=(
        "New items fetched per feed and poll, newest first; the rest wait for later polls. "
        f"Overrides max_items of the feeds file  [default: the file's, else {DEFAULT_MAX_ITEMS}]"
    ),
)
@click.option(
    "--user-agent",
    default=USER_AGENT,
    show_default=True,
    help="Say who you are; sites may want a contact.",
)
@click.option("--no-analyse", is_flag=True, help="Store articles without analysis or stories.")
@click.option(
    "--no-compare",
    is_flag=True,
    help="Do not store the comparisons of grown stories after each round.",
)
@embedding_option
@common_options
@pass_settings
def watch_command(
    settings: Settings,
    feeds_file: Path,
    once: bool,
    workers: int,
    per_host: int,
    delay: float,
    timeout: float,
    retries: int,
    max_bytes: int,
    max_items: int | None,
    user_agent: str,
    no_analyse: bool,
    no_compare: bool,
    embeddings: bool,
    embedding_model: Path | None,
) -> None:
    """Follow RSS/Atom feeds and sitemaps and keep the database current.

    FEEDS is a TOML file (outlets with feeds, sitemaps, groups, interval), an OPML file or a
    list of URLs. Runs until Ctrl-C or SIGTERM (the article in hand is finished first);
    a watcher killed outright picks up where it was when started again.
    """
    sources = load_sources(feeds_file)
    policy = FetchPolicy(
        user_agent=user_agent,
        read_timeout=timeout,
        deadline=4 * timeout,
        max_bytes=max_bytes,
        retries=retries,
        per_host=per_host,
        delay=delay,
    )
    store = settings.open_store()
    fetcher = Fetcher(policy)
    live = Live(
        status_line(WatchStatus()), console=settings.err, auto_refresh=False, transient=False
    )
    last_refresh = 0.0

    def refresh(status: WatchStatus) -> None:
        nonlocal last_refresh
        if time.monotonic() - last_refresh > 0.2:
            live.update(status_line(status), refresh=True)
            last_refresh = time.monotonic()

    watcher = Watcher(
        store,
        sources,
        fetcher,
        IngestOptions(
            analyse=not no_analyse,
            cluster=not no_analyse,
            compare=not (no_analyse or no_compare),
            draw=comparison_drawer(not (no_analyse or no_compare), settings.db_path),
            # Stories clustered with article vectors should go on with them (`ingest
            # --embeddings` into the same database): the same option, the same cache.
            embedder=load_embedder(embedding_model, embeddings and not no_analyse, cache=store),
        ),
        workers=workers,
        max_items=max_items,
        on_change=None if settings.quiet else refresh,
    )

    def stop(signum: int, _frame: FrameType | None) -> None:
        watcher.stop.set()
        settings.err.print(f"newsprism: {signal.Signals(signum).name}: stopping after this article")

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        if settings.quiet:
            status = watcher.run(once=once)
        else:
            with live:
                status = watcher.run(once=once)
                live.update(status_line(status), refresh=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        fetcher.close()
        store.close()
    if status.skipped_feeds and not settings.quiet and not settings.err.is_terminal:
        settings.err.line()  # rich ends its live line with a newline only on a terminal
    for url, (left, new) in sorted(status.skipped_feeds.items()):
        settings.err.print(
            f"newsprism: {escape(url)}: {left} of {new} new items wait for later polls "
            f"(at most {new - left} a poll, newest first; --max-items or max_items in FEEDS)"
        )
    failed = status.feeds_failed + status.urls_failed
    raise SystemExit(1 if failed else 0)


@click.command("feeds")
@json_option
@common_options
@pass_settings
def feeds_command(settings: Settings, as_json: bool) -> None:
    """Each followed feed's health: last success, last error, articles per day, backlog."""
    store = settings.open_store(readonly=True)
    try:
        states = store.feed_states()
        per_day = store.articles_per_day()
        failing = {state.url: len(store.url_failures(state.url)) for state in states}
    finally:
        store.close()
    records = [
        {
            "url": s.url,
            "outlet": s.outlet,
            "kind": s.kind,
            "interval": s.interval,
            "last_poll": _iso(s.last_poll),
            "last_success": _iso(s.last_success),
            "last_error": s.last_error,
            "last_error_at": _iso(s.last_error_at),
            "failures_in_a_row": s.failures,
            "next_poll": _iso(s.next_poll),
            "articles": s.articles,
            "articles_per_day": round(per_day.get(s.url, 0.0), 2),
            "urls_failed": failing[s.url],
            "skipped": s.skipped,
            "healthy": s.failures == 0 and s.last_success is not None,
        }
        for s in states
    ]
    if as_json:
        print_json(records)
        return
    table = Table(
        "outlet",
        "feed",
        "last success",
        "articles/day",
        "failing",
        "backlog",
        "last error",
        title=f"{len(records)} feeds",
    )
    for record in records:
        health = "green" if record["healthy"] else "red"
        table.add_row(
            escape(str(record["outlet"] or "")),
            escape(str(record["url"])),
            f"[{health}]{_short(record['last_success'])}[/{health}]",
            f"{record['articles_per_day']:.1f}",
            f"{record['failures_in_a_row']} polls, {record['urls_failed']} URLs",
            f"[yellow]{record['skipped']} waiting[/yellow]" if record["skipped"] else "",
            escape(str(record["last_error"] or ""))[:80],
        )
    settings.out.print(table)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def _short(value: object) -> str:
    """A stored ISO time as the reader's clock shows it (`listing.when`)."""
    if not value:
        return "never"
    try:
        return when(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)[:16].replace("T", " ")
