"""Where the near-duplicate stage keeps MinHash signatures and their LSH buckets: a protocol
that the stores implement (the dedup stage never imports a store)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol


class SignatureIndex(Protocol):
    """Where MinHash signatures and their LSH buckets live."""

    def add_signature(
        self, article_id: str, signature: bytes, buckets: Sequence[tuple[int, int]]
    ) -> None: ...

    def bucket_mates(self, buckets: Sequence[tuple[int, int]]) -> set[str]: ...

    def signatures(self, article_ids: Iterable[str]) -> dict[str, bytes]: ...
