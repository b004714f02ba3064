"""Corrections a user made by hand, kept on top of what newsprism decided."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from newsprism.model.spans import Entity, EntityLabel, Quote


class EditAction(StrEnum):
    MOVE = "move"  # an article into another story (a split moves articles into a new one)
    MERGE = "merge"  # one story into another
    RENAME_OUTLET = "rename-outlet"  # an outlet's name, also for articles ingested later
    SPEAKER = "speaker"  # who said a quote ("" when nobody named said it)


def speaker_subject(article_id: str, quote_start: int) -> str:
    """The subject of a speaker edit: the article and where its quote starts."""
    return f"{article_id}@{quote_start}"


@dataclass(frozen=True, slots=True)
class UserEdit:
    id: int
    created_at: datetime
    action: EditAction
    subject: str  # the article, story or outlet edited
    target: str  # the story it went to, or the outlet's new name
    previous: str | None  # the story it was in before (for undo)
    reason: str
    undone_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None


def corrected_quotes(
    quotes: Sequence[Quote], speakers: Mapping[int, str | None]
) -> tuple[Quote, ...]:
    """The quotes with the speakers a user gave (by where each quote starts); a removed
    speaker leaves the quote with none ("speaker unclear"). Confidence 1: a person said so."""
    corrected = []
    for quote in quotes:
        if quote.start not in speakers:
            corrected.append(quote)
            continue
        name = speakers[quote.start]
        if name is None:
            corrected.append(replace(quote, speaker=None, confidence=1.0))
            continue
        where = quote.speaker or Entity(quote.start, quote.start, EntityLabel.PER, name)
        speaker = Entity(where.start, where.end, EntityLabel.PER, name, where.role)
        corrected.append(replace(quote, speaker=speaker, confidence=1.0))
    return tuple(corrected)
