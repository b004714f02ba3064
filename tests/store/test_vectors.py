"""The vector cache: both stores keep vectors by key, and `encode_cached` encodes a text once."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from newsprism.analyse.encoder import DIMENSIONS, encode_cached, vector_key
from newsprism.store import MemoryStore, SQLiteStore, Store


class CountingEncoder:
    """A stand-in for the model: a word-hash vector per text, and a count of what it encoded."""

    model_name = "counting-1"
    max_chars = 60

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text[: self.max_chars].split():
                rows[row, zlib.crc32(word.encode()) % DIMENSIONS] += 1.0
            rows[row, -1] += 0.5  # no zero rows, even for an empty text
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    @property
    def encoded(self) -> int:
        return sum(len(call) for call in self.calls)


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "memory":
        yield MemoryStore()
        return
    sqlite = SQLiteStore(tmp_path / "vectors.db")
    yield sqlite
    sqlite.close()


def test_vectors_round_trip(store: Store) -> None:
    store.add_vectors({"m:a": b"\x01\x02", "m:b": b"\x03"})
    assert store.vectors(["m:a", "m:b", "m:c"]) == {"m:a": b"\x01\x02", "m:b": b"\x03"}
    assert store.vectors([]) == {}
    store.add_vectors({"m:a": b"\x09"})  # a damaged vector is mended by the next write
    assert store.vectors(["m:a"]) == {"m:a": b"\x09"}


def test_sqlite_vectors_survive_reopening_and_many_keys(tmp_path: Path) -> None:
    keys = [f"m:{number}" for number in range(1_200)]  # more than one query's worth of keys
    writer = SQLiteStore(tmp_path / "v.db")
    writer.add_vectors({key: key.encode() for key in keys})
    assert writer.schema_version >= 8
    writer.close()
    reader = SQLiteStore(tmp_path / "v.db", readonly=True)
    assert reader.vectors(keys) == {key: key.encode() for key in keys}
    reader.add_vectors({"m:new": b"x"})  # a reader cannot keep vectors, and does not fail
    assert reader.vectors(["m:new"]) == {}
    reader.close()


def test_encode_cached_encodes_each_text_once(store: Store) -> None:
    encoder = CountingEncoder()
    texts = ["Der Bundestag beschließt den Haushalt.", "Die Bahn streikt.", "Die Bahn streikt."]
    cold = encode_cached(store, texts, encoder)
    assert encoder.calls == [["Der Bundestag beschließt den Haushalt.", "Die Bahn streikt."]]
    warm = encode_cached(store, list(reversed(texts)), encoder)
    assert encoder.encoded == 2  # the second call found every vector in the store
    assert warm.dtype == np.float32 and warm.shape == (3, DIMENSIONS)
    np.testing.assert_array_equal(warm, cold[::-1])  # cold or warm: the same rows
    np.testing.assert_allclose(np.linalg.norm(cold, axis=1), 1.0, rtol=1e-6)
    # Kept as float16: within its rounding of what the encoder gave.
    np.testing.assert_allclose(cold, encoder.encode(texts), atol=1e-3)


def test_encode_cached_only_encodes_what_is_missing(store: Store) -> None:
    encoder = CountingEncoder()
    encode_cached(store, ["eins", "zwei"], encoder)
    encode_cached(store, ["zwei", "drei", "eins", "vier"], encoder)
    assert encoder.calls == [["eins", "zwei"], ["drei", "vier"]]  # one batch per call
    assert encode_cached(store, [], encoder).shape == (0, DIMENSIONS)
    assert encoder.encoded == 4


def test_cache_keys_follow_the_text_the_model_sees_and_the_model(store: Store) -> None:
    encoder = CountingEncoder()
    base = "x" * encoder.max_chars
    encode_cached(store, [base + " ein Ende, das der Encoder nicht liest"], encoder)
    encode_cached(store, [base + " ein anderes Ende"], encoder)
    assert encoder.encoded == 1
    assert vector_key("Satz", "a") != vector_key("Satz", "b")
    other = CountingEncoder()
    other.model_name = "counting-2"
    encode_cached(store, [base], other)
    assert other.encoded == 1  # another model's vectors are not taken


def test_a_damaged_vector_is_encoded_again(store: Store) -> None:
    encoder = CountingEncoder()
    key = vector_key("Satz", encoder.model_name)
    store.add_vectors({key: b"too short"})
    row = encode_cached(store, ["Satz"], encoder)
    assert encoder.encoded == 1 and row.shape == (1, DIMENSIONS)
    assert len(store.vectors([key])[key]) == DIMENSIONS * 2
