"""Annotations as character offsets into `Article.text`; the text itself is never copied."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(
                "span offsets must satisfy 0 <= start <= end, "
                f"got start={self.start} end={self.end}"
            )

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    pass


class EntityLabel(StrEnum):
    PER = "PER"
    ORG = "ORG"
    LOC = "LOC"
    MISC = "MISC"


@dataclass(frozen=True, slots=True)
class Entity(Span):
    label: EntityLabel = EntityLabel.MISC
    canonical: str = ""
    role: str | None = None


class QuoteKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


@dataclass(frozen=True, slots=True)
class Quote(Span):
    """The quoted text is the span itself; `cue` is the speech verb or phrase."""

    kind: QuoteKind = QuoteKind.DIRECT
    speaker: Entity | None = None
    cue: Span | None = None
    confidence: float = 0.0
