"""`watch --once` against a real local server: exactly the right articles go in, every
failure is recorded with its reason, and a second poll is answered 304 and fetches nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsprism.store import SQLiteStore
from newsprism.watch.fetch import Fetcher
from newsprism.watch.sources import load_sources
from newsprism.watch.urls import normalise_url
from newsprism.watch.watcher import Watcher
from tests.watch.conftest import TEST_POLICY
from tests.watch.server import LocalWeb
from tests.watch.site import ARTICLES, EXPECTED_ARTICLES, EXPECTED_FAILURES


def _watch_once(db: Path, feeds_file: Path) -> Watcher:
    store = SQLiteStore(db)
    fetcher = Fetcher(TEST_POLICY)
    try:
        watcher = Watcher(store, load_sources(feeds_file), fetcher, workers=4)
        watcher.run(once=True)
        return watcher
    finally:
        fetcher.close()
        store.close()


def test_watch_once_then_again(web: LocalWeb, feeds_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    watcher = _watch_once(db, feeds_file)
    store = SQLiteStore(db, readonly=True)
    try:
        titles = {article.title: article for article in store.articles()}
        assert set(titles) == {ARTICLES[key][0] for key in EXPECTED_ARTICLES}
        by_key = {key: titles[ARTICLES[key][0]] for key in EXPECTED_ARTICLES}
        # cp1252 page: „…“ and € survive
        assert "240 € mehr" in by_key["a2"].text and "„Wir geben nur weiter" in by_key["a2"].text
        assert by_key["a6"].teaser and not any(by_key[k].teaser for k in EXPECTED_ARTICLES - {"a6"})
        assert by_key["a1"].outlet == "tagesblatt.example"
        assert by_key["b1"].outlet == "emsbote.example"
        # Same text under another address: one article, two sources.
        sources = store.sources(by_key["a1"].id)
        assert {s.url for s in sources} == {web.url("/articles/a1"), web.url("/articles/a1-copy")}
        # Each failure with its reason, per URL.
        failures = {
            url.split(str(web.port), 1)[1]: (status, reason)
            for url, status, reason, _ in store.url_failures()
        }
        assert set(failures) == set(EXPECTED_FAILURES)
        for path, reason in EXPECTED_FAILURES.items():
            assert failures[path][1] is not None and failures[path][1].startswith(reason), path
        assert failures["/articles/stalls"][0] == "retry"  # a timeout may pass: tried again
        assert failures["/articles/missing"][0] == "failed"
        feeds = {state.url.rsplit("/", 1)[1]: state for state in store.feed_states()}
        assert feeds["broken.xml"].last_error.startswith("bad-feed")
        assert feeds["bomb.xml"].last_error.startswith("unsafe-xml")
        assert feeds["down.xml"].last_error.startswith("http-error: 503")
        assert feeds["down.xml"].failures == 1
        healthy = ("tagesblatt.xml", "emsbote.atom", "kreisblatt.html")
        assert all(feeds[name].last_success and feeds[name].failures == 0 for name in healthy)
        assert feeds["tagesblatt.xml"].etag == '"tagesblatt-v1"'
        groups = store.stored_groups()
        assert groups["tagesblatt.example"] == frozenset({"national"})
        rejects = {r.reject.source for r in store.rejects()}
        assert web.url("/feeds/bomb.xml") in rejects and web.url("/articles/missing") in rejects
        assert any(r.reject.detail == "feed item without a link" for r in store.rejects())
        stories = store.stories()
        flood = [s for s in stories if len(s.articles) > 1]
        assert flood and {by_key["a1"].id, by_key["b1"].id} <= set(flood[0].articles)
        before = store.count_articles()
    finally:
        store.close()
    # Politeness: the repeated and the AMP address of a1 were never fetched.
    assert len(web.requests_for("/articles/a1")) == 1
    assert web.requests_for("/amp/articles/a1") == []
    assert len(web.requests_for("/robots.txt")) == 1
    assert web.max_overlap(exclude=("/articles/stalls", "/articles/huge")) <= TEST_POLICY.per_host
    assert watcher.status.new_articles == len(EXPECTED_ARTICLES)
    assert watcher.status.teasers == 1 and watcher.status.duplicates == 1

    pages_before = {hit.path for hit in web.hits if hit.path.startswith("/articles/")}
    count_before = len(web.hits)
    _watch_once(db, feeds_file)
    second = web.hits[count_before:]
    conditional = [h for h in second if h.path in ("/feeds/tagesblatt.xml", "/feeds/emsbote.atom")]
    assert [h.status for h in conditional] == [304, 304]
    fetched_again = {h.path for h in second if h.path.startswith("/articles/")}
    assert fetched_again <= {"/articles/stalls"} and pages_before  # only the retry
    store = SQLiteStore(db, readonly=True)
    try:
        assert store.count_articles() == before
        connection = sqlite3.connect(db)
        attempts = connection.execute(
            "SELECT attempts FROM fetched_urls WHERE url = ?",
            (normalise_url(web.url("/articles/stalls")),),
        ).fetchone()[0]
        connection.close()
        assert attempts == 2
    finally:
        store.close()


def test_web_app_shows_feed_health_and_teasers(
    web: LocalWeb, feeds_file: Path, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from newsprism.present.web import WebSettings, create_app

    db = tmp_path / "served.db"
    _watch_once(db, feeds_file)
    with TestClient(create_app(WebSettings(db=db, warm=0))) as client:
        outlets = {o["name"]: o for o in client.get("/outlets.json").json()["outlets"]}
        feeds = {f["url"].rsplit("/", 1)[1]: f for f in outlets["emsbote.example"]["feeds"]}
        assert feeds["emsbote.atom"]["healthy"] and not feeds["down.xml"]["healthy"]
        assert "503" in feeds["down.xml"]["last_error"]
        assert "national" in outlets["tagesblatt.example"]["groups"]  # groups from the file
        html = client.get("/outlets").text
        assert "✗ 1 failed polls" in html and "http-error: 503" in html
        hits = client.get("/search.json", params={"q": "Nebenstrecken"}).json()["articles"]
        assert hits and hits[0]["teaser"]
        assert "paywall teaser" in client.get(f"/articles/{hits[0]['id']}").text
