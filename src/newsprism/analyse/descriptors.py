"""Nouns that stand for a person named earlier: "der 58-Jährige", "der Norweger", "die Bernerin".

German news names a person once and then describes them: by age ("Der 27-Jährige sagte im
Ziel …"), by origin ("der Norweger", "der Tessiner"), by a noun that stood before the name
("dem Norweger Henrik Kristoffersen"). A role noun ("die Ministerin") is resolved by
`speakers._by_role`; this resolves the others:

- a noun that stood right before a person's name earlier stands for that person;
- an age noun stands for the latest person named as the subject of a sentence (at its start,
  before any verb or preposition): the one the text is about, not one named in passing ("lag
  0,42 Sekunden vor dem Norweger Henrik Kristoffersen").
Anything else stays unresolved: a guessed speaker is worse than an unclear one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from newsprism.analyse.document import Document
from newsprism.model.spans import Entity

AGE_NOUN = re.compile(r"^\d{1,3}-[Jj]ährige[rn]?$")
_NOT_SUBJECT_BEFORE = frozenset({"ADP", "VERB", "AUX", "SCONJ"})


class PersonDescriptors:
    """The nouns each person was introduced with, and who was a sentence's subject."""

    def __init__(self, document: Document, persons: Sequence[Entity]) -> None:
        tokens = document.tokens
        tags = document.tags or ["X"] * len(tokens)
        self._introduced: dict[str, list[Entity]] = {}
        self._subjects: set[int] = set()  # starts of persons named as a sentence's subject
        for person in persons:
            first = document.token_at(person.start)
            if first > 0:
                before = tokens[first - 1].text
                if before[:1].isupper() and tags[first - 1] in {"NOUN", "PROPN", "X"}:
                    self._introduced.setdefault(before.lower(), []).append(person)
            sentence_start = document.sentence_bounds[document.sentence_of(first)][0]
            if not any(tags[i] in _NOT_SUBJECT_BEFORE for i in range(sentence_start, first)):
                self._subjects.add(person.start)

    def resolve(
        self,
        noun: str,
        persons_before: Iterator[Entity],
        fits: Callable[[Entity], bool] = lambda person: True,
    ) -> Entity | None:
        """The person `noun` stands for, from the persons named before it (latest first)."""
        introduced = self._introduced.get(noun.lower(), [])
        age = AGE_NOUN.match(noun) is not None
        if not introduced and not age:
            return None
        for person in persons_before:
            if not fits(person):
                continue
            if any(person.canonical == other.canonical for other in introduced):
                return person
            if age and not introduced and person.start in self._subjects:
                return person
        return None
