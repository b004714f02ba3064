"""A watcher killed with SIGKILL mid-run and started again ends with the same database as an
uninterrupted run; SIGTERM ends one cleanly after the article in hand."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench.synthetic import article_text, edit

from newsprism.store import SQLiteStore
from tests.watch.process import start_watch, wait_until
from tests.watch.server import LocalWeb, Response
from tests.watch.site import rss

PAGES = 40


def _page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    return (
        f'<html lang="de"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


@pytest.fixture
def slow_web(tmp_path: Path) -> Iterator[tuple[LocalWeb, Path]]:
    web = LocalWeb()
    web.page_delay = 0.15  # slow enough to be killed in the middle
    web.routes["/robots.txt"] = Response(b"", content_type="text/plain")
    bases = [article_text(seed, words=180) for seed in range(4)]
    items = []
    for number in range(PAGES):
        path = f"/articles/{number}"
        title = f"Meldung {number}: Bericht aus dem Landkreis"
        text = edit(bases[number % 4], 0.25, seed=number)
        web.routes[path] = Response(_page(title, text))
        items.append((path, title))
    web.routes["/feed.xml"] = Response(rss(web, items), content_type="application/rss+xml")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# one feed\n{web.url('/feed.xml')}\n", encoding="utf-8")
    with web.running():
        yield web, feeds


def _watch(db: Path, feeds: Path, *extra: str) -> subprocess.Popen[bytes]:
    return start_watch(db, feeds, "--workers", "2", *extra)


def _committed(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _wait_for(db: Path, articles: int, process: subprocess.Popen[bytes]) -> None:
    wait_until(lambda: _committed(db) >= articles, process, seconds=120)


def _content(db: Path) -> dict[str, object]:
    store = SQLiteStore(db, readonly=True)
    try:
        assert store.integrity_problems() == []
        articles = {a.id: (a.title, a.text, a.url) for a in store.articles()}
        stories = {frozenset(s.articles) for s in store.stories()}
        sources = {(a, s.url) for a in articles for s in store.sources(a)}
        connection = sqlite3.connect(db)
        urls = set(connection.execute("SELECT url, status, article_id FROM fetched_urls"))
        spans = connection.execute("SELECT count(*) FROM spans").fetchone()[0]
        connection.close()
        return {
            "articles": articles,
            "stories": stories,
            "sources": sources,
            "urls": urls,
            "spans": spans,
        }
    finally:
        store.close()


@pytest.mark.slow
def test_killed_watcher_resumes_to_the_same_database(
    slow_web: tuple[LocalWeb, Path], tmp_path: Path
) -> None:
    web, feeds = slow_web
    whole = tmp_path / "whole.db"
    uninterrupted = _watch(whole, feeds, "--once")
    assert uninterrupted.wait(timeout=300) == 0, uninterrupted.communicate()[1].decode()[-2000:]
    expected = _content(whole)
    assert len(expected["articles"]) == PAGES  # type: ignore[arg-type]

    killed = tmp_path / "killed.db"
    for _ in range(2):
        process = _watch(killed, feeds, "--once")
        _wait_for(killed, _committed(killed) + 3, process)  # killed after some progress
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert _committed(killed) < PAGES  # in the middle of the run
    pages_fetched = len([h for h in web.hits if h.path.startswith("/articles/")])
    committed = _committed(killed)
    rerun = _watch(killed, feeds, "--once")
    assert rerun.wait(timeout=300) == 0, rerun.communicate()[1].decode()[-2000:]
    assert _content(killed) == expected
    store = SQLiteStore(killed, readonly=True)
    try:
        assert [run.status for run in store.runs()] == ["interrupted", "interrupted", "done"]
    finally:
        store.close()
    # The rerun fetched exactly the pages the killed runs had not stored, each once.
    rerun_pages = [h.path for h in web.hits if h.path.startswith("/articles/")][pages_fetched:]
    assert len(rerun_pages) == len(set(rerun_pages)) == PAGES - committed


@pytest.mark.slow
def test_sigterm_stops_after_the_article_in_hand(
    slow_web: tuple[LocalWeb, Path], tmp_path: Path
) -> None:
    _, feeds = slow_web
    db = tmp_path / "stopped.db"
    process = _watch(db, feeds)  # no --once: runs until stopped
    _wait_for(db, 3, process)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) in (0, 1)
    store = SQLiteStore(db, readonly=True)
    try:
        assert store.integrity_problems() == []
        assert store.runs()[-1].status == "interrupted"
        done = store.count_articles()
    finally:
        store.close()
    assert 3 <= done < PAGES
