"""Both stores keep the `Store` contract: the same ingest gives the same articles and links."""

from __future__ import annotations

from pathlib import Path

from newsprism.run import ingest
from newsprism.store import MemoryStore, SQLiteStore, Store


def _summary(store: Store) -> tuple[set[str], set[tuple[str, str]], int]:
    articles = {a.id for a in store.articles()}
    links = {(n.article_id, n.copy_of) for n in store.near_duplicates()}
    return articles, links, len(store.rejects())


def test_memory_and_sqlite_stores_agree(examples: Path, tmp_path: Path) -> None:
    memory = MemoryStore()
    sqlite = SQLiteStore(tmp_path / "s.db")
    for store in (memory, sqlite):
        report = ingest([str(examples)], store)
        assert report.rejects == []
        again = ingest([str(examples / "zpa.de")], store)
        assert again.duplicates == 1 and again.ingested == 0
    assert _summary(memory) == _summary(sqlite)
    assert memory.runs()[-1].status == sqlite.runs()[-1].status == "done"
    agency = next(a for a in memory.articles(outlet="zpa.de"))
    assert [h.article.id for h in memory.search("Lindenbrücke wurde 1968")] == [agency.id]
    sqlite.close()
