"""Speech cues: which token of a clause is a verb (or noun) of saying, and whether a clause is in
the Konjunktiv. Shared by the finders of direct and reported speech in `quotes.py`."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.analyse.document import Token
from newsprism.analyse.speech import (
    KONJUNKTIV_II,
    SEPARABLE,
    SEPARABLE_BASES,
    SPEECH_NOUNS,
    is_subjunctive,
    speech_lemma,
)

SUBORDINATORS = frozenset({"dass", "daß", "ob", "wie", "warum", "weshalb", "wann", "wo", "was"})
# Past tense cues that look like a Konjunktiv II form.
_PAST_CUES = frozenset({"sagte", "erklärte", "betonte", "meinte", "fragte", "antwortete"})
# Words that are cues by themselves: nouns of saying ("Die Forderung, …") and "hieß es".
_CUE_WORDS = SPEECH_NOUNS | {"hieß", "heißt"}


class SpeechCues:
    """Cues over one document's tokens, their lemmas and tags; `quoted` marks what is inside
    quotation marks (never a cue)."""

    def __init__(
        self,
        tokens: Sequence[Token],
        lemmas: Sequence[str],
        tags: Sequence[str],
        quoted: Sequence[bool],
    ) -> None:
        self.tokens = tokens
        self.lemmas = lemmas
        self.tags = tags
        self.quoted = quoted
        # Which tokens can be a cue at all, whatever the clause: the finders ask about every
        # token several times, and for most of them one look at this list is the answer.
        lowers = [token.text.lower() for token in tokens]
        self._may_cue = [
            lemma in SEPARABLE_BASES
            or speech_lemma(lemma)
            or lower in _CUE_WORDS
            or (index > 0 and (lemma, lowers[index - 1]) in SEPARABLE)
            for index, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True))
        ]

    def cue_at(self, index: int, start: int, end: int) -> tuple[int, int] | None:
        """(cue token, first token after the cue) when tokens[index] is a speech verb."""
        if not self._may_cue[index]:
            return None
        token = self.tokens[index].text
        if not token[:1].islower() and index != start and token.lower() not in SPEECH_NOUNS:
            return None
        lemma = self.lemmas[index]
        # In a subordinate clause the particle stands before the verb: "wie X bekannt gab".
        if index > start and (lemma, self.tokens[index - 1].text.lower()) in SEPARABLE:
            return index, index + 1
        if self.separated_particle(index, end) is not None:
            return index, index + 1
        if is_subjunctive(token, lemma, self.tags[index]) and token.lower() not in _PAST_CUES:
            return None  # "Sie erwarte, dass …": a verb inside the reported clause, not its cue
        if speech_lemma(lemma) and self.tags[index] not in {"PROPN", "DET", "ADP"}:
            if (
                token.lower() == lemma
                and index > start
                and self.tokens[index - 1].text.lower() == "zu"
            ):
                return None  # "zu sagen" is no speech act
            return index, index + 1
        if (
            token.lower() in {"hieß", "heißt"}
            and index + 1 < end
            and self.tokens[index + 1].text == "es"
        ):
            return index, index + 2
        if (
            token.lower() in SPEECH_NOUNS
            and index + 2 < end
            and self.tokens[index + 1].text == ","
            and (
                self.tokens[index + 2].text.lower() in SUBORDINATORS
                or self.has_subjunctive(index + 2, end)
                or any(
                    self.tokens[i].text.lower() == "zu" or "zu" in self.tokens[i].text[2:-2]
                    for i in range(index + 2, end)
                    if self.tags[i] in {"PART", "VERB"}
                )
            )
        ):
            return index, index + 1
        return None

    def cue_lemma(self, index: int, end: int) -> str:
        """The lemma of a cue, with its separated particle: 'teilte … mit' → 'mitteilen'."""
        lemma = self.lemmas[index]
        particle = self.separated_particle(index, end)
        return SEPARABLE[(lemma, particle)] if particle is not None else lemma

    def separated_particle(self, index: int, end: int) -> str | None:
        """The particle of a split separable verb later in the clause: 'teilte … mit' → 'mit'."""
        lemma = self.lemmas[index]
        if lemma not in SEPARABLE_BASES:
            return None
        for later in range(index + 1, min(end, index + 12)):
            particle = self.tokens[later].text.lower()
            if particle in {",", ".", ":"}:
                return None
            if (lemma, particle) in SEPARABLE:
                return particle
        return None

    def has_cue(self, start: int, end: int) -> bool:
        return any(self.cue_at(i, start, end) for i in range(start, end) if not self.quoted[i])

    def has_subjunctive(self, start: int, end: int, *, reported_only: bool = False) -> bool:
        """Whether a verb outside quotes is in the Konjunktiv; `reported_only`: in a form that
        marks reported speech (not the Konjunktiv II of a condition or a reproach)."""
        for index in range(start, end):
            if self.quoted[index]:
                continue
            if not is_subjunctive(self.tokens[index].text, self.lemmas[index], self.tags[index]):
                continue
            if reported_only and self.tokens[index].text.lower() in KONJUNKTIV_II:
                continue
            nearby = {t.text.lower() for t in self.tokens[max(start, index - 3) : index + 2]}
            if "ich" in nearby:
                continue  # "ich habe", "halte ich": first person indicative, not Konjunktiv
            return True
        return False
