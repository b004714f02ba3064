"""Optional sentence embeddings for story clustering (a multilingual model helps across languages).

newsprism never downloads a model. `SentenceTransformerEmbedder` loads a sentence-transformers
model from a folder the user has installed locally, and says clearly what is missing when the
package or the folder is not there. Anything with an `encode` method can stand in (tests use a
small hashing embedder).
"""

from __future__ import annotations

import importlib
import os
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from newsprism.errors import ConfigError

# How much of an article the embedder reads: the title and the lead carry the event.
EMBEDDED_CHARS = 1000


class Embedder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text."""
        ...


class SentenceTransformerEmbedder:
    """A local sentence-transformers model, e.g. a folder holding paraphrase-multilingual-MiniLM."""

    def __init__(self, model_folder: str | Path, batch_size: int = 32) -> None:
        folder = Path(model_folder)
        if not folder.is_dir():
            raise ConfigError(
                f"no embedding model at {folder}: newsprism does not download models; put a "
                "sentence-transformers model folder there (one saved with model.save(PATH)) and "
                "pass its path, or leave embeddings off (the default works without them)"
            )
        try:
            module: Any = importlib.import_module("sentence_transformers")
        except ImportError as error:
            raise ConfigError(
                "the embedding backend needs the sentence-transformers package: "
                "pip install 'newsprism[embeddings]' (or leave embeddings off)"
            ) from error
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder must never reach the hub
        self.model = module.SentenceTransformer(str(folder), device="cpu")
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True
        )
        return np.asarray(vectors, dtype=np.float32)


class HashingEmbedder:
    """Bag of hashed lower-cased words: a tiny, deterministic embedder for tests and examples."""

    def __init__(self, dimensions: int = 256) -> None:
        self.dimensions = dimensions

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                rows[row, zlib.crc32(word.encode("utf-8")) % self.dimensions] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1.0, norms)


def embedding_text(title: str | None, text: str) -> str:
    return ((title or "") + "\n" + text)[:EMBEDDED_CHARS]
