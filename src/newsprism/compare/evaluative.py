"""Evaluative language in an outlet's own voice, each mark with its span, polarity and why.

Where a word list alone goes wrong, and what this does instead:
- sense: the lexicon's verbs and nouns name actions and topics in news ("kündigte … an",
  "Klinikum", "verletzt"), so single words count only as adjectives and adverbs, and nouns only
  where a part of them judges ("Panikmache") — `analyse/subjectivity.evaluative_stem`;
- names: a word inside a named entity ("Allianz Arena", "Europäische Union") is a name;
- negation and degree: "nicht gut" turns the polarity, "völlig unverständlich" strengthens it;
- loaded words and idioms the lexicon lacks ("durchpeitschen", "auf die lange Bank", "ein
  Schlag ins Gesicht", "Schön wär's"): our own list, `data/loaded-de.tsv`;
- scare quotes: a word or two set apart in quotation marks that nobody is said to have said.
Words inside quotes and reported speech are what others said and are never the outlet's.
Tone towards an actor counts only the marks in the same clause as the actor's name.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from newsprism.analyse import subjectivity
from newsprism.analyse.document import Document
from newsprism.model.comparison import EvaluativeWord
from newsprism.model.spans import EntityLabel, Span

LEXICON_NAME = "textblob-de polarity (Klenner et al. 2010)"
LOADED_NAME = "newsprism loaded words and idioms"
NEGATIONS = frozenset(
    "nicht kein keine keinen keinem keiner keines nie niemals kaum not never no".split()
)
NEGATION_WINDOW = 3  # words before the evaluative word where a negation turns it
INTENSIFY = 1.5
SCARE_QUOTE_POLARITY = -0.5
# Tokens that close a clause for the tone's scope (a comma also ends an apposition; close enough)
_CLAUSE_ENDS = frozenset({",", ";", ":", "–", "—", "(", ")", "?", "!", "."})


@dataclass(frozen=True, slots=True)
class LoadedExpression:
    words: tuple[str, ...]
    polarity: float
    kind: str


@functools.cache
def loaded_expressions() -> dict[str, list[LoadedExpression]]:
    """Our list, by first word, longest expressions first."""
    path = resources.files("newsprism.compare") / "data" / "loaded-de.tsv"
    found: dict[str, list[LoadedExpression]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        expression, polarity, kind = line.split("\t")
        words = tuple(expression.split())
        found[words[0]].append(LoadedExpression(words, float(polarity), kind))
    for entries in found.values():
        entries.sort(key=lambda entry: -len(entry.words))
    return dict(found)


def evaluative_words(document: Document, quoted: list[bool]) -> list[EvaluativeWord]:
    """Every evaluative mark of the outlet's own voice, in text order."""
    tokens = document.tokens
    words = [token.text.lower() for token in tokens]
    lemmas = [lemma.lower() for lemma in (document.lemmas or words)]
    in_name = document.covered(document.entities)
    lexicon = subjectivity.polarity_lexicon()
    loaded = loaded_expressions()
    marks: list[EvaluativeWord] = []
    index = 0
    while index < len(tokens):
        if quoted[index] or in_name[index]:
            index += 1
            continue
        expression = _loaded_at(words, lemmas, index, loaded)
        if expression is not None:
            last = index + len(expression.words) - 1
            span = Span(tokens[index].start, tokens[last].end)
            marks.append(
                _adjusted(
                    document,
                    index,
                    span,
                    expression.polarity,
                    LOADED_NAME,
                    f"loaded: {expression.kind}",
                )
            )
            index = last + 1
            continue
        stem = subjectivity.evaluative_stem(tokens, index, lexicon)
        if stem is not None:
            why = (
                f"judging part “{stem.stem}”"
                if stem.pejorative_part
                else f"“{stem.stem}” in the lexicon"
            )
            span = Span(tokens[index].start, tokens[index].end)
            marks.append(_adjusted(document, index, span, stem.polarity, LEXICON_NAME, why))
        index += 1
    marks.extend(_scare_quotes(document, quoted))
    return sorted(marks, key=lambda mark: mark.span.start)


def actor_tone(document: Document, marks: list[EvaluativeWord]) -> dict[str, float]:
    """Mean polarity of the marks in the same clause as each person or organisation named."""
    clause_of = _clauses(document)
    by_clause: dict[int, list[float]] = defaultdict(list)
    for mark in marks:
        by_clause[clause_of[document.token_at(mark.span.start)]].append(mark.polarity)
    tone: dict[str, list[float]] = defaultdict(list)
    for entity in document.entities:
        if entity.label in (EntityLabel.PER, EntityLabel.ORG):
            tone[entity.canonical].extend(
                by_clause.get(clause_of[document.token_at(entity.start)], ())
            )
    return {name: round(sum(values) / len(values), 3) for name, values in tone.items() if values}


def _loaded_at(
    words: list[str], lemmas: list[str], index: int, loaded: dict[str, list[LoadedExpression]]
) -> LoadedExpression | None:
    for key in {words[index], lemmas[index]}:
        for expression in loaded.get(key, ()):
            size = len(expression.words)
            if index + size <= len(words) and all(
                expected in (words[index + offset], lemmas[index + offset])
                for offset, expected in enumerate(expression.words)
            ):
                return expression
    return None


def _adjusted(
    document: Document, index: int, span: Span, polarity: float, source: str, why: str
) -> EvaluativeWord:
    """Negation in the words before turns the polarity; an intensifier just before
    strengthens it (to at most 1)."""
    tokens = document.tokens
    reasons = [why]
    for before in range(index - 1, max(index - 1 - NEGATION_WINDOW, -1), -1):
        word = tokens[before].text.lower()
        if word in _CLAUSE_ENDS:
            break
        if word in NEGATIONS:
            polarity = -polarity
            reasons.append(f"turned by “{tokens[before].text}”")
            break
    if index and tokens[index - 1].text.lower() in subjectivity.INTENSIFIERS:
        polarity = max(-1.0, min(1.0, polarity * INTENSIFY))
        reasons.append(f"strengthened by “{tokens[index - 1].text}”")
    return EvaluativeWord(span, round(polarity, 2), source, "; ".join(reasons))


def _scare_quotes(document: Document, quoted: list[bool]) -> list[EvaluativeWord]:
    """Quotation marks around a word or two that nobody is said to have said: the subjectivity
    scorer's scare-quote cue, per sentence, outside the quotes analysis found."""
    marks: list[EvaluativeWord] = []
    text = document.text
    for first, last in document.sentence_bounds:
        if any(quoted[first:last]):
            continue  # a sentence with someone's words in it: marks there are theirs
        start, end = document.tokens[first].start, document.tokens[last - 1].end
        scored = subjectivity.sentence_subjectivity(text[start:end], document.language or "de")
        for cue in scored.cues:
            if cue.kind is subjectivity.CueKind.SCARE_QUOTES:
                span = Span(start + cue.span.start, start + cue.span.end)
                why = (
                    "“sogenannt”: distance from the word that follows"
                    if text[span.start].isalpha()
                    else "scare quotes: set apart, said by nobody named"
                )
                marks.append(EvaluativeWord(span, SCARE_QUOTE_POLARITY, LOADED_NAME, why))
    return marks


def _clauses(document: Document) -> list[int]:
    """A clause number per token: clauses end at punctuation and at sentence ends."""
    clause_of = [0] * len(document.tokens)
    clause = 0
    for first, last in document.sentence_bounds:
        clause += 1
        for index in range(first, last):
            clause_of[index] = clause
            if document.tokens[index].text in _CLAUSE_ENDS:
                clause += 1
    return clause_of
