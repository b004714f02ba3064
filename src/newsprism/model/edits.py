"""Corrections a user made by hand, kept on top of what newsprism decided."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from newsprism.model.spans import Entity, EntityLabel, Quote


class EditAction(StrEnum):
    MOVE = "move"  # an article into another story (a split moves articles into a new one)
    MERGE = "merge"  # one story into another
    RENAME_OUTLET = "rename-outlet"  # an outlet's name, also for articles ingested later
    SPEAKER = "speaker"  # who said a quote ("" when nobody named said it)
    FACT_APART = "fact-apart"  # a clause of an article is not the fact it was aligned with


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


@dataclass(frozen=True, slots=True)
class Corrections:
    """What a user corrected in some articles, for a comparison to take on top of analysis:
    article id → quote start → speaker (None: removed); article id → starts of clauses that
    stand apart from every fact they were aligned with."""

    speakers: Mapping[str, Mapping[int, str | None]] = field(default_factory=dict)
    apart: Mapping[str, frozenset[int]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.speakers or self.apart)

    def digest_source(self) -> str:
        """A stable text of the corrections, for the key of a stored comparison."""
        speakers = {a: sorted(c.items()) for a, c in sorted(self.speakers.items())}
        apart = {a: sorted(c) for a, c in sorted(self.apart.items())}
        return repr((sorted(speakers.items()), sorted(apart.items())))
