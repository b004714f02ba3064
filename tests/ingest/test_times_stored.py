"""Times as the page gave them: the offset survives the store, `updated` is kept,
and an undated article is marked as dated by its fetch (or WARC) date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from newsprism.ingest.normalise import article_from_found
from newsprism.ingest.records import FoundArticle, ReadOptions
from newsprism.ingest.warc import read_warc_file
from newsprism.model import Article, ArticleSource
from newsprism.store import SQLiteStore
from tests.helpers import german_article, make_warc

DATA = Path(__file__).resolve().parent.parent / "data" / "metadata"
BERLIN_SUMMER = timezone(timedelta(hours=2))


def _article(**fields: object) -> Article:
    found = FoundArticle(
        text=german_article("die Brücke", 1), source_path="a.html", url="https://a.de/x", **fields
    )  # type: ignore[arg-type]
    article = article_from_found(found)
    assert isinstance(article, Article)
    return article


def test_offset_and_updated_survive_the_store(tmp_path: Path) -> None:
    published = datetime(2026, 4, 2, 14, 46, 12, tzinfo=BERLIN_SUMMER)
    updated = datetime(2026, 4, 2, 16, 0, tzinfo=BERLIN_SUMMER)
    article = _article(published=published, updated=updated, dated_by="json-ld")
    store = SQLiteStore(tmp_path / "t.db")
    with store.transaction():
        store.add_article(article, ArticleSource(article.id, article.url, "a.de", "a.html"), None)
    back = store.article(article.id)
    store.close()
    assert back.published is not None and back.published.isoformat() == "2026-04-02T14:46:12+02:00"
    assert back.updated == updated and back.updated is not None
    assert back.updated.utcoffset() == timedelta(hours=2)
    assert back.dated_by == "json-ld"


def test_an_undated_article_is_dated_by_its_fetch() -> None:
    fetched = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    article = _article(fetched=fetched)
    assert article.published is None and article.fetched == fetched
    assert article.dated_by == "fetched"
    assert _article().dated_by is None


def test_an_undated_warc_page_is_dated_by_the_warc_date(tmp_path: Path) -> None:
    raw = (DATA / "stadtspiegel-baeume.html").read_bytes()
    path = make_warc(
        tmp_path / "c.warc.gz",
        [("https://www.stadtspiegel.de/baeume", raw, "text/html; charset=utf-8")],
    )
    (found,) = read_warc_file(path, ReadOptions())
    assert isinstance(found, FoundArticle) and found.published is None
    article = article_from_found(found)
    assert isinstance(article, Article)
    assert article.dated_by == "fetched" and article.fetched is not None
