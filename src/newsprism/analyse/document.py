"""The working record that analysis stages fill in: one text, token offsets and layers over them.

Stages write plain lists indexed by token (lemmas, tags) so that the text is held once and every
annotation stays an offset into it, as in `model/spans.py`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsprism.errors import StageFailed
from newsprism.model.spans import Entity, Quote, Sentence, Span

# The fields behind each layer a stage declares in `adds`; "canonical" rewrites entities.
_LAYER_FIELDS: dict[str, tuple[str, ...]] = {
    "tokens": ("tokens",),
    "sentences": ("sentence_bounds",),
    "lemmas": ("lemmas",),
    "tags": ("tags",),
    "entities": ("ner_tags", "entities"),
    "canonical": ("entities",),
    "quotes": ("quotes",),
}


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
    failure: StageFailed | None = None  # the stage that failed on this text; later ones skip it
    # The token ends `token_at` searches, and the token list they were taken from.
    _ends: list[int] = field(default_factory=list, repr=False, compare=False)
    _ends_of: list[Token] | None = field(default=None, repr=False, compare=False)

    def drop(self, layers: Iterable[str]) -> None:
        """Forget what a failed stage may have half-written, so no partial layer is stored."""
        for layer in layers:
            for name in _LAYER_FIELDS.get(layer, ()):
                setattr(self, name, [])

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

    def covered(self, spans: Iterable[Span]) -> list[bool]:
        """Per token: whether one of these spans covers it (quotes, entities …)."""
        mask = [False] * len(self.tokens)
        for span in spans:
            for index in range(self.token_at(span.start), min(self.token_at(span.end), len(mask))):
                mask[index] = True
        return mask

    def token_at(self, char: int) -> int:
        """Index of the token covering (or starting after) a character offset."""
        if self._ends_of is not self.tokens or len(self._ends) != len(self.tokens):
            self._ends = [token.end for token in self.tokens]
            self._ends_of = self.tokens
        return bisect.bisect_right(self._ends, char)
