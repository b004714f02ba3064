"""Corrections by hand stick: a moved, split or merged story and a renamed outlet stay so
through later ingests and import-parquet's re-application, each with its time and reason, and
undo puts back what was there."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.analyse.annotate import analysis_version
from newsprism.compare.stored import compare_stored, comparison_key, story_key
from newsprism.errors import NotFound
from newsprism.model.annotations import Annotations
from newsprism.model.edits import EditAction
from newsprism.present.web import WebSettings, create_app
from newsprism.run import IngestOptions, ingest
from newsprism.run.reanalyse import reanalyse
from newsprism.store import SQLiteStore
from tests.helpers import run_cli


@pytest.fixture
def demo_store(tmp_path: Path, examples: Path) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "edits.db")
    ingest([str(examples)], store, IngestOptions())
    return store


def _two_stories(store: SQLiteStore) -> tuple[str, str]:
    stories = [s for s in store.stories() if len(store.story_articles(s.id)) >= 2]
    return stories[0].id, stories[1].id


def test_a_moved_article_stays_moved_through_a_later_ingest(
    demo_store: SQLiteStore, tmp_path: Path
) -> None:
    first, second = _two_stories(demo_store)
    article = demo_store.story_articles(first)[0].article_id
    edit = demo_store.move_article(article, second, reason="eigener Termin, andere Sitzung")
    assert demo_store.story_of(article) == second
    assert edit.action is EditAction.MOVE and edit.previous == first and edit.active
    assert edit.reason == "eigener Termin, andere Sitzung"
    # the same corpus again and a new article: the run ends by applying the edits again
    (tmp_path / "neu").mkdir()
    (tmp_path / "neu" / "a.txt").write_text(
        "Die Stadt Kaltenbrück hat am Montag mit dem Abriss der alten Lindenbrücke begonnen. "
        "Die Arbeiten sollen bis zum Herbst dauern, teilte die Stadtverwaltung mit.",
        encoding="utf-8",
    )
    demo_store.add_story_article(article, first, 0.9)  # as if the clusterer had put it back
    ingest([str(tmp_path / "neu")], demo_store, IngestOptions())
    assert demo_store.story_of(article) == second
    # undo puts it back where it was
    undone = demo_store.undo_edit(edit.id)
    assert not undone.active and demo_store.story_of(article) == first
    assert demo_store.apply_user_edits() == 0  # an undone edit is not applied again


def test_split_merge_and_their_undo(demo_store: SQLiteStore) -> None:
    first, second = _two_stories(demo_store)
    members = [m.article_id for m in demo_store.story_articles(first)]
    new_id, edits = demo_store.split_story(first, members[:1], reason="zwei Ereignisse")
    assert demo_store.story_of(members[0]) == new_id and len(edits) == 1
    assert new_id in {s.id for s in demo_store.stories()}
    merge = demo_store.merge_story(second, first, reason="ein Ereignis")
    assert demo_store.resolve_story_id(second) == first
    moved = [m.article_id for m in demo_store.story_articles(first)]
    assert set(moved) >= set(members[1:])
    demo_store.undo_edit(merge.id)
    assert demo_store.resolve_story_id(second) == second
    assert {m.article_id for m in demo_store.story_articles(second)}.isdisjoint(members)
    with pytest.raises(NotFound):
        demo_store.split_story(first, ["0" * 16])


def test_a_renamed_outlet_applies_to_articles_ingested_later(
    demo_store: SQLiteStore, examples: Path, tmp_path: Path
) -> None:
    edit = demo_store.rename_outlet("schnellpost.de", "Schnellpost", reason="Marke")
    outlets = {a.outlet for a in demo_store.articles()}
    assert "Schnellpost" in outlets and "schnellpost.de" not in outlets
    later = tmp_path / "later"
    later.mkdir()
    (later / "schnellpost.de").mkdir()
    (later / "schnellpost.de" / "neu.txt").write_text(
        "HAMMER-STAU AM RHEIN! Nach dem Abriss der Lindenbrücke stehen Pendler jeden Morgen "
        "eine Stunde im Stau. Die Stadt verspricht eine Umleitung ab Montag.",
        encoding="utf-8",
    )
    ingest([str(later)], demo_store, IngestOptions(cluster=False, analyse=False))
    assert "schnellpost.de" not in {a.outlet for a in demo_store.articles()}
    demo_store.undo_edit(edit.id)
    assert "Schnellpost" not in {a.outlet for a in demo_store.articles()}


def test_edit_commands(tmp_path: Path, examples: Path) -> None:
    db = tmp_path / "cli.db"
    assert run_cli("--db", str(db), "ingest", str(examples)).returncode in (0, 1)
    store = SQLiteStore(db)
    first, second = _two_stories(store)
    article = store.story_articles(first)[0].article_id
    store.close()
    moved = run_cli(
        "--db", str(db), "edit", "move", article[:10], second, "--reason", "falsch", "--json"
    )
    assert moved.returncode == 0, moved.stderr
    [record] = json.loads(moved.stdout)
    assert record["action"] == "move" and record["target"] == second
    listed = run_cli("--db", str(db), "edits")
    assert "falsch" in listed.stdout and "active" in listed.stdout
    undone = run_cli("--db", str(db), "edit", "undo", str(record["id"]), "--json")
    assert json.loads(undone.stdout)[0]["undone_at"] is not None
    unknown = run_cli("--db", str(db), "edit", "move", "ffffffffff", second)
    assert unknown.returncode != 0 and "ffffffffff" in unknown.stderr


def test_the_story_page_says_it_was_edited(demo_store: SQLiteStore, tmp_path: Path) -> None:
    first, second = _two_stories(demo_store)
    article = demo_store.story_articles(first)[0].article_id
    demo_store.move_article(article, second, reason="gehört zur Sitzung")
    db = demo_store.path
    demo_store.close()
    with TestClient(create_app(WebSettings(db=db))) as client:
        record = client.get(f"/stories/{second}.json").json()
        assert [e["reason"] for e in record["edits"]] == ["gehört zur Sitzung"]
        html = client.get(f"/stories/{second}").text
        assert "edited by hand" in html and "gehört zur Sitzung" in html


def test_reanalyse_finds_what_another_version_analysed_and_keeps_edits(
    demo_store: SQLiteStore,
) -> None:
    version = analysis_version()
    assert demo_store.articles_analysed_otherwise(version) == []
    first, second = _two_stories(demo_store)
    article = demo_store.story_articles(first)[0].article_id
    demo_store.move_article(article, second, reason="Hand")
    stale = demo_store.annotations(article)
    assert stale is not None
    demo_store.add_annotations(dataclasses.replace(stale, version="0.0.1+old"))
    assert demo_store.articles_analysed_otherwise(version) == [article]
    report = reanalyse(demo_store)
    assert report.articles == 1 and report.failed == []
    assert demo_store.articles_analysed_otherwise(version) == []
    assert demo_store.story_of(article) == second  # the correction stays
    assert reanalyse(demo_store, second, every=True).articles == len(
        demo_store.story_articles(second)
    )


def test_a_corrected_speaker_is_used_everywhere_and_survives_reanalysis(
    demo_store: SQLiteStore,
) -> None:
    quoted = next(
        (a, q)
        for a in demo_store.articles()
        for q in (demo_store.annotations(a.id) or Annotations(a.id)).quotes
        if q.speaker is not None
    )
    article, quote = quoted
    edit = demo_store.correct_speaker(article.id, quote.start, "Erika Beispiel", reason="Zitat")
    corrected = demo_store.annotations(article.id)
    assert corrected is not None
    [again] = [q for q in corrected.quotes if q.start == quote.start]
    assert again.speaker is not None and again.speaker.canonical == "Erika Beispiel"
    story = demo_store.story_of(article.id)
    assert story is not None
    articles = [demo_store.article(m.article_id) for m in demo_store.story_articles(story)]
    comparison = compare_stored(demo_store, articles, story).comparison
    assert any(row.speaker == "Erika Beispiel" for row in comparison.quotes)
    reanalyse(demo_store, story, every=True)
    stored = demo_store.annotations(article.id)
    assert stored is not None
    assert [q.speaker.canonical for q in stored.quotes if q.start == quote.start and q.speaker] == [
        "Erika Beispiel"
    ]
    demo_store.undo_edit(edit.id)
    restored = demo_store.annotations(article.id)
    assert restored is not None
    assert [q.speaker for q in restored.quotes if q.start == quote.start] == [quote.speaker]
    removed = demo_store.correct_speaker(article.id, quote.start, None)
    assert removed.target == ""
    final = demo_store.annotations(article.id)
    assert final is not None
    assert [q.speaker for q in final.quotes if q.start == quote.start] == [None]


def test_a_clause_kept_apart_leaves_its_fact_in_every_comparison(demo_store: SQLiteStore) -> None:
    story = max(demo_store.stories(), key=lambda s: len(demo_store.story_articles(s.id))).id
    articles = [demo_store.article(m.article_id) for m in demo_store.story_articles(story)]
    before = compare_stored(demo_store, articles, story).comparison
    fact = next(f for f in before.facts if len(f.members) >= 2)
    member = fact.members[-1]
    edit = demo_store.keep_apart(member.article_id, member.span.start + 1, story, "anderer Fakt")
    after = compare_stored(demo_store, articles, story).comparison
    together = [
        f
        for f in after.facts
        if any(m.span == member.span and m.article_id == member.article_id for m in f.members)
    ]
    assert [len(f.members) for f in together] == [1]  # on its own now
    assert story_key(demo_store, articles) != comparison_key(articles)  # stored one is stale
    demo_store.undo_edit(edit.id)
    assert story_key(demo_store, articles) == comparison_key(articles)
