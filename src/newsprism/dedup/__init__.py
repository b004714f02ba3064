"""Exact duplicates are the content id's job; this stage finds near-duplicates."""

from newsprism.dedup.index import SignatureIndex
from newsprism.dedup.memory import MemorySignatureIndex
from newsprism.dedup.minhash import NearDuplicateDetector, Signature, shingles

__all__ = [
    "MemorySignatureIndex",
    "NearDuplicateDetector",
    "Signature",
    "SignatureIndex",
    "shingles",
]
