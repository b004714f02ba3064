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


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """One article of a story, as listed by outlet and time."""

    article_id: str
    outlet: str
    published: datetime | None
    title: str | None
    score: float  # similarity to the story when it joined; 0 for the article that opened it
