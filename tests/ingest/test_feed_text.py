"""Feeds: an image caption is never the article, CDATA is unwrapped, a summary is
a teaser, and the feed's time says where it came from."""

from __future__ import annotations

from pathlib import Path

from newsprism.ingest.feeds import read_feed_file
from newsprism.ingest.records import FoundArticle, ReadOptions

SUMMARY = (
    "The city council voted on Tuesday to close two branch libraries by the end of the year, "
    "citing a budget shortfall."
)
CAPTION = "A reader leaves the Eastside branch library on Monday. (Photo: Jane Roe/AP)"
RSS_WITH_MEDIA = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Ledger</title>
<item><title>Council votes to close two libraries</title>
<link>https://www.dailyledger.com/news/libraries</link>
<pubDate>Tue, 12 May 2026 21:14:00 -0400</pubDate>
<description>{SUMMARY}</description>
<media:content url="https://www.dailyledger.com/img/library.jpg" medium="image">
<media:description>{CAPTION}</media:description></media:content></item>
</channel></rss>"""
ATOM_03_CDATA = """<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Talbote</title>
<entry><title>Stadtrat beschließt neue Parkgebühren</title>
<link rel="alternate" type="text/html" href="https://www.talbote.de/parken"/>
<issued>2026-03-01T10:00:00+01:00</issued>
<summary type="text/plain" mode="escaped">&lt;![CDATA[Der Stadtrat hat höhere Parkgebühren in der Innenstadt beschlossen. Eine Stunde kostet künftig 2,50 Euro. [mehr ]]]&gt;</summary>
</entry>
<entry><title>Neue Kita eröffnet</title>
<link rel="alternate" type="text/html" href="https://www.talbote.de/kita"/>
<issued>2026-03-02T09:00:00+01:00</issued>
<content type="text/html" mode="escaped">&lt;![CDATA[&lt;p&gt;Im Neubaugebiet hat die fünfte städtische Kita eröffnet.&lt;/p&gt;&lt;p&gt;Sie bietet Platz für 95 Kinder. [mehr]]]&gt;</content>
</entry></feed>"""


def _read(tmp_path: Path, text: str) -> list[FoundArticle]:
    path = tmp_path / "feed.xml"
    path.write_text(text, "utf-8")
    items = list(read_feed_file(path, ReadOptions()))
    assert all(isinstance(item, FoundArticle) for item in items), items
    return [item for item in items if isinstance(item, FoundArticle)]


def test_media_description_is_not_taken_for_the_article(tmp_path: Path) -> None:
    (item,) = _read(tmp_path, RSS_WITH_MEDIA)
    assert item.text == SUMMARY
    assert "Photo" not in item.text
    assert item.teaser  # only the feed's summary


def test_escaped_cdata_leaves_no_marks(tmp_path: Path) -> None:
    first, second = _read(tmp_path, ATOM_03_CDATA)
    assert first.text == (
        "Der Stadtrat hat höhere Parkgebühren in der Innenstadt beschlossen. "
        "Eine Stunde kostet künftig 2,50 Euro."
    )
    assert "]]>" not in second.text and "CDATA" not in second.text and "[mehr" not in second.text
    assert second.text.startswith("Im Neubaugebiet")


def test_summaries_are_teasers_and_full_content_is_not(tmp_path: Path) -> None:
    full = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry>'
        '<title>Bus</title><link href="https://talbote.de/bus"/><id>1</id>'
        "<updated>2026-05-04T10:00:00+02:00</updated><summary>Kurz: Linie 12 fährt öfter.</summary>"
        '<content type="html">&lt;p&gt;Ab Juni fährt die Linie 12 im Halbstundentakt bis zum '
        "Gewerbegebiet Süd. Die Stadtwerke erwarten täglich 800 Fahrgäste.&lt;/p&gt;</content>"
        "</entry></feed>"
    )
    (item,) = _read(tmp_path, full)
    assert not item.teaser and item.text.startswith("Ab Juni")
    assert item.published is not None and item.published.isoformat() == "2026-05-04T08:00:00+00:00"
    assert item.dated_by == "feed"
