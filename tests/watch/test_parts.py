"""The watcher's parts on their own: URL normalisation, feeds files, teasers, the fetcher."""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from pathlib import Path

import httpx
import pytest

from newsprism.errors import ConfigError, FetchError
from newsprism.watch.fetch import Fetcher, FetchPolicy
from newsprism.watch.paywall import is_teaser
from newsprism.watch.sources import load_sources
from newsprism.watch.urls import normalise_url
from tests.helpers import run_cli
from tests.watch.server import LocalWeb

FAST = FetchPolicy(retries=2, backoff=0.01, delay=0.0, read_timeout=1, connect_timeout=1)


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.tagesblatt.de/politik/hochwasser-talheim-123.html",
        "http://tagesblatt.de/politik/hochwasser-talheim-123.html?utm_source=rss&utm_campaign=x",
        "https://m.tagesblatt.de/politik/hochwasser-talheim-123.html#kommentare",
        "https://amp.tagesblatt.de/politik/hochwasser-talheim-123.html",
        "https://tagesblatt.de/amp/politik/hochwasser-talheim-123.html",
        "https://tagesblatt.de/politik/hochwasser-talheim-123.amp.html",
        "https://TAGESBLATT.de:443/politik/hochwasser-talheim-123.html/?fbclid=abc",
    ],
)
def test_one_article_one_address(variant: str) -> None:
    assert normalise_url(variant) == "https://tagesblatt.de/politik/hochwasser-talheim-123.html"


def test_what_tells_articles_apart_is_kept() -> None:
    assert normalise_url("https://a.de/artikel?id=5") != normalise_url("https://a.de/artikel?id=6")
    assert normalise_url("https://a.de/x?b=2&a=1") == normalise_url("https://a.de/x?a=1&b=2")
    assert normalise_url("javascript:alert(1)") == "javascript:alert(1)"


def test_feeds_files(tmp_path: Path) -> None:
    toml = tmp_path / "feeds.toml"
    toml.write_text(
        'interval = 120\n[[outlet]]\nname = "tagesblatt.de"\n'
        'feeds = ["https://tagesblatt.de/rss.xml"]\nsitemaps = "https://tagesblatt.de/news.xml"\n'
        'groups = ["national"]\n[[outlet]]\nfeeds = ["https://www.emsbote.de/feed"]\n'
        "interval = 30\n",
        encoding="utf-8",
    )
    sources = load_sources(toml)
    assert [(s.outlet, s.kind, s.interval, s.groups) for s in sources] == [
        ("tagesblatt.de", "feed", 120.0, ("national",)),
        ("tagesblatt.de", "sitemap", 120.0, ("national",)),
        ("emsbote.de", "feed", 30.0, ()),
    ]
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="Presse">'
        '<outline text="Talbote" type="rss" xmlUrl="https://talbote.de/rss"/></outline>'
        "</body></opml>",
        encoding="utf-8",
    )
    assert [(s.url, s.outlet) for s in load_sources(opml)] == [
        ("https://talbote.de/rss", "talbote.de")
    ]
    listed = tmp_path / "feeds.txt"
    listed.write_text("# Lokales\nhttps://talbote.de/rss\n\nhttps://talbote.de/rss\n", "utf-8")
    assert len(load_sources(listed)) == 1  # the same feed twice is followed once


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[[outlet]]\nfeeds = ['ftp://x.de/rss']\n", "not an http(s) URL"),
        ("[[outlet]]\nfeeds = ['https://x.de/rss']\ninterval = 1\n", "interval"),
        ("[outlets]\nx = 1\n", "no [[outlet]] tables"),
        ("[[outlet]\n", "not valid TOML"),
        ("[[outlet]]\nname = 'x'\n", "names no feed"),
    ],
)
def test_bad_feeds_file_says_what_is_wrong(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(problem)) as raised:
        load_sources(path)
    assert str(path) in str(raised.value)


def test_teasers() -> None:
    short = (
        "Der Vorstand will mehrere Nebenstrecken stilllegen. Betroffen wären ländliche Regionen."
    )
    marker = '<div class="paywall">Jetzt weiterlesen mit Plus</div>'
    assert is_teaser(marker, short)
    assert is_teaser('{"isAccessibleForFree": "False"}', short)
    assert not is_teaser("<p>Freier Artikel</p>", short)
    assert not is_teaser(marker, short * 40)  # the whole article is there


def _mock(handler: httpx.MockTransport) -> Fetcher:
    return Fetcher(FAST, transport=handler)


def test_fetcher_retries_server_errors_then_succeeds() -> None:
    calls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if calls.count("/a") < 3:
            return httpx.Response(503, headers={"Retry-After": "0"})
        return httpx.Response(200, text="<p>ok</p>", headers={"ETag": '"v2"'})

    fetched = _mock(httpx.MockTransport(answer)).get("https://x.example/a")
    assert fetched.status == 200 and fetched.etag == '"v2"' and calls.count("/a") == 3


def test_fetcher_gives_up_with_a_reason() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/big":
            return httpx.Response(200, headers={"Content-Length": str(50 * 1024 * 1024)})
        if request.url.path == "/gone":
            return httpx.Response(410)
        raise httpx.ConnectError("refused", request=request)

    fetcher = _mock(httpx.MockTransport(answer))
    for path, reason in (("/big", "too-large"), ("/gone", "http-error"), ("/x", "network")):
        with pytest.raises(FetchError) as raised:
            fetcher.get(f"https://x.example{path}")
        assert raised.value.reason == reason


def test_conditional_request_and_robots() -> None:
    seen: dict[str, str | None] = {}

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "down.example" and request.url.path == "/robots.txt":
            return httpx.Response(500)
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /intern/\n")
        seen["etag"] = request.headers.get("if-none-match")
        seen["agent"] = request.headers.get("user-agent")
        return httpx.Response(304)

    fetcher = _mock(httpx.MockTransport(answer))
    assert fetcher.get("https://x.example/feed", etag='"v1"').status == 304
    assert seen["etag"] == '"v1"' and (seen["agent"] or "").startswith("newsprism/")
    with pytest.raises(FetchError, match="robots"):
        fetcher.get("https://x.example/intern/seite")
    with pytest.raises(FetchError, match="robots"):  # robots.txt unreachable: keep out
        fetcher.get("https://down.example/feed")


@pytest.mark.slow
def test_watch_and_feeds_commands(web: LocalWeb, feeds_file: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    watched = run_cli(
        "--db",
        db,
        "watch",
        str(feeds_file),
        "--once",
        "--timeout",
        "1",
        "--retries",
        "0",
        "--delay",
        "0",
        "--max-bytes",
        str(1024 * 1024),
    )
    assert watched.returncode == 1, watched.stderr[-2000:]  # some feeds and pages failed
    assert "new articles 5" in watched.stderr
    listed = run_cli("--db", db, "feeds", "--json")
    assert listed.returncode == 0, listed.stderr
    feeds = {f["url"].rsplit("/", 1)[1]: f for f in json.loads(listed.stdout)}
    assert feeds["tagesblatt.xml"]["healthy"] and feeds["tagesblatt.xml"]["articles"] == 3
    assert feeds["tagesblatt.xml"]["urls_failed"] == 6
    assert not feeds["down.xml"]["healthy"] and "503" in feeds["down.xml"]["last_error"]
    table = run_cli("--db", db, "feeds", env={**os.environ, "COLUMNS": "240"})
    assert table.returncode == 0 and "emsbote.example" in table.stdout
    missing = run_cli("--db", db, "watch", str(tmp_path / "none.toml"), "--once")
    assert missing.returncode == 2 and "cannot read feeds file" in missing.stderr


def test_compressed_pages_are_decoded() -> None:
    import gzip

    import brotli

    page = "<p>Die Ems steigt weiter; „Wehrstedt“ wird evakuiert.</p>".encode()

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/br":
            return httpx.Response(
                200, content=brotli.compress(page), headers={"Content-Encoding": "br"}
            )
        return httpx.Response(
            200, content=gzip.compress(page), headers={"Content-Encoding": "gzip"}
        )

    fetcher = _mock(httpx.MockTransport(answer))
    assert fetcher.get("https://x.example/br").body == page
    assert fetcher.get("https://x.example/gz").body == page


def test_teaser_mark_survives_export_and_import(tmp_path: Path) -> None:
    from newsprism.ingest.newsplease import newsplease_record
    from newsprism.model.article import Article
    from newsprism.run import IngestOptions, ingest
    from newsprism.store import MemoryStore

    teaser = Article.from_text(
        "Der Vorstand der Regionalbahn Süd will mehrere Nebenstrecken stilllegen. "
        "Betroffen wären vor allem ländliche Regionen im Süden des Landes.",
        title="Exklusiv: Was der Bahnvorstand plant",
        outlet="tagesblatt.example",
        teaser=True,
    )
    exported = tmp_path / "export.jsonl"
    exported.write_text(json.dumps(newsplease_record(teaser), ensure_ascii=False) + "\n", "utf-8")
    store = MemoryStore()
    ingest([str(exported)], store, IngestOptions(analyse=False))
    assert store.article(teaser.id).teaser


def test_crawl_delay_spaces_requests_to_a_host() -> None:
    starts: list[float] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nCrawl-delay: 1\n")
        starts.append(time.monotonic())
        return httpx.Response(200, text="<p>ok</p>")

    fetcher = _mock(httpx.MockTransport(answer))
    for number in range(3):
        fetcher.get(f"https://slow.example/{number}")
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.99  # whole seconds: Python reads Crawl-delay as an integer
