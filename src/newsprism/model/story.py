"""A story: articles about one event, under an id that does not change as it grows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    articles: tuple[str, ...]
    first_seen: datetime | None
    last_seen: datetime | None
    label: str
    keywords: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
