from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsprism.errors import NotFound, RejectReason, StoreError
from newsprism.model import Article, ArticleSource, Reject
from newsprism.store import NearDuplicate, SQLiteStore


def _source(article: Article, url: str | None = None, outlet: str | None = None) -> ArticleSource:
    return ArticleSource(article.id, url, outlet or article.outlet, "test.txt")


def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "a.db")
    mode = store._db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert store.schema_version >= 1
    store.close()
    again = SQLiteStore(tmp_path / "a.db")  # migrations run once
    assert again.schema_version >= 1
    again.close()


def test_same_article_twice_is_one_article_with_two_sources(store: SQLiteStore) -> None:
    article = Article.from_text(
        "Die Lindenbrücke wird gesperrt.",
        outlet="zpa.de",
        published=datetime(2026, 3, 9, 13, 0, tzinfo=UTC),
    )
    assert store.add_article(article, _source(article, "https://zpa.de/a"), None) is True
    assert (
        store.add_article(article, _source(article, "https://other.de/b", "other.de"), None)
        is False
    )
    assert store.count_articles() == 1
    assert {s.url for s in store.sources(article.id)} == {"https://zpa.de/a", "https://other.de/b"}
    loaded = store.article(article.id)
    assert loaded.text == article.text
    assert loaded.published == article.published


def test_full_text_search_finds_umlauts_and_escapes_syntax(store: SQLiteStore) -> None:
    article = Article.from_text("Der Bürgermeister äußerte sich zur Brücke.", title="Brücke zu")
    store.add_article(article, _source(article), None)
    assert [h.article.id for h in store.search("Bürgermeister")] == [article.id]
    assert store.search('"unbalanced AND (') == []  # invalid FTS syntax is searched as a phrase


def test_unknown_article_raises_not_found(store: SQLiteStore) -> None:
    with pytest.raises(NotFound, match="newsprism articles"):
        store.article("0000000000000000")


def test_rejects_are_upserted_with_a_count(store: SQLiteStore) -> None:
    reject = Reject("bad.json", RejectReason.BAD_JSON, "Expecting value", "line 3")
    store.add_reject(reject, None)
    store.add_reject(reject, None)
    [record] = store.rejects()
    assert record.times == 2
    assert record.reject.locator == "line 3"


def test_readonly_store_cannot_write(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "r.db").close()
    reader = SQLiteStore(tmp_path / "r.db", readonly=True)
    article = Article.from_text("Text")
    with pytest.raises(sqlite3.OperationalError):
        reader.add_article(article, _source(article), None)
    reader.close()


def test_readonly_store_on_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="newsprism ingest"):
        SQLiteStore(tmp_path / "missing.db", readonly=True)


def test_reader_sees_committed_data_while_writer_holds_a_transaction(tmp_path: Path) -> None:
    writer = SQLiteStore(tmp_path / "c.db")
    first = Article.from_text("Erster Text")
    writer.add_article(first, _source(first), None)
    reader = SQLiteStore(tmp_path / "c.db", readonly=True)
    with writer.transaction():
        second = Article.from_text("Zweiter Text")
        writer.add_article(second, _source(second), None)
        assert reader.count_articles() == 1  # uncommitted write is invisible, and no lock error
    assert reader.count_articles() == 2
    reader.close()
    writer.close()


def test_failed_transaction_leaves_nothing(store: SQLiteStore) -> None:
    article = Article.from_text("Wird zurückgerollt")
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article(article, _source(article), None)
        raise RuntimeError("boom")
    assert store.count_articles() == 0
    assert store.integrity_problems() == []


def test_near_duplicate_links_are_listed_both_ways(store: SQLiteStore) -> None:
    a, b = Article.from_text("Text A"), Article.from_text("Text B")
    for article in (a, b):
        store.add_article(article, _source(article), None)
    store.add_near_duplicate(NearDuplicate(b.id, a.id, 0.8, "minhash-lsh", 0.9))
    assert store.near_duplicates(a.id) == store.near_duplicates(b.id)
    assert store.near_duplicates(a.id)[0].containment == 0.9


def test_outlet_of_a_rolled_back_transaction_is_written_again(store: SQLiteStore) -> None:
    first = Article.from_text("Erster Text", outlet="neu.de")
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article(first, _source(first), None)
        raise RuntimeError("boom")
    second = Article.from_text("Zweiter Text", outlet="neu.de")
    assert store.add_article(second, _source(second), None)  # no foreign-key failure
    assert ("neu.de", 1) in store.outlets()
