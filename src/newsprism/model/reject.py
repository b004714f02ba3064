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
