"""The example corpus has what the demo and later stages rely on, and its traps work."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

from newsprism.model import ArticleKind
from newsprism.run import ingest
from newsprism.store import SQLiteStore


def test_corpus_ingests_cleanly_with_outlets_languages_and_captions(
    examples: Path, tmp_path: Path
) -> None:
    store = SQLiteStore(tmp_path / "ex.db")
    report = ingest([str(examples)], store)
    assert report.rejects == []
    articles = list(store.articles())
    assert len(articles) >= 24
    outlets = Counter(a.outlet for a in articles)
    assert len(outlets) >= 6
    assert Counter(a.language for a in articles)["en"] == 1
    assert {a.kind for a in articles} >= {ArticleKind.AGENCY}

    captions = {a.source_path: a.caption for a in articles if a.caption}
    assert len(captions) >= 4
    assert all("Foto:" in c for c in captions.values())
    assert not any(a.text.split("\n")[0].endswith("Timo Kranz") for a in articles)

    cp1252 = next(a for a in articles if (a.source_path or "").endswith(".html"))
    assert "1.200 €" in cp1252.text and "Straßenbahnen" in cp1252.text
    assert cp1252.published is not None and cp1252.published.hour == 9  # 09:15, as the page says
    assert cp1252.published.utcoffset() == timedelta(hours=1)  # and with its offset, +01:00

    agency = next(a for a in articles if a.outlet == "zpa.de")
    copies = {link.article_id for link in store.near_duplicates()} | {
        link.copy_of for link in store.near_duplicates()
    }
    copy_outlets = {store.article(i).outlet for i in copies}
    assert agency.id in copies
    assert {"hanse-anzeiger.de", "rheinische-rundschau.de"} <= copy_outlets
    # independent reports on the same story are not near-duplicates
    assert "tagesblatt.de" not in copy_outlets and "schnellpost.de" not in copy_outlets
    store.close()
