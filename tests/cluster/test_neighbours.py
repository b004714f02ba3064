"""Candidates by meaning: the stories nearest to an article's vector meet it even when they
share no name, number or rare word (a German and an English article on one event)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from newsprism.analyse.annotate import analyse_articles
from newsprism.cluster.features import ArticleFeatures, article_features
from newsprism.cluster.neighbours import StoryNeighbours
from newsprism.cluster.online import OnlineClusterer
from newsprism.errors import ConfigError
from newsprism.model.article import Article

DAY = datetime(2026, 5, 12, 9, tzinfo=UTC)


def _unit(*values: float) -> tuple[float, ...]:
    norm = math.sqrt(sum(v * v for v in values))
    return tuple(v / norm for v in values)


def test_nearest_stories_above_the_floor_nearest_first_ties_by_id() -> None:
    index = StoryNeighbours()
    index.put("b", (1.0, 0.0, 0.0))
    index.put("a", (2.0, 0.0, 0.0))  # a sum of vectors: kept at unit length
    index.put("c", _unit(1.0, 1.0, 0.0))
    index.put("d", (0.0, 0.0, 1.0))
    assert index.nearest((1.0, 0.0, 0.0), 5, floor=0.5) == [
        (1.0, "a"),
        (1.0, "b"),
        (pytest.approx(math.sqrt(0.5)), "c"),
    ]
    assert [s for _, s in index.nearest((1.0, 0.0, 0.0), 1, floor=0.5)] == ["a"]
    index.remove("a")
    index.remove("a")  # twice: nothing
    assert [s for _, s in index.nearest((1.0, 0.0, 0.0), 5, floor=0.5)] == ["b", "c"]
    index.put("b", (0.0, 1.0, 0.0))  # its vector changed
    assert [s for _, s in index.nearest((1.0, 0.0, 0.0), 5, floor=0.5)] == ["c"]
    index.put("e", (1.0, 0.0))  # another embedder's length: not comparable, left out
    assert "e" not in index and len(index) == 3
    assert index.nearest((1.0, 0.0), 5, floor=0.0) == []


def test_the_matrix_grows_and_rows_follow_removals() -> None:
    index = StoryNeighbours()
    for number in range(200):
        angle = number / 200 * math.pi / 2
        index.put(f"s{number:03d}", (math.cos(angle), math.sin(angle)))
    for number in range(0, 200, 3):
        index.remove(f"s{number:03d}")
    nearest = index.nearest((1.0, 0.0), 3, floor=0.0)
    assert [s for _, s in nearest] == ["s001", "s002", "s004"]
    assert len(index) == 200 - 67


def _features(
    article_id: str,
    embedding: tuple[float, ...] | None,
    terms: dict[str, float],
    names: dict[str, float] | None = None,
    language: str = "de",
) -> ArticleFeatures:
    return ArticleFeatures(
        article_id, DAY, language, terms=terms, names=names or {}, embedding=embedding
    )


def test_an_article_sharing_no_key_with_a_story_meets_it_by_meaning() -> None:
    german = _features(
        "de1", _unit(1.0, 0.1, 0.0), terms={"windkraft": 2.0}, names={"p:weber": 1.0}
    )
    english = _features(
        "en1", _unit(1.0, 0.0, 0.1), language="en", terms={"offshore": 2.0}, names={"p:wb": 1.0}
    )
    joined = OnlineClusterer()
    joined.partial_fit([german])
    (assignment,), _ = joined.partial_fit([english])
    assert assignment.story_id == "st-de1" and not assignment.opened
    apart = OnlineClusterer(embedding_candidates=0)  # keys alone never bring them together
    apart.partial_fit([german])
    (assignment,), _ = apart.partial_fit([english])
    assert assignment.opened


def test_below_the_floor_a_vector_counts_against_the_story() -> None:
    """Two unrelated news texts are at cosine 0.2-0.3, not 0: that must not count for a story."""
    story = _features("a", _unit(1.0, 0.0), terms={"brücke": 1.0})
    near = _features("b", _unit(1.0, 0.2), terms={"brücke": 1.0})
    unrelated = _features("c", _unit(0.3, 1.0), terms={"brücke": 1.0})  # cosine 0.29
    without = _features("d", None, terms={"brücke": 1.0})
    clusterer = OnlineClusterer(embedding_weight=0.5, embedding_floor=0.35)
    clusterer.partial_fit([story])
    keys_only = clusterer.similarity(without, story)
    cosine = sum(
        a * b for a, b in zip(unrelated.embedding or (), story.embedding or (), strict=True)
    )
    assert cosine == pytest.approx(0.287, abs=0.001)
    expected = 0.5 * keys_only + 0.5 * (cosine - 0.35) / 0.65
    assert clusterer.similarity(unrelated, story) == pytest.approx(expected)
    assert clusterer.similarity(unrelated, story) < 0.5 * keys_only
    assert clusterer.similarity(near, story) > keys_only
    # and an unrelated vector is no candidate at all
    assert clusterer.neighbours_.nearest(unrelated.embedding or (), 3, 0.35) == []


def test_stories_pruned_and_revived_leave_and_rejoin_the_neighbours() -> None:
    clusterer = OnlineClusterer(window=timedelta(days=1))
    first = _features("a", _unit(1.0, 0.0, 0.0), terms={"hafen": 1.0})
    clusterer.partial_fit([first])
    assert "st-a" in clusterer.neighbours_
    clusterer.newest_ = DAY + timedelta(days=10)
    clusterer._prune()
    assert "st-a" not in clusterer.neighbours_ and "st-a" in clusterer.retired_
    clusterer.revive([clusterer.retired_["st-a"]])
    assert "st-a" in clusterer.neighbours_


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ConfigError, match="embedding_floor"):
        OnlineClusterer(embedding_floor=1.0)
    with pytest.raises(ConfigError, match="embedding_candidates"):
        OnlineClusterer(embedding_candidates=-1)


def test_an_undated_article_is_placed_in_time_by_when_it_was_fetched() -> None:
    fetched = DAY + timedelta(hours=3)
    undated = Article.from_text("Die Brücke bleibt gesperrt.", outlet="a.example", fetched=fetched)
    ((document, _),) = analyse_articles([undated])
    assert article_features(undated, document).published == fetched
    dated = Article.from_text("Die Brücke bleibt zu.", outlet="b.example", published=DAY)
    ((document, _),) = analyse_articles([dated])
    assert article_features(dated, document).published == DAY
