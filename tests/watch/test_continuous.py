"""`watch` without --once: follows the feeds, finds what they add, backs off a failing feed,
reads sitemaps, and the web app shows the story growing meanwhile."""

from __future__ import annotations

import signal
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.present.web import WebSettings, create_app
from newsprism.store import SQLiteStore
from tests.watch.process import start_watch, wait_until
from tests.watch.server import LocalWeb, Response
from tests.watch.site import ARTICLES, page, rss

SITEMAP_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{news}</loc></sitemap></sitemapindex>"""
NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{url}</loc><news:news><news:title>{title}</news:title>
<news:publication_date>2026-11-21T07:00:00+01:00</news:publication_date></news:news></url>
</urlset>"""


@pytest.mark.slow
def test_following_feeds_continuously(web: LocalWeb, tmp_path: Path) -> None:
    web.routes["/feeds/live.xml"] = Response(
        rss(web, [("/articles/a1", ARTICLES["a1"][0])]), content_type="application/rss+xml"
    )
    web.routes["/sitemap-index.xml"] = Response(
        SITEMAP_INDEX.format(news=web.url("/sitemap-news.xml")).encode(),
        content_type="application/xml",
    )
    web.routes["/sitemap-news.xml"] = Response(
        NEWS_SITEMAP.format(url=web.url("/articles/c1"), title=ARTICLES["c1"][0]).encode(),
        content_type="application/xml",
    )
    feeds = tmp_path / "live.toml"
    feeds.write_text(
        f"""interval = 10
[[outlet]]
name = "tagesblatt.example"
feeds = ["{web.url("/feeds/live.xml")}", "{web.url("/feeds/down.xml")}"]
sitemaps = ["{web.url("/sitemap-index.xml")}"]
""",
        encoding="utf-8",
    )
    db = tmp_path / "live.db"
    watcher = start_watch(db, feeds, "--timeout", "2", "--retries", "0")
    try:
        wait_until(lambda: _titles(db) >= {ARTICLES["a1"][0], ARTICLES["c1"][0]}, watcher)
        with TestClient(create_app(WebSettings(db=db, warm=0))) as client:
            story = client.get("/stories.json").json()["stories"]
            flood = next(s for s in story if "Hochwasser" in s["label"])
            assert flood["articles"] == 1
            # The outlet publishes a follow-up: the next poll finds it, the story grows.
            web.routes["/feeds/live.xml"] = Response(
                rss(
                    web,
                    [
                        ("/articles/a1", ARTICLES["a1"][0]),
                        ("/articles/b1", ARTICLES["b1"][0]),
                    ],
                ),
                content_type="application/rss+xml",
            )
            web.routes["/articles/b1"] = Response(page("b1"))
            wait_until(lambda: ARTICLES["b1"][0] in _titles(db), watcher, seconds=40)
            grown = client.get(f"/stories/{flood['id']}.json").json()
            assert len(grown["articles"]) == 2
        store = SQLiteStore(db, readonly=True)
        try:
            states = {s.url.rsplit("/", 1)[1]: s for s in store.feed_states()}
        finally:
            store.close()
        down = states["down.xml"]
        assert down.failures >= 1 and down.last_poll and down.next_poll
        # Backing off: a failing feed waits longer than its interval.
        assert down.next_poll - down.last_poll >= timedelta(seconds=2 * 10 * 0.99)
        assert states["live.xml"].next_poll - states["live.xml"].last_poll < timedelta(seconds=11)
        assert states["sitemap-index.xml"].kind == "sitemap"
    finally:
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(timeout=60)
    assert watcher.returncode in (0, 1), watcher.stderr.read().decode() if watcher.stderr else ""


def _titles(db: Path) -> set[str]:
    if not db.exists():
        return set()
    store = SQLiteStore(db, readonly=True)
    try:
        return {a.title or "" for a in store.articles()}
    except Exception:
        return set()
    finally:
        store.close()
