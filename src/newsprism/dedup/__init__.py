"""Exact duplicates are the content id's job; this stage finds near-duplicates."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newsprism.dedup.index import SignatureEntry, SignatureIndex
from newsprism.dedup.memory import MemorySignatureIndex

if TYPE_CHECKING:
    from newsprism.dedup.minhash import NearDuplicateDetector, Signature, shingles

__all__ = [
    "MemorySignatureIndex",
    "NearDuplicateDetector",
    "Signature",
    "SignatureEntry",
    "SignatureIndex",
    "shingles",
]


def __getattr__(name: str) -> Any:
    """The MinHash names load on first use: datasketch brings scipy (about a second), and
    the store, which every command opens, needs only `SignatureIndex`."""
    if name in {"NearDuplicateDetector", "Signature", "shingles"}:
        return getattr(importlib.import_module("newsprism.dedup.minhash"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
