"""A rejected input, as listed in the database."""

from __future__ import annotations

from dataclasses import dataclass

from newsprism.errors import RejectReason


@dataclass(frozen=True, slots=True)
class Reject:
    source: str
    reason: RejectReason
    detail: str
    locator: str | None = None
    article_id: str | None = None  # set when the article was stored but a stage failed on it
