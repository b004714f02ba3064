from __future__ import annotations

from pathlib import Path

from newsprism.analyse import analyse_articles
from newsprism.model.article import Article, ArticleSource
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore, SQLiteStore

TEXT = (
    "Bürgermeisterin Anna Wagner (SPD) sperrte die Brücke. „Wir haben keine Wahl“, sagte sie. "
    "Laut Polizei gab es Staus."
)


def test_annotations_round_trip_through_both_stores(tmp_path: Path) -> None:
    article = Article.from_text(TEXT, outlet="beispiel.de")
    ((_, annotations),) = analyse_articles([article])
    assert annotations.quotes and annotations.entities
    for store in (SQLiteStore(tmp_path / "a.db"), MemoryStore()):
        store.add_article(article, ArticleSource(article.id, None, "beispiel.de", "x.txt"), None)
        assert store.annotations(article.id) is None
        store.add_annotations(annotations)
        assert store.annotations(article.id) == annotations
        store.add_annotations(annotations)  # analysing again replaces, never duplicates
        assert store.annotations(article.id) == annotations
        store.close()


def test_ingest_analyses_as_it_goes_unless_told_not_to(tmp_path: Path) -> None:
    source = tmp_path / "beispiel.de"
    source.mkdir()
    (source / "a.txt").write_text(TEXT, encoding="utf-8")
    store = SQLiteStore(tmp_path / "b.db")
    report = ingest([str(source)], store, IngestOptions())
    assert report.analysed == 1
    (article,) = store.articles()
    stored = store.annotations(article.id)
    assert stored is not None
    assert {q.speaker.canonical for q in stored.quotes if q.speaker} >= {"Anna Wagner"}
    store.close()
    store = SQLiteStore(tmp_path / "c.db")
    report = ingest([str(source)], store, IngestOptions(analyse=False))
    assert report.analysed == 0
    (article,) = store.articles()
    assert store.annotations(article.id) is None
    store.close()
