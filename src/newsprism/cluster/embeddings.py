"""Sentence embeddings for story clustering (a multilingual model helps across languages).

newsprism never downloads a model. `LeadEmbedder` uses the multilingual Universal Sentence
Encoder that comes inside a PyPI package (analyse/encoder.py) on the title and lead of each
article. `SentenceTransformerEmbedder` loads a sentence-transformers model from a folder the
user has installed locally, and says clearly what is missing when the package or the folder is
not there. Anything with an `encode` method can stand in (tests use a small hashing embedder).
"""

from __future__ import annotations

import importlib
import os
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from newsprism.analyse.encoder import TextEncoder, VectorCache, default_encoder, encode_cached
from newsprism.errors import ConfigError

# How much of an article's text the embedder reads after the title: the lead carries the event.
EMBEDDED_CHARS = 1200
# What `LeadEmbedder` encodes of the lead, about its first two sentences: the cost per article
# grows with the length, the agreement with human judges hardly (docs/benchmarks.md, "Sentence
# encoder": 1,200 characters cost 3 times as much for +0.02 Pearson).
LEAD_CHARS = 300
# Without a title, the first characters stand in for it (a plain text's first line often is one).
HEAD_CHARS = 150


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


class LeadEmbedder:
    """One vector per article from USE multilingual v3: the title and the lead are encoded
    apart and their vectors added (then made unit length again).

    The title names the event in few words and the lead tells it; one vector over both lets
    the lead's many words drown the title, which is what the reader goes by. Texts come as
    `embedding_text` makes them: the title, a line break, the text.

    cache: where the title and lead vectors are kept (the store; see `encode_cached`), so that
    an article seen again, or a title that is also a unit of its story's comparison, is not
    encoded twice. The article's vector is their normalised sum.
    """

    def __init__(
        self,
        encoder: TextEncoder | None = None,
        lead_chars: int = LEAD_CHARS,
        cache: VectorCache | None = None,
    ) -> None:
        if lead_chars < 1:
            raise ConfigError(f"lead_chars must be at least 1, got {lead_chars}")
        self.encoder: TextEncoder = encoder or default_encoder()
        self.lead_chars = lead_chars
        self.cache = cache

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        heads: list[str] = []
        leads: list[str] = []
        for text in texts:
            title, _, body = text.partition("\n")
            body = body.strip()
            heads.append(title.strip() or body[:HEAD_CHARS])
            leads.append(body[: self.lead_chars])
        if self.cache is None:
            rows = self.encoder.encode(heads + leads)
        else:
            rows = encode_cached(self.cache, heads + leads, self.encoder)
        summed = rows[: len(texts)] + rows[len(texts) :]
        norms = np.linalg.norm(summed, axis=1, keepdims=True)
        unit: np.ndarray = summed / np.where(norms == 0, 1.0, norms)
        return unit


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
    """The title on the first line (line breaks in it become spaces), then the text."""
    head = " ".join((title or "").split())
    return head + "\n" + text[:EMBEDDED_CHARS]
