"""Facts: units of different articles that report the same thing, as the stored model has them.

The articles are cut into fact units (`compare/units.py`), the units aligned by meaning
(`compare/align.py`), and each group becomes a `Fact`: its members (unit and sentence spans,
role, speaker), the independent voices behind it, and the discrepancies among its members
(`compare/discrepancies.py`). `sentence_keys` is the older sentence-level key set, which the
clustering features share.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from newsprism.analyse.document import Document
from newsprism.cluster.features import compound_parts, name_key, number_value
from newsprism.compare.align import (
    CLOSEST_FLOOR,
    COVERING_ROLES,
    DIRECT,
    MAYBE,
    Alignment,
    StoryUnit,
)
from newsprism.compare.discrepancies import (
    Member,
    Value,
    fact_discrepancies,
    is_name,
    unit_values,
)
from newsprism.compare.units import UnitRole
from newsprism.model.article import Article
from newsprism.model.comparison import Closest, Fact, FactMember
from newsprism.model.spans import EntityLabel, QuoteKind, Span

CONTENT_TAGS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "X"})
_STOP_LEMMAS = frozenset(
    "sein haben werden sagen können müssen sollen wollen geben machen kommen gehen stehen "
    "the be have say".split()
)


@dataclass(frozen=True, slots=True)
class ComparedArticle:
    article: Article
    document: Document


def sentence_keys(document: Document, first: int, last: int) -> dict[str, float]:
    keys: defaultdict[str, float] = defaultdict(float)
    tokens = document.tokens
    lemmas = document.lemmas or [t.text.lower() for t in tokens]
    tags = document.tags or ["X"] * len(tokens)
    for index in range(first, last):
        word = tokens[index].text
        if word[:1].isdigit():
            following = tokens[index + 1].text if index + 1 < last else ""
            value = number_value(word.rstrip("."), following)
            if value:
                keys["#" + value] += 1
            continue
        lemma = lemmas[index].lower()
        if tags[index] not in CONTENT_TAGS or len(lemma) < 3 or lemma in _STOP_LEMMAS:
            continue
        keys[lemma] += 1
        for part in compound_parts(lemma):
            keys[part] += 0.5
    start, end = tokens[first].start, tokens[last - 1].end
    for entity in document.entities:
        if start <= entity.start and entity.end <= end:
            keys[name_key(entity.canonical or entity.text_of(document.text), entity.label)] += 1
    return dict(keys)


@dataclass(frozen=True, slots=True)
class StoryFacts:
    """The facts of a story, most widely reported first, and what omissions ask of them."""

    facts: tuple[Fact, ...]
    groups: tuple[tuple[int, ...], ...]  # per fact: its units (indexes into alignment.units)
    alignment: Alignment
    articles: tuple[ComparedArticle, ...]

    def closest(self, outlet: str, fact: int) -> tuple[Closest | None, bool]:
        """The unit of the outlet's articles that scores highest against the fact's members
        (None when nothing scores even `CLOSEST_FLOOR`), and whether the outlet may have the
        fact after all: that unit scores `MAYBE`, or a unit states a telling number of the
        fact ("zehn Prozent" of "Zehn statt fünfzehn Prozent": one of a measure, or a count
        of ten or more)."""
        units = self.alignment.units
        own = [
            n
            for n, unit in enumerate(units)
            if (self.articles[unit.article].article.outlet or "") == outlet
            and unit.unit.role in COVERING_ROLES
        ]
        members = list(self.groups[fact])
        if not own or not members:
            return None, False
        block = self.alignment.scores[np.ix_(own, members)].max(axis=1)
        best = int(block.argmax())
        score = float(block[best])
        # By value: "Zehn statt fünfzehn Prozent" reads "zehn" as a count, "um zehn Prozent" not.
        telling = {
            q.value for n in members for q in units[n].unit.numbers if q.unit or abs(q.value) >= 10
        }
        numbered = [n for n in own if any(q.value in telling for q in units[n].unit.numbers)]
        if not score >= MAYBE and numbered:  # also -inf and nan
            best = own.index(numbered[0])
            score = float(block[best])
        near = score >= MAYBE or bool(numbered)
        if not score >= CLOSEST_FLOOR and not numbered:
            return None, near
        unit = units[own[best]].unit
        return Closest(unit.article_id, unit.span, round(max(score, 0.0), 3)), near


def story_facts(
    articles: Sequence[ComparedArticle], alignment: Alignment, voice_of: Mapping[str, str]
) -> StoryFacts:
    """The alignment's groups as facts, each with its voices and discrepancies."""
    units = alignment.units
    memo: ValueMemo = {}
    built: list[tuple[tuple[int, ...], Fact]] = []
    for group in alignment.groups:
        ordered = tuple(sorted(group, key=lambda n: (units[n].article, units[n].unit.span.start)))
        members = tuple(_member(articles[units[n].article], units[n]) for n in ordered)
        voices = tuple(dict.fromkeys(voice_of.get(m.article_id, m.article_id) for m in members))
        discrepancies = (
            fact_discrepancies(
                [
                    _reading(number, articles[units[n].article], units[n], memo)
                    for number, n in enumerate(ordered)
                ],
                [
                    (a, b)
                    for a, b in itertools.combinations(range(len(ordered)), 2)
                    if alignment.scores[ordered[a], ordered[b]] >= DIRECT
                ],
            )
            if len(ordered) > 1
            else ()
        )
        built.append((ordered, Fact(members, voices, discrepancies)))
    built.sort(
        key=lambda item: (
            -len(item[1].voices),
            -len(item[1].outlets),
            units[item[0][0]].article,
            units[item[0][0]].unit.span.start,
        )
    )
    return StoryFacts(
        facts=tuple(fact for _, fact in built),
        groups=tuple(group for group, _ in built),
        alignment=alignment,
        articles=tuple(articles),
    )


def _member(item: ComparedArticle, unit: StoryUnit) -> FactMember:
    document = item.document
    first, last = document.sentence_bounds[unit.unit.sentence]
    return FactMember(
        article_id=item.article.id,
        outlet=item.article.outlet or "",
        span=unit.unit.span,
        sentence=Span(document.tokens[first].start, document.tokens[last - 1].end),
        role=unit.unit.role.value,
        speaker=_speaker(document, unit)[0],
    )


# Values a unit's words state, with spans from the unit's start: wire copies repeat units word
# for word, and reading values is the costly part of comparing members.
ValueMemo = dict[tuple[str, tuple[str, ...], str, date | None], tuple[Value, ...]]


def _reading(index: int, item: ComparedArticle, unit: StoryUnit, memo: ValueMemo) -> Member:
    document = item.document
    speaker, speaker_span = _speaker(document, unit)
    values: tuple[Value, ...] = ()
    if unit.unit.numbers or unit.unit.dates:  # read once already: none, nothing to find
        first, last = unit.unit.tokens
        published = item.article.published.date() if item.article.published else None
        offset = unit.unit.span.start
        key = (
            unit.unit.span.text_of(document.text),
            tuple(document.tags[first:last]),
            unit.language,
            published,
        )
        if key not in memo:
            memo[key] = tuple(
                replace(v, span=Span(v.span.start - offset, v.span.end - offset))
                for v in unit_values(document, first, last, unit.language, published)
            )
        values = tuple(
            replace(v, span=Span(v.span.start + offset, v.span.end + offset)) for v in memo[key]
        )
    return Member(
        index=index,
        values=values,
        speaker=speaker,
        speaker_span=speaker_span,
        language=unit.language,
    )


def _speaker(document: Document, unit: StoryUnit) -> tuple[str | None, Span | None]:
    """Who said a quote or reported speech, and where the unit names them: a person the
    analysis found in the article. When it gave a description or a noun instead ("die
    Verhandlungsführerin der Gewerkschaft …, Petra Lindner", "Anwohner"), the person named in
    the attribution, outside the quoted words; None when there is none."""
    found = unit.unit
    if found.role not in (UnitRole.QUOTE, UnitRole.REPORTED):
        return None, None
    inside = [
        e
        for e in document.entities
        if e.label is EntityLabel.PER and found.span.start <= e.start and e.end <= found.span.end
    ]
    people = {e.canonical for e in document.entities if e.label is EntityLabel.PER}
    if found.speaker and is_name(found.speaker) and found.speaker in people:
        key = name_key(found.speaker, EntityLabel.PER)
        named = [e for e in inside if name_key(e.canonical, EntityLabel.PER) == key]
        return found.speaker, Span(named[0].start, named[0].end) if named else found.span
    quoted = [q for q in document.quotes if q.kind is not QuoteKind.INDIRECT]
    outside = [
        e
        for e in inside
        if is_name(e.canonical) and not any(q.start <= e.start < q.end for q in quoted)
    ]
    if not outside:
        return None, None
    return outside[-1].canonical, Span(outside[-1].start, outside[-1].end)
