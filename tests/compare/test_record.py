"""The stored comparison: typed, versioned, offsets only; an older format counts as stale."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.compare.stored import comparison_key, current_comparison
from newsprism.compare.story import compare_articles
from newsprism.errors import StaleRecord
from newsprism.model.article import Article
from newsprism.model.comparison import COMPARISON_VERSION, Comparison
from newsprism.model.story import Story
from newsprism.present.comparison_json import comparison_record
from newsprism.present.report import comparison_html
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore, SQLiteStore


@pytest.fixture(scope="module")
def bridge(examples: Path) -> tuple[Comparison, list[Article]]:
    store = MemoryStore()
    ingest(
        [
            str(examples / "zpa.de"),
            str(examples / "schnellpost.de" / "bruecken-schock.txt"),
            str(examples / "rheinische-rundschau.de" / "2026-03-09-lindenbruecke.txt"),
        ],
        store,
        IngestOptions(cluster=False),
    )
    articles = sorted(store.articles(), key=lambda a: a.outlet or "")
    return compare_articles(articles, "st-bridge").comparison, articles


def test_the_stored_form_round_trips(bridge: tuple[Comparison, list[Article]]) -> None:
    comparison, articles = bridge
    record = comparison.to_json()
    assert record["version"] == COMPARISON_VERSION
    assert json.loads(json.dumps(record)) == record  # JSON types only
    again = Comparison.from_json(json.loads(json.dumps(record)))
    assert again.to_json() == record
    assert Comparison.from_json(again.to_json()) == again
    # Offsets only: no text of any article is in the stored form.
    stored = json.dumps(record, ensure_ascii=False)
    assert all(article.text[:40] not in stored for article in articles)
    # Each compared article's sentences, which the columns are cut by; facts point into them.
    assert set(again.sentences) == {a.id for a in articles}
    for fact in again.facts:
        for member in fact.members:
            assert member.sentence in again.sentences[member.article_id]
    # The JSON twin reads the same from the fresh and from the stored comparison.
    assert comparison_record(again, articles) == comparison_record(comparison, articles)


def test_other_versions_and_broken_records_are_stale(
    bridge: tuple[Comparison, list[Article]],
) -> None:
    comparison, articles = bridge
    record = comparison.to_json()
    old_display_dict = comparison_record(comparison, articles)  # what was stored before
    for stale in (
        old_display_dict,
        {**record, "version": COMPARISON_VERSION + 1},
        {**record, "version": None},
        {k: v for k, v in record.items() if k != "facts"},
        {**record, "facts": [[{"article_id": "x", "outlet": "y", "sentence": [5, 1]}]]},
        {**record, "framing": [{"kind": "no such kind"}]},
    ):
        with pytest.raises(StaleRecord, match="E203"):
            Comparison.from_json(stale)


def test_a_stale_stored_record_is_no_comparison(
    bridge: tuple[Comparison, list[Article]], tmp_path: Path
) -> None:
    comparison, articles = bridge
    key = comparison_key(articles)
    memory = MemoryStore()
    memory.save_comparison("st-bridge", key, comparison)
    assert current_comparison(memory, "st-bridge", articles) == Comparison.from_json(
        comparison.to_json()
    )
    assert current_comparison(memory, "st-bridge", articles[:2]) is None  # the story grew
    path = tmp_path / "c.db"
    store = SQLiteStore(path)
    store.save_story(Story("st-bridge", (), None, None, "Brücke"), None)
    store.save_comparison("st-bridge", key, comparison)
    assert current_comparison(store, "st-bridge", articles) is not None
    store.close()
    # A record an older release stored (its display dict, no version): as if there were none.
    connection = sqlite3.connect(path)
    old = json.dumps(comparison_record(comparison, articles))
    connection.execute("UPDATE story_comparisons SET record = ?", (old,))
    connection.commit()
    connection.close()
    store = SQLiteStore(path, readonly=True)
    assert store.stored_comparison("st-bridge") is None
    assert current_comparison(store, "st-bridge", articles) is None
    store.close()


def test_the_report_is_the_story_page_drawing_self_contained(
    bridge: tuple[Comparison, list[Article]],
) -> None:
    comparison, articles = bridge
    report = comparison_html(comparison, articles, title="Brücke")
    assert "<script" not in report and "/static/" not in report and 'href="/' not in report
    assert "<style>" in report and ".fact-0{" in report  # the web app's stylesheet, inline
    assert report.count('class="article-column"') == len(articles)
    assert "Who is quoted saying what" in report and '<svg class="timeline"' in report


def test_compare_does_not_import_present() -> None:
    code = (
        "import sys, newsprism.compare.stored, newsprism.compare.story\n"
        "print(sorted(m for m in sys.modules if m.startswith('newsprism.present')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert found.stdout.strip() == "[]"
