"""How each outlet told one story. Filled by the compare stage; pure data here.

`Comparison` is also the stored format (`to_json`/`from_json`, versioned): the writer stores it,
the web app, the reports and the terminal draw it. It holds offsets only, never text: a view
draws it with the story's articles, whose text is stored once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from newsprism.errors import StaleRecord
from newsprism.model.article import ArticleKind
from newsprism.model.spans import Span

# The stored format. Raise it whenever `to_json` changes shape: a record of another version is
# stale (`from_json` refuses it) and is compared afresh. Records without a "version" key are
# the display dicts stored before the format was typed.
COMPARISON_VERSION = 3  # 3: facts of clause units with voices and discrepancies


class OmissionStatus(StrEnum):
    """How sure "this outlet does not report that fact" is (docs/compare.md, "Omissions")."""

    LEFT_OUT = "left-out"  # most independent voices report it; nothing in the article is close
    NOT_FOUND = "not-found"  # not aligned, but something in the article is close, or a teaser


@dataclass(frozen=True, slots=True)
class FactMember:
    """One outlet's wording of a fact: a clause-level unit of one article."""

    article_id: str
    outlet: str
    span: Span  # the unit
    sentence: Span  # the sentence holding it (the columns are cut by sentences)
    role: str = "claim"  # claim | quote (direct speech) | reported (indirect speech)
    speaker: str | None = None  # who said it, for quotes and reported speech


@dataclass(frozen=True, slots=True)
class Stated:
    """Where a fact member states a value: `member` indexes the fact's members."""

    member: int
    span: Span


@dataclass(frozen=True, slots=True)
class DiscrepancyValue:
    """One of the values aligned units disagree on, and the members that give it. `value` is
    normalised ("112", "4200000 EUR", "tue", "T05:40", a canonical name), never article text."""

    value: str
    stated: tuple[Stated, ...]


@dataclass(frozen=True, slots=True)
class Discrepancy:
    field: str  # number | date | name
    values: tuple[DiscrepancyValue, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    """Units of different articles that report the same thing. `voices`: the independent
    voices behind it (an article, or the agency text that it and its copies reprint)."""

    members: tuple[FactMember, ...]
    voices: tuple[str, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()

    @property
    def outlets(self) -> frozenset[str]:
        return frozenset(m.outlet for m in self.members)

    @property
    def sentences(self) -> tuple[FactMember, ...]:
        """The members (each names its sentence), for callers that read a fact by sentences."""
        return self.members


@dataclass(frozen=True, slots=True)
class Closest:
    """The unit of an outlet's article that comes closest to a fact it was not aligned to."""

    article_id: str
    span: Span
    score: float


@dataclass(frozen=True, slots=True)
class Omission:
    fact: int  # number of the fact in `Comparison.facts`
    status: OmissionStatus
    closest: Closest | None = None


@dataclass(frozen=True, slots=True)
class QuoteCell:
    speaker: str
    outlet: str
    article_id: str
    quote: Span
    shortened: bool = False
    kind: str = "direct"  # direct | indirect | mixed: indirect speech is never shown in quotes


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One thing a speaker said, as each outlet carried it: a row of the quotes matrix."""

    speaker: str
    cells: tuple[QuoteCell, ...]

    @property
    def outlets(self) -> frozenset[str]:
        return frozenset(cell.outlet for cell in self.cells)


@dataclass(frozen=True, slots=True)
class EvaluativeWord:
    span: Span
    polarity: float
    lexicon: str  # the word list it comes from
    why: str = ""  # how it was read: the entry, a negation that turned it, an intensifier


@dataclass(frozen=True, slots=True)
class Framing:
    article_id: str
    kind: ArticleKind
    evidence: tuple[Span, ...] = ()
    evaluative: tuple[EvaluativeWord, ...] = ()
    tone: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WireCopy:
    article_id: str
    agency_article_id: str
    similarity: float
    added: tuple[Span, ...] = ()  # sentences of the copy the agency text does not have
    cut: tuple[Span, ...] = ()  # sentences of the agency text the copy leaves out
    changed: tuple[Span, ...] = ()  # sentences of the copy that reword an agency sentence


@dataclass(frozen=True, slots=True)
class DrawnComparison:
    """A comparison drawn as the story page shows it: the page's columns, fact table, quotes
    and framing as escaped HTML, drawn by the writer when the story changed, so that a reader
    serves it without parsing or drawing. `drawn_by` names the code and the display zone that
    drew it; a reader whose own differ draws afresh."""

    html: str
    drawn_by: str
    # HMAC of `html` under a key kept beside the database (present/web/drawing.py): a reader
    # sends only what a writer with that key drew, never HTML a database brought along.
    seal: str = ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """`sentences` holds each compared article's sentences as the comparison cut them: fact
    members name their sentence, so the columns are drawn from the same cut, whatever
    analysis the store holds for the article (or none). An article of the story that is not a
    key was left out of the comparison. `voices` maps each compared article to the voice it
    speaks with: the agency text it reprints, or itself."""

    story_id: str
    outlets: tuple[str, ...] = ()  # in the order of their first article
    sentences: dict[str, tuple[Span, ...]] = field(default_factory=dict)  # article id -> spans
    facts: tuple[Fact, ...] = ()  # most widely reported first
    unique: dict[str, tuple[int, ...]] = field(default_factory=dict)  # outlet -> fact numbers
    omissions: dict[str, tuple[Omission, ...]] = field(default_factory=dict)  # by outlet
    voices: dict[str, str] = field(default_factory=dict)  # article id -> voice (article id)
    quotes: tuple[QuoteRow, ...] = ()
    entities: dict[str, frozenset[str]] = field(default_factory=dict)  # outlet -> names
    framing: tuple[Framing, ...] = ()
    wire: tuple[WireCopy, ...] = ()

    def signals(self) -> dict[str, Any]:
        """What a stories list flags: facts on which outlets disagree, "left out" charges, and
        one speaker holding three quarters of four or more quotes (one side heard)."""
        left_out = sum(
            1 for found in self.omissions.values() for o in found if o.status.value == "left-out"
        )
        said = [row.speaker for row in self.quotes for _ in row.cells]
        top = max(sorted(set(said)), key=said.count) if said else None
        one_speaker = (
            top
            if top is not None and len(said) >= 4 and said.count(top) >= 0.75 * len(said)
            else None
        )
        return {
            "discrepancies": sum(1 for fact in self.facts if fact.discrepancies),
            "left_out": left_out,
            "one_speaker": one_speaker,
        }

    def to_json(self) -> dict[str, Any]:
        """The stored form: JSON types only, spans as [start, end]."""
        return {
            "version": COMPARISON_VERSION,
            "story_id": self.story_id,
            "outlets": list(self.outlets),
            "sentences": {key: _spans(spans) for key, spans in self.sentences.items()},
            "facts": [_fact_json(fact) for fact in self.facts],
            "unique": {outlet: list(numbers) for outlet, numbers in self.unique.items()},
            "omissions": {
                outlet: [_omission_json(omission) for omission in found]
                for outlet, found in self.omissions.items()
            },
            "voices": dict(self.voices),
            "quotes": [
                {
                    "speaker": row.speaker,
                    "cells": [
                        {
                            "outlet": cell.outlet,
                            "article_id": cell.article_id,
                            "quote": _span(cell.quote),
                            "shortened": cell.shortened,
                            "kind": cell.kind,
                        }
                        for cell in row.cells
                    ],
                }
                for row in self.quotes
            ],
            "entities": {outlet: sorted(names) for outlet, names in self.entities.items()},
            "framing": [
                {
                    "article_id": frame.article_id,
                    "kind": frame.kind.value,
                    "evidence": _spans(frame.evidence),
                    "evaluative": [
                        {
                            "span": _span(w.span),
                            "polarity": w.polarity,
                            "lexicon": w.lexicon,
                            "why": w.why,
                        }
                        for w in frame.evaluative
                    ],
                    "tone": dict(frame.tone),
                }
                for frame in self.framing
            ],
            "wire": [
                {
                    "article_id": copy.article_id,
                    "agency_article_id": copy.agency_article_id,
                    "similarity": copy.similarity,
                    "added": _spans(copy.added),
                    "cut": _spans(copy.cut),
                    "changed": _spans(copy.changed),
                }
                for copy in self.wire
            ],
        }

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> Comparison:
        """The comparison `to_json` stored. Raises `StaleRecord` for a record of another
        version (or none) and for one that does not parse: the caller compares afresh."""
        version = record.get("version") if isinstance(record, Mapping) else None
        if version != COMPARISON_VERSION:
            raise StaleRecord(
                "comparison", f"format version {version!r}, this release reads {COMPARISON_VERSION}"
            )
        try:
            return cls._parse(record)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise StaleRecord("comparison", f"{type(error).__name__}: {error}") from error

    @classmethod
    def _parse(cls, record: Mapping[str, Any]) -> Comparison:
        return cls(
            story_id=str(record["story_id"]),
            outlets=tuple(str(o) for o in record["outlets"]),
            sentences={str(k): _read_spans(v) for k, v in record["sentences"].items()},
            facts=tuple(_read_fact(fact) for fact in record["facts"]),
            unique=_numbers(record["unique"]),
            omissions={
                str(outlet): tuple(_read_omission(o) for o in found)
                for outlet, found in record["omissions"].items()
            },
            voices={str(k): str(v) for k, v in record["voices"].items()},
            quotes=tuple(
                QuoteRow(
                    str(row["speaker"]),
                    tuple(
                        QuoteCell(
                            speaker=str(row["speaker"]),
                            outlet=str(cell["outlet"]),
                            article_id=str(cell["article_id"]),
                            quote=_read_span(cell["quote"]),
                            shortened=bool(cell["shortened"]),
                            kind=str(cell["kind"]),
                        )
                        for cell in row["cells"]
                    ),
                )
                for row in record["quotes"]
            ),
            entities={
                str(outlet): frozenset(str(n) for n in names)
                for outlet, names in record["entities"].items()
            },
            framing=tuple(
                Framing(
                    article_id=str(frame["article_id"]),
                    kind=ArticleKind(frame["kind"]),
                    evidence=_read_spans(frame["evidence"]),
                    evaluative=tuple(
                        EvaluativeWord(
                            _read_span(w["span"]),
                            float(w["polarity"]),
                            str(w["lexicon"]),
                            str(w.get("why", "")),
                        )
                        for w in frame["evaluative"]
                    ),
                    tone={str(k): float(v) for k, v in frame["tone"].items()},
                )
                for frame in record["framing"]
            ),
            wire=tuple(
                WireCopy(
                    article_id=str(copy["article_id"]),
                    agency_article_id=str(copy["agency_article_id"]),
                    similarity=float(copy["similarity"]),
                    added=_read_spans(copy["added"]),
                    cut=_read_spans(copy["cut"]),
                    changed=_read_spans(copy["changed"]),
                )
                for copy in record["wire"]
            ),
        )


def _span(span: Span) -> list[int]:
    return [span.start, span.end]


def _spans(spans: Sequence[Span]) -> list[list[int]]:
    return [[span.start, span.end] for span in spans]


def _read_span(pair: Sequence[Any]) -> Span:
    start, end = pair
    # Plain spans whatever the compare stage held (sentences, quotes): offsets are all a view uses.
    return Span(int(start), int(end))


def _read_spans(pairs: Sequence[Sequence[Any]]) -> tuple[Span, ...]:
    return tuple(_read_span(pair) for pair in pairs)


def _numbers(record: Mapping[str, Sequence[Any]]) -> dict[str, tuple[int, ...]]:
    return {str(outlet): tuple(int(n) for n in numbers) for outlet, numbers in record.items()}


def _fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "members": [
            {
                "article_id": m.article_id,
                "outlet": m.outlet,
                "span": _span(m.span),
                "sentence": _span(m.sentence),
                "role": m.role,
                "speaker": m.speaker,
            }
            for m in fact.members
        ],
        "voices": list(fact.voices),
        "discrepancies": [
            {
                "field": d.field,
                "values": [
                    {
                        "value": v.value,
                        "stated": [[s.member, *_span(s.span)] for s in v.stated],
                    }
                    for v in d.values
                ],
            }
            for d in fact.discrepancies
        ],
    }


def _read_fact(record: Mapping[str, Any]) -> Fact:
    members = tuple(
        FactMember(
            article_id=str(m["article_id"]),
            outlet=str(m["outlet"]),
            span=_read_span(m["span"]),
            sentence=_read_span(m["sentence"]),
            role=str(m["role"]),
            speaker=None if m["speaker"] is None else str(m["speaker"]),
        )
        for m in record["members"]
    )
    discrepancies = tuple(
        Discrepancy(
            str(d["field"]),
            tuple(
                DiscrepancyValue(
                    str(v["value"]),
                    tuple(
                        Stated(int(member), Span(int(start), int(end)))
                        for member, start, end in v["stated"]
                    ),
                )
                for v in d["values"]
            ),
        )
        for d in record["discrepancies"]
    )
    if any(s.member >= len(members) for d in discrepancies for v in d.values for s in v.stated):
        raise ValueError("a discrepancy names a member the fact does not have")
    return Fact(members, tuple(str(v) for v in record["voices"]), discrepancies)


def _omission_json(omission: Omission) -> dict[str, Any]:
    closest = omission.closest
    return {
        "fact": omission.fact,
        "status": omission.status.value,
        "closest": None
        if closest is None
        else {
            "article_id": closest.article_id,
            "span": _span(closest.span),
            "score": closest.score,
        },
    }


def _read_omission(record: Mapping[str, Any]) -> Omission:
    found = record["closest"]
    closest = (
        None
        if found is None
        else Closest(str(found["article_id"]), _read_span(found["span"]), float(found["score"]))
    )
    return Omission(int(record["fact"]), OmissionStatus(record["status"]), closest)
