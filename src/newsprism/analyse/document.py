"""The working record that analysis stages fill in: one text, token offsets and layers over them.

Stages write plain lists indexed by token (lemmas, tags) so that the text is held once and every
annotation stays an offset into it, as in `model/spans.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsprism.model.spans import Entity, Quote, Sentence


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    space_before: bool = True
    line_start: bool = False


@dataclass(slots=True)
class Document:
    """One text under analysis. `sentences` are token ranges [start, end)."""

    text: str
    language: str | None = None
    tokens: list[Token] = field(default_factory=list)
    sentence_bounds: list[tuple[int, int]] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    ner_tags: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    done: set[str] = field(default_factory=set)
    items: list[Any] | None = None  # packed tagger features per sentence, shared by the taggers

    @property
    def sentences(self) -> list[Sentence]:
        tokens = self.tokens
        return [
            Sentence(tokens[first].start, tokens[last - 1].end)
            for first, last in self.sentence_bounds
            if last > first
        ]

    def sentence_of(self, token_index: int) -> int:
        """Index of the sentence holding a token (binary search over sentence bounds)."""
        low, high = 0, len(self.sentence_bounds) - 1
        while low <= high:
            middle = (low + high) // 2
            first, last = self.sentence_bounds[middle]
            if token_index < first:
                high = middle - 1
            elif token_index >= last:
                low = middle + 1
            else:
                return middle
        raise IndexError(f"token {token_index} is in no sentence")

    def token_at(self, char: int) -> int:
        """Index of the token covering (or starting after) a character offset."""
        low, high = 0, len(self.tokens)
        while low < high:
            middle = (low + high) // 2
            if self.tokens[middle].end <= char:
                low = middle + 1
            else:
                high = middle
        return low
