from __future__ import annotations

from pathlib import Path

from newsprism.errors import RejectReason
from newsprism.ingest.feeds import read_feed_file
from newsprism.ingest.records import FoundArticle, ReadOptions
from newsprism.model import Reject

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Talbote</title>
  <entry>
    <title>Neue Buslinie ins Gewerbegebiet</title>
    <link href="https://www.talbote.de/bus"/>
    <id>urn:talbote:1</id>
    <updated>2026-05-04T10:00:00+02:00</updated>
    <author><name>Lea Muster</name></author>
    <content type="html">&lt;p&gt;Ab Juni fährt die Linie 12 im Halbstundentakt bis zum Gewerbegebiet Süd.&lt;/p&gt;&lt;p&gt;Die Stadtwerke erwarten täglich 800 Fahrgäste.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Nur eine Zusammenfassung</title>
    <link href="https://www.talbote.de/kurz"/>
    <id>urn:talbote:2</id>
    <updated>2026-05-04T11:00:00+02:00</updated>
    <summary>Der Wochenmarkt zieht auf den Kirchplatz um.</summary>
  </entry>
</feed>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title>
<item><title>x</title><description>&lol3;</description></item></channel></rss>
"""


def test_atom_entries_with_content_or_summary(tmp_path: Path) -> None:
    path = tmp_path / "talbote.atom"
    path.write_text(ATOM, encoding="utf-8")
    items = list(read_feed_file(path, ReadOptions()))
    assert all(isinstance(i, FoundArticle) for i in items)
    full, summary = items
    assert isinstance(full, FoundArticle) and isinstance(summary, FoundArticle)
    assert "Linie 12" in full.text and "800 Fahrgäste" in full.text
    assert full.url == "https://www.talbote.de/bus"
    assert full.authors == ("Lea Muster",)
    assert full.published is not None and full.published.utcoffset() is not None
    assert summary.text == "Der Wochenmarkt zieht auf den Kirchplatz um."


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_text(BILLION_LAUGHS)
    [item] = list(read_feed_file(path, ReadOptions()))
    assert isinstance(item, Reject) and item.reason is RejectReason.UNSAFE_XML


def test_xml_that_is_no_feed_is_a_bad_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><config><setting name="a">1</setting></config>')
    [item] = list(read_feed_file(path, ReadOptions()))
    assert isinstance(item, Reject) and item.reason is RejectReason.BAD_FEED


def test_cut_off_feed_rejects_its_empty_entry_and_names_it(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>Abgebrochen</title><item><title>Hal")
    [item] = list(read_feed_file(path, ReadOptions()))
    assert isinstance(item, Reject) and item.reason is RejectReason.NO_TEXT
    assert item.locator == "entry 1"
