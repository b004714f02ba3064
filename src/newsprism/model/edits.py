"""Corrections a user made by hand, kept on top of what newsprism decided."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class EditAction(StrEnum):
    MOVE = "move"  # an article into another story (a split moves articles into a new one)
    MERGE = "merge"  # one story into another
    RENAME_OUTLET = "rename-outlet"  # an outlet's name, also for articles ingested later


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
