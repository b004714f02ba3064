"""A feed announcing thousands of new items: each poll fetches at most `max_items` of them,
newest first, says how many it left, and later polls pick those up."""

from __future__ import annotations

import json
import os
import random
import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from newsprism.errors import ConfigError
from newsprism.run import IngestOptions
from newsprism.store import SQLiteStore
from newsprism.watch.fetch import Fetcher
from newsprism.watch.sources import DEFAULT_MAX_ITEMS, load_sources
from newsprism.watch.watcher import Watcher
from tests.helpers import run_cli
from tests.watch.conftest import TEST_POLICY
from tests.watch.server import LocalWeb, Response

START = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
WORDS = (
    "Stadtrat Landkreis Hochwasser Pegel Feuerwehr Klinikum Buslinie Fernwärme Mieterbund "
    "Bahnstrecke Haushalt Gemeinderat Schule Brücke Sanierung Kosten Zeitplan Anwohner "
    "beschließt kritisiert fordert erwartet verschiebt prüft genehmigt lehnt ab"
).split()


def _page(number: int) -> bytes:
    """An article page whose text no other number shares."""
    rng = random.Random(number)
    paragraphs = "".join(
        "<p>"
        + " ".join(rng.choice(WORDS) for _ in range(45))
        + f" Meldung {number}, Absatz {part}.</p>"
        for part in range(3)
    )
    title = f"Meldung {number}: {rng.choice(WORDS)} {rng.choice(WORDS)}"
    return (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def publish(web: LocalWeb, count: int) -> None:
    """A feed of `count` items, item n published n minutes after START, in shuffled order
    (so newest first has to come from the dates, not from the order)."""
    numbers = list(range(count))
    random.Random(1).shuffle(numbers)
    items = "".join(
        f"<item><title>Meldung {n}</title><link>{web.url(f'/bulk/{n}')}</link>"
        f"<pubDate>{format_datetime(START + timedelta(minutes=n))}</pubDate></item>"
        for n in numbers
    )
    web.routes["/feeds/bulk.xml"] = Response(
        (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Massenblatt</title><link>{web.url('/')}</link>{items}</channel></rss>"
        ).encode(),
        content_type="application/rss+xml",
        etag=f'"bulk-{count}"',
    )
    for n in range(count):
        web.routes[f"/bulk/{n}"] = Response(_page(n))


def _feeds_file(web: LocalWeb, tmp_path: Path, settings: str = "") -> Path:
    path = tmp_path / "bulk.toml"
    path.write_text(
        f'{settings}\n[[outlet]]\nname = "massenblatt.example"\n'
        f'feeds = ["{web.url("/feeds/bulk.xml")}"]\n',
        encoding="utf-8",
    )
    return path


def _stored_numbers(store: SQLiteStore) -> set[int]:
    found = set()
    for article in store.articles():
        match = re.search(r"Meldung (\d+)", article.title or "")
        assert match, article.title
        found.add(int(match.group(1)))
    return found


def _run(db: Path, feeds: Path) -> Watcher:
    store = SQLiteStore(db)
    fetcher = Fetcher(TEST_POLICY)
    try:
        watcher = Watcher(
            store,
            load_sources(feeds),
            fetcher,
            IngestOptions(analyse=False, cluster=False),
            workers=4,
        )
        watcher.run(once=True)
        return watcher
    finally:
        fetcher.close()
        store.close()


@pytest.mark.slow
def test_a_long_feed_is_read_a_slice_a_poll_newest_first(web: LocalWeb, tmp_path: Path) -> None:
    publish(web, 2000)
    feeds = _feeds_file(web, tmp_path, "max_items = 50")
    db = tmp_path / "bulk.db"

    first = _run(db, feeds)
    assert first.status.new_articles == 50
    assert first.status.skipped == 1950
    assert len([h for h in web.hits if h.path.startswith("/bulk/")]) == 50
    store = SQLiteStore(db, readonly=True)
    try:
        assert _stored_numbers(store) == set(range(1950, 2000))  # the 50 newest
        (feed,) = store.feed_states()
        assert feed.skipped == 1950 and feed.articles == 50
        assert feed.last_error is None and feed.failures == 0  # a backlog is no failure
        assert store.runs()[-1].counts["items_skipped"] == 1950
        assert store.count_articles() == 50
    finally:
        store.close()

    # The next poll reads the whole feed again, although it sent an ETag: the skipped items
    # are still to be fetched. It takes the next 50 newest.
    before = len(web.hits)
    second = _run(db, feeds)
    feed_hits = [h for h in web.hits[before:] if h.path == "/feeds/bulk.xml"]
    assert [(h.if_none_match, h.status) for h in feed_hits] == [(None, 200)]
    assert second.status.new_articles == 50 and second.status.skipped == 1900
    store = SQLiteStore(db, readonly=True)
    try:
        assert _stored_numbers(store) == set(range(1900, 2000))
        (feed,) = store.feed_states()
        assert feed.skipped == 1900 and feed.articles == 100
    finally:
        store.close()


def test_once_the_backlog_is_read_conditional_requests_resume(
    web: LocalWeb, tmp_path: Path
) -> None:
    publish(web, 30)
    feeds = _feeds_file(web, tmp_path, "max_items = 20")
    db = tmp_path / "drain.db"
    assert _run(db, feeds).status.skipped == 10
    drained = _run(db, feeds)
    assert drained.status.new_articles == 10 and drained.status.skipped == 0
    before = len(web.hits)
    idle = _run(db, feeds)  # nothing left: the ETag is sent again and answered 304
    assert [h.status for h in web.hits[before:] if h.path == "/feeds/bulk.xml"] == [304]
    assert idle.status.new_articles == 0
    store = SQLiteStore(db, readonly=True)
    try:
        assert _stored_numbers(store) == set(range(30))
        assert store.feed_states()[0].skipped == 0
    finally:
        store.close()


def test_max_items_in_the_feeds_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(
        'max_items = 80\n[[outlet]]\nfeeds = ["https://a.example/rss"]\n'
        '[[outlet]]\nfeeds = ["https://b.example/rss"]\nmax_items = 500\n',
        encoding="utf-8",
    )
    assert [s.max_items for s in load_sources(path)] == [80, 500]
    path.write_text('[[outlet]]\nfeeds = ["https://a.example/rss"]\n', encoding="utf-8")
    assert load_sources(path)[0].max_items == DEFAULT_MAX_ITEMS == 200
    for bad in ("0", "-5", "2.5", "true", '"many"'):
        path.write_text(
            f'[[outlet]]\nfeeds = ["https://a.example/rss"]\nmax_items = {bad}\n',
            encoding="utf-8",
        )
        with pytest.raises(ConfigError, match="max_items"):
            load_sources(path)


@pytest.mark.slow
def test_the_commands_say_what_was_skipped(web: LocalWeb, tmp_path: Path) -> None:
    publish(web, 40)
    feeds = _feeds_file(web, tmp_path, "max_items = 500")
    db = str(tmp_path / "cli.db")
    common = ("--delay", "0", "--timeout", "2", "--retries", "0", "--no-analyse")
    # The option wins over the file: this run is capped at 15.
    watched = run_cli("--db", db, "watch", str(feeds), "--once", "--max-items", "15", *common)
    assert watched.returncode == 0, watched.stderr[-2000:]  # a backlog is no failure
    assert "skipped 25" in watched.stderr
    assert "25 of 40 new items" in watched.stderr and "later polls" in watched.stderr
    listed = run_cli("--db", db, "feeds", "--json")
    assert listed.returncode == 0, listed.stderr
    (feed,) = json.loads(listed.stdout)
    assert feed["skipped"] == 25 and feed["articles"] == 15 and feed["healthy"]
    table = run_cli("--db", db, "feeds", env={**os.environ, "COLUMNS": "240"})
    assert table.returncode == 0 and "25 waiting" in table.stdout
