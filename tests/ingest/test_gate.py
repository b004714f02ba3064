"""The plausibility gate: not-an-article and too-short, from every input kind,
counted in the run's summary, and switched off on request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench.metadata import load_pages, with_clutter

from newsprism.errors import InputRejected
from newsprism.ingest.feeds import read_feed_file
from newsprism.ingest.gate import MIN_ARTICLE_CHARS, NOT_AN_ARTICLE, TOO_SHORT
from newsprism.ingest.html import extract_html, read_html_file
from newsprism.ingest.newsplease import found_article
from newsprism.ingest.normalise import article_from_found
from newsprism.ingest.records import FoundArticle, ReadOptions
from newsprism.model import Article, Reject
from newsprism.run import IngestOptions, ingest
from newsprism.store import SQLiteStore

DATA = Path(__file__).resolve().parent.parent / "data" / "metadata"
TEASER = "Der Wochenmarkt zieht auf den Kirchplatz um, teilte die Stadt mit."  # 66 characters


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("shop-kaffeemaschine", "Product"),
        ("rezept-linsensuppe", "Recipe"),
        ("index-politik", "index page"),
        ("cookiewall", "consent wall"),
    ],
)
def test_pages_that_are_not_articles_are_rejected_with_a_reason(name: str, why: str) -> None:
    raw = (DATA / f"{name}.html").read_bytes()
    with pytest.raises(InputRejected) as caught:
        extract_html(raw, f"{name}.html")
    assert caught.value.reason is NOT_AN_ARTICLE
    assert why in caught.value.detail and f"{name}.html" in str(caught.value)


def test_the_gate_can_be_switched_off() -> None:
    raw = (DATA / "shop-kaffeemaschine.html").read_bytes()
    found = extract_html(raw, "shop.html", gate=False)
    assert "CV 500" in found.text
    items = list(read_html_file(DATA / "rezept-linsensuppe.html", ReadOptions(gate=False)))
    assert isinstance(items[0], FoundArticle)


def test_a_news_article_about_a_product_is_an_article() -> None:
    raw = (DATA / "lahnkurier-bruecke.html").read_bytes()
    assert extract_html(raw, "a.html").title == "Neue Brücke über die Lahn eröffnet"


def test_a_short_json_record_is_too_short() -> None:
    found = found_article({"maintext": TEASER, "title": "Markt"}, "items.jsonl", "line 3")
    result = article_from_found(found)
    assert isinstance(result, Reject)
    assert result.reason is TOO_SHORT and result.locator == "line 3"
    assert f"{len(TEASER)} characters" in result.detail and str(MIN_ARTICLE_CHARS) in result.detail
    assert isinstance(article_from_found(found, gate=False), Article)
    assert isinstance(article_from_found(found, min_chars=20), Article)


def test_a_marked_teaser_is_not_too_short(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Talbote</title><item>'
        f"<title>Markt</title><link>https://talbote.de/markt</link><description>{TEASER}"
        "</description></item></channel></rss>",
        "utf-8",
    )
    (item,) = read_feed_file(feed, ReadOptions())
    assert isinstance(item, FoundArticle) and item.teaser
    article = article_from_found(item)
    assert isinstance(article, Article) and article.teaser


def test_rejects_are_counted_by_reason_in_the_run_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kurz.jsonl").write_text(json.dumps({"maintext": TEASER}) + "\n", "utf-8")
    for name in ("shop-kaffeemaschine", "lahnkurier-bruecke"):
        (folder / f"{name}.html").write_bytes((DATA / f"{name}.html").read_bytes())
    store = SQLiteStore(tmp_path / "db.sqlite")
    report = ingest([str(folder)], store, IngestOptions(analyse=False, cluster=False))
    assert report.ingested == 1
    assert report.rejected[TOO_SHORT.value] >= 1
    assert report.rejected[NOT_AN_ARTICLE.value] >= 1
    assert report.exit_status == 1
    store.close()


def test_an_undated_article_on_a_cluttered_page_is_no_index_page() -> None:
    (page,) = [p for p in load_pages([DATA]) if p.name.endswith("stadtspiegel-baeume.html")]
    found = extract_html(with_clutter(page).raw, "baeume.html", url=page.gold["url"])
    assert found.text == page.gold["text"]
    (index,) = [p for p in load_pages([DATA]) if p.name.endswith("index-politik.html")]
    with pytest.raises(InputRejected) as caught:
        extract_html(with_clutter(index).raw, "index.html")
    assert caught.value.reason is NOT_AN_ARTICLE
