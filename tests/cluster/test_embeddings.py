from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from newsprism.cluster.embeddings import HashingEmbedder, SentenceTransformerEmbedder
from newsprism.cluster.features import ArticleFeatures
from newsprism.cluster.online import OnlineClusterer
from newsprism.errors import ConfigError
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore


def test_a_missing_model_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not download models"):
        SentenceTransformerEmbedder(tmp_path / "no-such-model")


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is not None,
    reason="sentence-transformers is installed here",
)
def test_without_sentence_transformers_the_error_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"newsprism\[embeddings\]"):
        SentenceTransformerEmbedder(tmp_path)


def test_embeddings_let_articles_without_shared_names_join() -> None:
    embedder = HashingEmbedder()
    texts = ["brücke gesperrt risse stau", "brücke gesperrt risse pendler", "tarif streik lohn"]
    vectors = embedder.encode(texts)
    articles = [
        ArticleFeatures(
            f"a{i}", None, "de", terms={f"only{i}": 1.0}, embedding=tuple(map(float, v))
        )
        for i, v in enumerate(vectors)
    ]
    # No shared terms, names or numbers: only the embedding can bring the first two together.
    clusterer = OnlineClusterer(embedding_weight=0.8)
    clusterer.candidates = 10
    clusterer.partial_fit(articles[:1])
    story = clusterer.stories_["st-a0"]
    probe_same = clusterer.similarity(articles[1], articles[0])
    probe_other = clusterer.similarity(articles[2], articles[0])
    assert probe_same > clusterer.threshold > probe_other
    assert story.embedding is not None


def test_ingest_with_an_embedder_on_the_example_corpus(examples: Path) -> None:
    store = MemoryStore()
    report = ingest([str(examples)], store, IngestOptions(embedder=HashingEmbedder()))
    assert report.analysed == 25
    members = [a for story in store.stories() for a in story.articles]
    assert sorted(members) == sorted(a.id for a in store.articles())  # each in one story
    states = [json.loads(state) for state in store.story_states(None)]
    assert states and all(len(state["embedding"]) == 256 for state in states)
