"""A near-duplicate link between two stored articles (a wire copy, a light rewrite)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    article_id: str
    copy_of: str
    similarity: float  # estimated Jaccard similarity of the shingle sets
    method: str
    containment: float = 0.0  # estimated share of the shorter text found in the longer
