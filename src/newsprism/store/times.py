"""Times in the database: ISO 8601 strings in UTC (they sort as they should)."""

from __future__ import annotations

from datetime import UTC, datetime


def to_iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def from_iso(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def now_iso() -> str:
    return datetime.now(UTC).isoformat()
