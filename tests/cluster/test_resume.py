"""A run that stops and goes on from the store files every article as one that never stopped.

The stream (tests/cluster/streams.py) has stories over ten weeks, so stories go dormant, are
pruned from memory (here every 250 articles, to have several prunings in a short stream) and
revived for late articles; the uninterrupted run takes it in batches of 100. Most articles
carry a vector by meaning, so the stories nearest by meaning (candidates too) must come back
exactly as well.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from newsprism.cluster.features import ArticleFeatures
from newsprism.cluster.online import OnlineClusterer
from newsprism.cluster.tracker import StoryTracker
from newsprism.model.article import Article, ArticleSource
from newsprism.store import SQLiteStore
from newsprism.store.base import Store
from newsprism.store.memory import MemoryStore
from tests.cluster.streams import feature_stream

STREAM = feature_stream(1200, seed=3, dimensions=24)
SLICE = 100  # the ingest pipeline hands the tracker slices of this many new articles
PRUNING = 250


@dataclass(frozen=True, slots=True)
class Outcome:
    story_of: dict[str, str]  # article id -> story id
    merged: dict[str, str]  # merged-away story id -> the story it is part of now
    states: list[str]  # the clusterer's stored state of every story, as JSON
    memory: dict[str, object]  # what the last tracker's clusterer holds in memory

    def differences(self, other: Outcome) -> str:
        moved = [a for a, story in self.story_of.items() if other.story_of.get(a) != story]
        return (
            f"{len(moved)} articles in other stories (e.g. {moved[:3]}), "
            f"{len(set(self.story_of.values()))} vs {len(set(other.story_of.values()))} stories, "
            f"{len(self.merged)} vs {len(other.merged)} merges"
        )


def _stored(store: Store, features: Sequence[ArticleFeatures]) -> Store:
    for item in features:  # the tracker labels untitled stories from the stored article
        article = Article(id=item.article_id, text=f"Text {item.article_id}", title=item.title)
        store.add_article(article, ArticleSource(article.id, None, None, None), None)
    return store


def _outcome(store: Store, tracker: StoryTracker) -> Outcome:
    clusterer = tracker.clusterer
    return Outcome(
        story_of={item.article_id: str(store.story_of(item.article_id)) for item in STREAM},
        merged={old: store.resolve_story_id(old) for old, _ in store.story_merges()},
        states=sorted(store.story_states(None)),
        memory={
            "stories": sorted(json.dumps(s.as_json()) for s in clusterer.stories_.values()),
            # the order of each posting list decides ties between candidates
            "index": {key: list(postings) for key, postings in clusterer.index_.items()},
            "df": clusterer.df_,
            "checkpoint": clusterer.checkpoint(),
        },
    )


def _batches(bounds: Sequence[int]) -> list[tuple[int, int]]:
    edges = [0, *bounds, len(STREAM)]
    return [(low, high) for low, high in pairwise(edges) if low < high]


def _run(store: Store, bounds: Sequence[int], restarts: Collection[int] = ()) -> Outcome:
    """Batches between `bounds`; before a batch whose start is in `restarts`, a new tracker
    (as a new process has) on what the store holds."""
    tracker = StoryTracker(store)
    for low, high in _batches(bounds):
        if low in restarts:
            tracker = StoryTracker(store)
        with store.transaction():
            for first in range(low, high, SLICE):
                tracker.add_features(STREAM[first : min(first + SLICE, high)])
    return _outcome(store, tracker)


@pytest.fixture(scope="module", autouse=True)
def _prune_often() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("newsprism.cluster.online.PRUNE_EVERY", PRUNING)
        yield


@pytest.fixture(scope="module")
def uninterrupted() -> Outcome:
    return _run(_stored(MemoryStore(), STREAM), range(SLICE, len(STREAM), SLICE))


def _split(seed: int) -> tuple[list[int], set[int]]:
    rng = random.Random(seed)
    bounds = sorted(rng.sample(range(1, len(STREAM)), rng.randint(5, 40)))
    return bounds, {bound for bound in bounds if rng.random() < 0.6}


@pytest.mark.parametrize("seed", range(4))
def test_a_run_that_stops_and_goes_on_finds_the_same_stories(
    seed: int, uninterrupted: Outcome
) -> None:
    bounds, restarts = _split(seed)
    resumed = _run(_stored(MemoryStore(), STREAM), bounds, restarts)
    assert resumed.story_of == uninterrupted.story_of, resumed.differences(uninterrupted)
    assert resumed.merged == uninterrupted.merged
    assert resumed.states == uninterrupted.states  # everything learned, to the last bit
    assert resumed.memory == uninterrupted.memory


class _Killed(Exception):
    """Stands for SIGKILL in the middle of a batch: its transaction never commits."""


@pytest.mark.parametrize("seed", range(2))
def test_a_killed_batch_done_again_finds_the_same_stories(
    seed: int, uninterrupted: Outcome, tmp_path: Path
) -> None:
    rng = random.Random(100 + seed)
    path = tmp_path / "kill.db"
    store = _stored(SQLiteStore(path), STREAM)
    tracker = StoryTracker(store)
    bounds = sorted(rng.sample(range(1, len(STREAM)), 30))
    kills = 0
    for low, high in _batches(bounds):
        if rng.random() < 0.4:  # killed after some slices of this batch were filed
            with pytest.raises(_Killed), store.transaction():
                for first in range(low, rng.randint(low, high), SLICE // 2):
                    tracker.add_features(STREAM[first : min(first + SLICE // 2, high)])
                raise _Killed
            kills += 1
            store.close()
            store = SQLiteStore(path)  # the next run
            tracker = StoryTracker(store)
        with store.transaction():
            for first in range(low, high, SLICE):
                tracker.add_features(STREAM[first : min(first + SLICE, high)])
    resumed = _outcome(store, tracker)
    store.close()
    assert kills >= 5
    assert resumed.story_of == uninterrupted.story_of, resumed.differences(uninterrupted)
    assert resumed.merged == uninterrupted.merged
    assert resumed.states == uninterrupted.states
    assert resumed.memory == uninterrupted.memory


@pytest.mark.parametrize("size", [7, 333, len(STREAM)])
def test_how_the_stream_is_cut_into_batches_changes_no_story(
    size: int, uninterrupted: Outcome
) -> None:
    """A batch is cut short when reading takes long: where the cuts fall must not matter."""
    store = _stored(MemoryStore(), STREAM)
    tracker = StoryTracker(store)
    for first in range(0, len(STREAM), size):
        tracker.add_features(STREAM[first : first + size])
    cut = _outcome(store, tracker)
    assert cut.story_of == uninterrupted.story_of, cut.differences(uninterrupted)
    assert cut.merged == uninterrupted.merged
    assert cut.states == uninterrupted.states
    assert cut.memory == uninterrupted.memory


def test_the_stream_exercises_what_a_restart_must_carry(uninterrupted: Outcome) -> None:
    """Merges, prunings and late articles; without them the tests above would prove little."""
    assert len(uninterrupted.merged) >= 10
    assert len(set(uninterrupted.story_of.values())) >= 80
    assert len(STREAM) >= 4 * PRUNING
    newest, late = None, 0
    for item in STREAM:
        if item.published is None:
            continue
        if newest is not None and item.published < newest - OnlineClusterer().window:
            late += 1  # its stories have gone dormant, or will have by the next pruning
        newest = item.published if newest is None else max(newest, item.published)
    assert late >= 30
    # Candidates by meaning decide some articles' stories: without them, others would.
    without = OnlineClusterer(embedding_candidates=0)
    assignments, _ = without.partial_fit(copy.deepcopy(STREAM))
    moved = [a for a in assignments if uninterrupted.story_of[a.article_id] != a.story_id]
    assert len(moved) >= 10
