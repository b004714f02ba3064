"""Near-duplicate detection with MinHash (datasketch) and banded LSH.

The bands live in a `SignatureIndex` (the SQLite store by default), so the index survives
restarts and memory stays flat however many articles there are.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsprism.errors import ConfigError
from newsprism.store.base import NearDuplicate, SignatureIndex

_WORD = re.compile(r"\w+", re.UNICODE)
METHOD = "minhash-lsh"


def shingles(text: str, size: int) -> set[bytes]:
    """Word n-grams of the lower-cased text; short texts fall back to their words."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@dataclass(frozen=True, slots=True)
class Signature:
    """MinHash values plus the number of shingles, which containment needs."""

    article_id: str
    values: np.ndarray  # uint32, one per permutation
    size: int

    def to_bytes(self) -> bytes:
        return np.uint32(self.size).astype("<u4").tobytes() + self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, article_id: str, raw: bytes) -> Signature:
        words = np.frombuffer(raw, dtype="<u4")
        return cls(article_id, words[1:], int(words[0]))

    def jaccard(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.values == other.values)) / len(self.values)

    def containment(self, other: Signature, jaccard: float | None = None) -> float:
        """Estimated share of the smaller shingle set found in the larger one.

        A wire copy cut to half its length has a low Jaccard similarity to the agency text
        but a containment near 1: |A∩B| = J(|A|+|B|)/(1+J).
        """
        j = self.jaccard(other) if jaccard is None else jaccard
        smaller = min(self.size, other.size)
        if smaller == 0:
            return 0.0
        return min(1.0, j * (self.size + other.size) / (1.0 + j) / smaller)


class NearDuplicateDetector:
    """Links each new article to the most similar earlier one above `threshold`.

    Parameters are fixed at construction; `bands_` and `rows_` are derived from them with
    datasketch's false-positive/false-negative optimisation.
    """

    def __init__(
        self,
        index: SignatureIndex,
        *,
        threshold: float = 0.5,
        containment_threshold: float = 0.8,
        min_shingles: int = 30,
        num_perm: int = 128,
        shingle_size: int = 3,
        seed: int = 1,
    ) -> None:
        if not 0.0 < threshold < 1.0:
            raise ConfigError(
                f"near-duplicate threshold must be between 0 and 1, got {threshold}; try 0.5"
            )
        if not 0.0 < containment_threshold <= 1.0:
            raise ConfigError(
                f"containment threshold must be in (0, 1], got {containment_threshold}; try 0.8"
            )
        if num_perm < 16:
            raise ConfigError(f"num_perm must be at least 16, got {num_perm}; try 128")
        if shingle_size < 1:
            raise ConfigError(f"shingle_size must be at least 1, got {shingle_size}; try 3")
        self.index = index
        self.threshold = threshold
        self.containment_threshold = containment_threshold
        self.min_shingles = min_shingles
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        # Candidates are gathered at a lower Jaccard than the decision threshold, so that
        # shortened copies (high containment, lower Jaccard) are found too.
        self.candidate_threshold_ = min(threshold, 0.3)
        lsh = MinHashLSH(threshold=self.candidate_threshold_, num_perm=num_perm)
        self.bands_: int = lsh.b
        self.rows_: int = lsh.r
        # One MinHash holds the permutations; copying it is cheaper than re-deriving them.
        self._template = MinHash(num_perm=num_perm, seed=seed)

    def signature(self, article_id: str, text: str) -> Signature:
        minhash = self._template.copy()
        grams = shingles(text, self.shingle_size)
        minhash.update_batch(list(grams))
        return Signature(article_id, minhash.hashvalues.astype(np.uint32), len(grams))

    def buckets(self, signature: Signature) -> list[tuple[int, int]]:
        raw = signature.values.astype("<u4")
        out = []
        for band in range(self.bands_):
            chunk = raw[band * self.rows_ : (band + 1) * self.rows_].tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8).digest()
            out.append((band, int.from_bytes(digest, "little", signed=True)))
        return out

    def insert(self, article_id: str, text: str) -> NearDuplicate | None:
        """Index the article; return its link to the closest earlier article, if any is near.

        None means "no near-duplicate", which is the common, expected answer.
        """
        signature = self.signature(article_id, text)
        buckets = self.buckets(signature)
        link = self._best_match(signature, buckets)
        self.index.add_signature(article_id, signature.to_bytes(), buckets)
        return link

    def query(self, article_id: str, text: str) -> NearDuplicate | None:
        """Like `insert`, without indexing the article."""
        signature = self.signature(article_id, text)
        return self._best_match(signature, self.buckets(signature))

    def _best_match(
        self, signature: Signature, buckets: list[tuple[int, int]]
    ) -> NearDuplicate | None:
        candidates = self.index.bucket_mates(buckets) - {signature.article_id}
        if not candidates:
            return None
        best: tuple[float, float, float, str] | None = None  # (score, jaccard, containment, id)
        for other_id, raw in sorted(self.index.signatures(candidates).items()):
            other = Signature.from_bytes(other_id, raw)
            jaccard = signature.jaccard(other)
            contained = signature.containment(other, jaccard)
            near = jaccard >= self.threshold or (
                contained >= self.containment_threshold
                and min(signature.size, other.size) >= self.min_shingles
            )
            if near and (best is None or max(jaccard, contained) > best[0]):
                best = (max(jaccard, contained), jaccard, contained, other_id)
        if best is None:
            return None
        _, jaccard, contained, other_id = best
        return NearDuplicate(
            signature.article_id, other_id, round(jaccard, 4), METHOD, round(contained, 4)
        )
