"""Near-duplicate detection with MinHash (datasketch) and banded LSH.

The bands live in a `SignatureIndex` (the SQLite store by default), so the index survives
restarts and memory stays flat however many articles there are.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.dedup.index import SignatureIndex
from newsprism.errors import ConfigError
from newsprism.model.duplicates import NearDuplicate

_WORD = re.compile(r"\w+", re.UNICODE)
METHOD = "minhash-lsh"


_MIX = np.uint64(0x9E3779B1)
_LOW32 = np.uint64(0xFFFFFFFF)
_XORSHIFT = np.uint32(16)
_FOLD_SHIFT = np.uint64(29)
_SIGNED_MAX = np.uint64((1 << 63) - 1)  # SQLite integers are signed 64-bit
_WORD_CACHE_LIMIT = 500_000
_word_hashes: dict[str, int] = {}


def _hash_words(words: list[str]) -> np.ndarray:
    # Words repeat across articles: hash each new word once, then look all up at C speed.
    missing = set(words).difference(_word_hashes)
    if len(_word_hashes) + len(missing) > _WORD_CACHE_LIMIT:
        _word_hashes.clear()
        missing = set(words)
    for word in missing:
        _word_hashes[word] = zlib.crc32(word.encode("utf-8"))
    return np.fromiter(map(_word_hashes.__getitem__, words), dtype=np.uint64, count=len(words))


def shingles(text: str, size: int) -> np.ndarray:
    """Distinct 32-bit hashes of the word n-grams of the lower-cased text.

    Each word is hashed once (CRC-32, stable across processes, unlike `hash`) and the
    n-gram hashes are mixed in numpy: hashing every n-gram string was the ingest bottleneck.
    Short texts fall back to one shingle of all their words.
    """
    words = _WORD.findall(text.lower())
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashed = _hash_words(words)
    width = min(size, len(hashed))
    count = len(hashed) - width + 1
    grams = hashed[:count].copy()
    for offset in range(1, width):
        grams = ((grams * _MIX) ^ hashed[offset : offset + count]) & _LOW32
    # np.unique, six times cheaper here: sort in place, keep each first of a run.
    grams.sort()
    first = np.empty(len(grams), dtype=bool)
    first[0] = True
    np.not_equal(grams[1:], grams[:-1], out=first[1:])
    return grams[first]


@dataclass(frozen=True, slots=True)
class Signature:
    """MinHash values plus the number of shingles, which containment needs."""

    article_id: str
    values: np.ndarray  # uint32, one per permutation
    size: int

    def to_bytes(self) -> bytes:
        header = np.array([self.size], dtype="<u4")
        return bytes(header.tobytes() + self.values.astype("<u4").tobytes())

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


class MinHashSigner:
    """The pure half of the detector: an article's signature and its band keys from its text
    alone. Picklable and free of the index, so that another process computes the same values
    (`run/prepare.py` signs a batch off the writer's process)."""

    def __init__(self, num_perm: int, shingle_size: int, seed: int, bands: int, rows: int) -> None:
        # datasketch brings scipy (about a second): only its permutation parameters are
        # needed, once; start-up time of the commands that never sign anything.
        from datasketch import MinHash

        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.bands = bands
        self.rows = rows
        # datasketch's random permutation parameters, cut to 32 bits (a made odd, so that
        # x -> a*x + b is a bijection of the 32-bit hashes), applied below in one numpy step.
        a, b = MinHash(num_perm=num_perm, seed=seed).permutations
        self._a = ((np.asarray(a, dtype=np.uint64) & _LOW32).astype(np.uint32) | 1)[np.newaxis]
        self._b = (np.asarray(b, dtype=np.uint64) & _LOW32).astype(np.uint32)[np.newaxis]
        # Odd 64-bit multipliers that fold a band's rows into one bucket key (wrapping sum).
        mix_rng = np.random.default_rng(seed)
        self._band_mix = mix_rng.integers(1, 2**63, size=rows, dtype=np.uint64) | np.uint64(1)

    def signature(self, article_id: str, text: str) -> Signature:
        grams = shingles(text, self.shingle_size)
        if len(grams) == 0:
            values = np.full(self.num_perm, 0xFFFFFFFF, dtype=np.uint32)
        else:
            # 32-bit affine maps plus an xorshift (both bijections) over already well-mixed
            # shingle hashes: six times faster than datasketch's 64-bit modulo-prime scheme,
            # with the same precision and recall on bench/near_duplicates.py.
            permuted = grams.astype(np.uint32)[:, np.newaxis] * self._a + self._b
            permuted ^= permuted >> _XORSHIFT
            values = permuted.min(axis=0)
        return Signature(article_id, values, len(grams))

    def buckets(self, signature: Signature) -> list[tuple[int, int]]:
        """(band, bucket) keys: each band's rows folded into one signed 63-bit number."""
        rows = signature.values[: self.bands * self.rows].astype(np.uint64)
        folded = (rows.reshape(self.bands, self.rows) * self._band_mix).sum(axis=1)
        keys = (folded ^ (folded >> _FOLD_SHIFT)) & _SIGNED_MAX
        return list(enumerate(keys.tolist()))


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
        # datasketch brings scipy (about a second); start-up time of the commands without dedup.
        from datasketch import MinHashLSH

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
        self.signer = MinHashSigner(num_perm, shingle_size, seed, self.bands_, self.rows_)

    def signature(self, article_id: str, text: str) -> Signature:
        return self.signer.signature(article_id, text)

    def buckets(self, signature: Signature) -> list[tuple[int, int]]:
        """(band, bucket) keys: each band's rows folded into one signed 63-bit number."""
        return self.signer.buckets(signature)

    def insert(self, article_id: str, text: str) -> NearDuplicate | None:
        """Index the article; return its link to the closest earlier article, if any is near.

        None means "no near-duplicate", which is the common, expected answer.
        """
        return self.insert_signatures([self.signature(article_id, text)])[0]

    def insert_signatures(
        self,
        signatures: Sequence[Signature],
        buckets: Sequence[list[tuple[int, int]]] | None = None,
    ) -> list[NearDuplicate | None]:
        """Index a batch of articles in order: each one's link to the closest article indexed
        before it, in the index or earlier in the batch, as `insert` one by one would find.
        The batch costs three round trips to the index, not three per article. `buckets`,
        when given, are the signatures' `buckets`, computed beforehand (by `MinHashSigner`)."""
        keys = [self.buckets(signature) for signature in signatures] if buckets is None else buckets
        flat = [key for article_keys in keys for key in article_keys]
        indexed = self.index.bucket_members(flat)
        # Most keys are in no other article's buckets: only the few that are (in the index, or
        # twice in the batch) are looked at key by key.
        shared: set[tuple[int, int]] = set()
        if len(set(flat)) < len(flat):
            shared = {key for key, count in Counter(flat).items() if count > 1}
        in_batch: dict[tuple[int, int], list[str]] = {}
        candidates: list[set[str]] = []
        for signature, article_keys in zip(signatures, keys, strict=True):
            mates: set[str] = set()
            article_id = signature.article_id
            if indexed and not indexed.keys().isdisjoint(article_keys):
                for key in article_keys:
                    mates.update(indexed.get(key, ()))
            if shared and not shared.isdisjoint(article_keys):
                for key in article_keys:
                    if key in shared:
                        earlier = in_batch.setdefault(key, [])
                        mates.update(earlier)
                        earlier.append(article_id)
            mates.discard(article_id)
            candidates.append(mates)
        known = {signature.article_id: signature for signature in signatures}
        wanted = set().union(*candidates).difference(known)
        for other_id, raw in self.index.signatures(wanted).items():
            known[other_id] = Signature.from_bytes(other_id, raw)
        links = [
            self._best_match(signature, [known[i] for i in sorted(mates) if i in known])
            for signature, mates in zip(signatures, candidates, strict=True)
        ]
        self.index.add_signatures(
            [
                (signature.article_id, signature.to_bytes(), article_keys)
                for signature, article_keys in zip(signatures, keys, strict=True)
            ]
        )
        return links

    def query(self, article_id: str, text: str) -> NearDuplicate | None:
        """Like `insert`, without indexing the article."""
        signature = self.signature(article_id, text)
        mates = self.index.bucket_mates(self.buckets(signature)) - {article_id}
        others = self.index.signatures(mates)
        return self._best_match(
            signature, [Signature.from_bytes(i, raw) for i, raw in sorted(others.items())]
        )

    def judge(self, signature: Signature, other: Signature) -> tuple[bool, float, float]:
        """(near, jaccard, containment) of two articles' signatures."""
        jaccard = signature.jaccard(other)
        contained = signature.containment(other, jaccard)
        near = jaccard >= self.threshold or (
            contained >= self.containment_threshold
            and min(signature.size, other.size) >= self.min_shingles
        )
        return near, jaccard, contained

    def _best_match(
        self, signature: Signature, candidates: Sequence[Signature]
    ) -> NearDuplicate | None:
        """The nearest of the candidates (in id order, the first wins a tie), if any is near."""
        best: tuple[float, float, float, str] | None = None  # (score, jaccard, containment, id)
        for other in candidates:
            near, jaccard, contained = self.judge(signature, other)
            if near and (best is None or max(jaccard, contained) > best[0]):
                best = (max(jaccard, contained), jaccard, contained, other.article_id)
        if best is None:
            return None
        _, jaccard, contained, other_id = best
        return NearDuplicate(
            signature.article_id, other_id, round(jaccard, 4), METHOD, round(contained, 4)
        )
