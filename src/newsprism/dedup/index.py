"""Where the near-duplicate stage keeps MinHash signatures and their LSH buckets: a protocol
that the stores implement (the dedup stage never imports a store)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

# One indexed article: its id, its signature's bytes and its (band, bucket) keys.
SignatureEntry = tuple[str, bytes, Sequence[tuple[int, int]]]


class SignatureIndex(Protocol):
    """Where MinHash signatures and their LSH buckets live. The batch verbs exist because a
    round trip per article was most of ingest's time; the single ones serve `watch`."""

    def add_signature(
        self, article_id: str, signature: bytes, buckets: Sequence[tuple[int, int]]
    ) -> None: ...

    def add_signatures(self, entries: Sequence[SignatureEntry]) -> None: ...

    def bucket_mates(self, buckets: Sequence[tuple[int, int]]) -> set[str]: ...

    def bucket_members(
        self, buckets: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], list[str]]:
        """The ids indexed under each of these keys (keys with none are left out)."""
        ...

    def signatures(self, article_ids: Iterable[str]) -> dict[str, bytes]: ...
