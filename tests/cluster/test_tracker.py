from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsprism.cluster.features import ArticleFeatures
from newsprism.cluster.online import Checkpoint
from newsprism.cluster.tracker import StoryTracker
from newsprism.model.article import Article, ArticleSource
from newsprism.store import SQLiteStore

DAY = datetime(2026, 3, 1, tzinfo=UTC)


def _stored(store: SQLiteStore, article_id: str, when: datetime) -> ArticleFeatures:
    article = Article.from_text(f"Text {article_id}", outlet="beispiel.de", published=when)
    store.add_article(article, ArticleSource(article.id, None, "beispiel.de", "x"), None)
    return ArticleFeatures(
        article.id, when, "de", terms={f"wort{article_id}": 1.0}, names={f"n:{article_id}": 1.0}
    )


def test_a_story_that_goes_dormant_within_its_batch_is_still_saved(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "t.db")
    early = _stored(store, "early", DAY)
    later = [_stored(store, f"x{i}", DAY + timedelta(days=20)) for i in range(1000)]
    tracker = StoryTracker(store)
    with store.transaction():
        report = tracker.add_features([early, *later])  # the 1000th article prunes "early"
    assert report.opened == 1001
    assert store.story_of(early.article_id) == "st-" + early.article_id
    assert store.story("st-" + early.article_id).articles == (early.article_id,)
    store.close()


def test_a_new_tracker_goes_on_from_the_stored_state(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "t.db")
    first = _stored(store, "a", DAY)
    StoryTracker(store).add_features([first])
    again = StoryTracker(store)  # as a later ingest run would
    assert again.clusterer.n_documents_ == 1
    assert "st-" + first.article_id in again.clusterer.stories_
    second = _stored(store, "b", DAY + timedelta(hours=1))
    second.names = dict(first.names)
    second.terms = dict(first.terms)
    report = again.add_features([second])
    assert report.opened == 0
    assert store.story_of(second.article_id) == "st-" + first.article_id
    store.close()


def test_a_database_of_an_earlier_version_goes_on_from_its_window(tmp_path: Path) -> None:
    """Saved before checkpoints: keys unnumbered, norms and what was in memory not kept."""
    store = SQLiteStore(tmp_path / "t.db")
    old = _stored(store, "old", DAY)
    recent = _stored(store, "recent", DAY + timedelta(days=20))
    StoryTracker(store).add_features([old, recent])
    # The database as the earlier version wrote it.
    for raw in list(store.story_states(None)):
        record = json.loads(raw)
        record["keys"] = sorted(record["keys"])
        del record["norm"], record["name_norm"]
        store._db.execute(
            "UPDATE story_state SET state = ? WHERE story_id = ?",
            (json.dumps(record), record["id"]),
        )
    store._db.execute("DELETE FROM cluster_meta WHERE key NOT IN ('documents', 'newest')")

    again = StoryTracker(store)
    assert set(again.clusterer.stories_) == {"st-" + recent.article_id}  # as then: a window
    late = _stored(store, "late", DAY + timedelta(hours=2))
    late.terms, late.names = dict(old.terms), dict(old.names)
    with store.transaction():
        report = again.add_features([late])
    assert store.story_of(late.article_id) == "st-" + old.article_id  # revived from the store
    assert report.opened == 0
    assert Checkpoint.from_meta(store.cluster_meta(), timedelta(days=7)).horizon is not None
    store.close()
