"""An in-memory `SignatureIndex`, for tests and for callers without a database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from newsprism.dedup.index import SignatureEntry


class MemorySignatureIndex:
    def __init__(self) -> None:
        self._signatures: dict[str, bytes] = {}
        self._buckets: defaultdict[tuple[int, int], set[str]] = defaultdict(set)

    def add_signature(
        self, article_id: str, signature: bytes, buckets: Sequence[tuple[int, int]]
    ) -> None:
        self._signatures.setdefault(article_id, signature)
        for key in buckets:
            self._buckets[key].add(article_id)

    def add_signatures(self, entries: Sequence[SignatureEntry]) -> None:
        for article_id, signature, buckets in entries:
            self.add_signature(article_id, signature, buckets)

    def bucket_mates(self, buckets: Sequence[tuple[int, int]]) -> set[str]:
        mates: set[str] = set()
        for key in buckets:
            mates |= self._buckets.get(key, set())
        return mates

    def bucket_members(
        self, buckets: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], list[str]]:
        return {key: sorted(self._buckets[key]) for key in buckets if self._buckets.get(key)}

    def signatures(self, article_ids: Iterable[str]) -> dict[str, bytes]:
        return {i: self._signatures[i] for i in article_ids if i in self._signatures}

    def __len__(self) -> int:
        return len(self._signatures)
