"""The example corpus comes out as its six intended stories, in any order and across runs."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newsprism.analyse import analyse_articles
from newsprism.cluster.features import ArticleFeatures, article_features
from newsprism.cluster.online import OnlineClusterer
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore, SQLiteStore

# The intended story of every example article, written with the corpus.
INTENDED: dict[str, str] = json.loads(
    (Path(__file__).parents[1] / "data" / "example_stories.json").read_text(encoding="utf-8")
)["stories"]


def intended(article_id: str) -> str:
    return INTENDED[article_id]


@pytest.fixture(scope="module")
def corpus(examples: Path) -> tuple[list[ArticleFeatures], dict[str, str]]:
    store = MemoryStore()
    ingest([str(examples)], store, IngestOptions(analyse=False))
    articles = list(store.articles())
    gold = {a.id: intended(a.id) for a in articles}
    features = [
        article_features(a, d)
        for a, (d, _) in zip(articles, analyse_articles(articles), strict=True)
    ]
    return features, gold


def grouping(clusterer: OnlineClusterer, features: list[ArticleFeatures]) -> set[frozenset[str]]:
    assignments, _ = clusterer.partial_fit(features)
    groups: dict[str, set[str]] = {}
    for assignment in assignments:
        groups.setdefault(clusterer.story_of(assignment.story_id), set()).add(assignment.article_id)
    return {frozenset(group) for group in groups.values()}


def expected(gold: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article_id, story in gold.items():
        groups.setdefault(story, set()).add(article_id)
    return {frozenset(group) for group in groups.values()}


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_every_example_story_is_recovered_in_any_order(
    corpus: tuple[list[ArticleFeatures], dict[str, str]], seed: int | None
) -> None:
    features, gold = corpus
    ordered = list(features)
    if seed is not None:
        random.Random(seed).shuffle(ordered)
    assert grouping(OnlineClusterer(), ordered) == expected(gold)
    assert len(expected(gold)) == 6


def test_ingest_clusters_as_it_goes_and_a_second_run_goes_on(
    tmp_path: Path, examples: Path
) -> None:
    files = sorted(p for p in examples.rglob("*") if p.is_file())
    store = SQLiteStore(tmp_path / "stories.db")
    first = ingest([str(p) for p in files[: len(files) // 2]], store, IngestOptions())
    second = ingest([str(p) for p in files[len(files) // 2 :]], store, IngestOptions())
    assert first.stories_opened and second.analysed
    articles = {a.id: a for a in store.articles()}
    groups = {frozenset(store.story(s.id).articles) for s in store.stories()}
    gold = {article_id: intended(article_id) for article_id in articles}
    assert groups == expected(gold)
    for story in store.stories():
        assert story.label and story.keywords and story.first_seen is not None
    for old, new in store.story_merges():
        assert store.story(old).id == store.resolve_story_id(new)
    store.close()
