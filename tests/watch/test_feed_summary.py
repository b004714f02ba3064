"""Feed items keep their own text: an item whose page cannot be fetched keeps its
summary as a teaser; an image caption is never that summary."""

from __future__ import annotations

from pathlib import Path

from newsprism.ingest.normalise import article_from_found
from newsprism.model import Article
from newsprism.store import SQLiteStore
from newsprism.watch.fetch import Fetcher
from newsprism.watch.items import FeedItem, parse_feed, teaser_from_item
from newsprism.watch.sources import load_sources
from newsprism.watch.watcher import Watcher
from tests.watch.conftest import TEST_POLICY
from tests.watch.server import LocalWeb, Response

FEED = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Talbote</title>
<item><title>Wochenmarkt zieht um</title><link>https://www.talbote.de/markt</link>
<pubDate>Mon, 04 May 2026 10:00:00 +0200</pubDate>
<description>Der Wochenmarkt zieht ab Juni auf den Kirchplatz um.</description>
<media:content url="https://www.talbote.de/markt.jpg">
<media:description>Marktstand am Rathaus. Foto: Talbote/ Lea Muster</media:description>
</media:content></item>
<item><title>Nur ein Bild</title><link>https://www.talbote.de/bild</link>
<media:content url="https://www.talbote.de/b.jpg">
<media:description>Sonnenuntergang am Hafen. Foto: Talbote/ Jan Peters</media:description>
</media:content></item>
</channel></rss>"""


def test_items_carry_the_summary_not_the_caption() -> None:
    first, second = parse_feed(FEED, "talbote.xml")
    assert first.summary == "Der Wochenmarkt zieht ab Juni auf den Kirchplatz um."
    assert second.summary is None


def test_an_unfetched_item_becomes_a_marked_teaser() -> None:
    first, second = parse_feed(FEED, "talbote.xml")
    found = teaser_from_item(first, "talbote.xml")
    assert found is not None and found.teaser and found.dated_by == "feed"
    article = article_from_found(found)
    assert isinstance(article, Article) and article.teaser
    assert article.published is not None and article.url == "https://www.talbote.de/markt"
    assert teaser_from_item(second, "talbote.xml") is None
    assert teaser_from_item(FeedItem("https://x.example/a"), "f.xml") is None


def test_an_item_whose_page_is_gone_keeps_its_summary_as_a_teaser(tmp_path: Path) -> None:
    """End to end with `watch --once`: the page answers 404 for good, so the feed's summary
    is stored as a teaser of the outlet (it covered the story) instead of nothing."""
    web = LocalWeb()
    summary = (
        "Nach dem Wasserrohrbruch in der Kasseler Innenstadt bleibt die Königsstraße bis "
        "Freitag gesperrt. Die Stadtwerke tauschen ein 80 Jahre altes Rohr aus."
    )
    web.routes["/feed.xml"] = Response(
        (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bote'
            f"</title><link>{web.url('/')}</link><item><title>Königsstraße gesperrt</title>"
            f"<link>{web.url('/artikel/rohrbruch')}</link><description>{summary}"
            "</description><pubDate>Tue, 01 Dec 2026 08:30:00 +0100</pubDate></item>"
            "</channel></rss>"
        ).encode(),
        content_type="application/rss+xml",
    )
    web.routes["/artikel/rohrbruch"] = Response(b"Not Found", status=404, content_type="text/plain")
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(
        f'[[outlet]]\nname = "bote.example"\nfeeds = ["{web.url("/feed.xml")}"]\n',
        encoding="utf-8",
    )
    db = tmp_path / "watch.db"
    with web.running():
        store = SQLiteStore(db)
        fetcher = Fetcher(TEST_POLICY)
        try:
            Watcher(store, load_sources(feeds), fetcher, workers=1).run(once=True)
        finally:
            fetcher.close()
            store.close()
    store = SQLiteStore(db, readonly=True)
    try:
        [article] = list(store.articles())
    finally:
        store.close()
    assert article.teaser and article.outlet == "bote.example"
    assert article.text.startswith("Nach dem Wasserrohrbruch")
    assert article.url == web.url("/artikel/rohrbruch")
