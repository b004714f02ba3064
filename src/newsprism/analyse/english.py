"""Reported speech in English, which needs no comma and no Konjunktiv: "Bremer said (that) talks
could resume", "told reporters (that) …", "… and said the offer was fair", "According to the
operator, all crossings were cancelled". The German rules in `quotes.py` look for a comma after
the cue and a subordinate clause or a Konjunktiv; English marks reported speech by the verb and
the clause right after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.analyse.document import Token
from newsprism.analyse.speakers import SpeakerResolver
from newsprism.model.spans import Entity, EntityLabel

CUES = frozenset(
    """
    said says told tells added adds stated warned warns argued argues insisted insists claimed
    claims explained announced noted stressed admitted conceded confirmed denied predicted
    """.split()
)
_OBJECT_CUES = frozenset({"told", "tells", "warned", "warns"})  # "told reporters (that) …"
_ARTICLES = frozenset({"the", "a", "an"})
# Capitalised at the start of a sentence or clause, but no name.
_FUNCTION_WORDS = frozenset(
    "the a an in on at according its his her their this that these those it he she they we".split()
)
_END = frozenset({".", "!", "?", ",", ";", ":", '"', "”", "“", "'"})


@dataclass(frozen=True, slots=True)
class Reported:
    first: int  # first token of what was said
    last: int  # one past its last token
    cue: int
    speaker: Entity | None


def english_reported(
    tokens: Sequence[Token],
    quoted: Sequence[bool],
    speakers: SpeakerResolver,
    start: int,
    end: int,
) -> Reported | None:
    """The reported clause of the sentence tokens[start:end], if it has one."""
    words = [token.text.lower() for token in tokens]
    last = end
    while last > start and words[last - 1] in _END:
        last -= 1
    if words[start : start + 2] == ["according", "to"]:
        comma = next((i for i in range(start + 2, last) if words[i] == ","), None)
        if comma is not None and last - comma > 3 and not quoted[comma + 1]:
            speaker = _named(tokens, speakers, start + 2, comma, first=True)
            return Reported(comma + 1, last, start, speaker)
    for index in range(start + 1, last):
        if quoted[index] or words[index] not in CUES:
            continue
        first = _clause_start(words, index, last)
        if first is None or quoted[first] or last - first < 3:
            continue
        if words[index - 1] in {",", '"', "”"}:
            continue  # '"…," said the union's negotiator': the frame of a direct quote
        return Reported(first, last, index, _subject(tokens, words, speakers, start, index))
    return None


def _clause_start(words: Sequence[str], cue: int, last: int) -> int | None:
    first = cue + 1
    if words[cue] in _OBJECT_CUES:
        that = next((i for i in range(first, min(first + 4, last)) if words[i] == "that"), None)
        first = that if that is not None else first + 1
    if first < last and words[first] in {"on", "in", "at", "late", "earlier", "later"}:
        # "said on Monday that …": the clause starts after "that"; "said on Monday." has none
        that = next((i for i in range(first, min(first + 5, last)) if words[i] == "that"), None)
        if that is None:
            return None
        first = that
    if first < last and words[first] == "that":
        first += 1
    if first >= last or words[first] in _END:
        return None
    return first


def _subject(
    tokens: Sequence[Token],
    words: Sequence[str],
    speakers: SpeakerResolver,
    start: int,
    cue: int,
) -> Entity | None:
    """Who is said to speak: the name just before the cue, after the last comma ("In an
    interview with Politico, Bremer said …"); for "… and said" the sentence's first name ("The
    chief executive, Lars Bremer, called … and said")."""
    if words[cue - 1] == "and":
        return _named(tokens, speakers, start, cue - 1, first=True)
    comma = max((i for i in range(start, cue) if words[i] == ","), default=None)
    subject_start = comma + 1 if comma is not None and comma + 1 < cue else start
    return _named(tokens, speakers, subject_start, cue, first=False)


def _named(
    tokens: Sequence[Token], speakers: SpeakerResolver, start: int, end: int, *, first: bool
) -> Entity | None:
    """The first (or last) run of capitalised words in tokens[start:end] as a speaker, or the
    phrase itself without its article when it has no name ("the operator" → "operator")."""
    runs: list[tuple[int, int]] = []
    index = start
    while index < end:
        if _capitalised(tokens, index, start):
            run_start = index
            while index < end and _capitalised(tokens, index, start):
                index += 1
            runs.append((run_start, index))
        else:
            index += 1
    if runs:
        run_start, run_end = runs[0] if first else runs[-1]
        named = speakers.person_named(run_start, run_end)
        if named is not None and named.label is EntityLabel.PER:
            return named
        name = " ".join(token.text for token in tokens[run_start:run_end])
        if run_end - run_start == 1:
            name = _full_name(tokens, run_start) or name
        return Entity(tokens[run_start].start, tokens[run_end - 1].end, EntityLabel.PER, name)
    phrase = [t for t in tokens[start:end] if t.text.isalpha()]
    while phrase and phrase[0].text.lower() in _ARTICLES:
        phrase = phrase[1:]
    if not phrase or len(phrase) > 4:
        return None
    name = " ".join(t.text for t in phrase)
    return Entity(phrase[0].start, phrase[-1].end, EntityLabel.ORG, name)


def _full_name(tokens: Sequence[Token], index: int) -> str | None:
    """'Bremer' → 'Lars Bremer' when the text named him so before."""
    surname = tokens[index].text
    for earlier in range(index - 1, 0, -1):
        if tokens[earlier].text == surname and _capitalised(tokens, earlier - 1, -1):
            first = earlier - 1
            while first > 0 and _capitalised(tokens, first - 1, -1) and earlier - first < 3:
                first -= 1
            return " ".join(token.text for token in tokens[first : earlier + 1])
    return None


def _capitalised(tokens: Sequence[Token], index: int, start: int) -> bool:
    word = tokens[index].text
    if not (word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha()):
        return False
    return not (index == start and word.lower() in _FUNCTION_WORDS)
