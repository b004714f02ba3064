"""How each outlet told one story. Filled by the compare stage; pure data here."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsprism.model.article import ArticleKind
from newsprism.model.spans import Span


@dataclass(frozen=True, slots=True)
class FactSentence:
    article_id: str
    outlet: str
    sentence: Span


@dataclass(frozen=True, slots=True)
class Fact:
    """Sentences from different articles that report the same thing."""

    sentences: tuple[FactSentence, ...]

    @property
    def outlets(self) -> frozenset[str]:
        return frozenset(s.outlet for s in self.sentences)


@dataclass(frozen=True, slots=True)
class QuoteCell:
    speaker: str
    outlet: str
    article_id: str
    quote: Span
    shortened: bool = False


@dataclass(frozen=True, slots=True)
class EvaluativeWord:
    span: Span
    polarity: float
    lexicon: str


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
class Comparison:
    story_id: str
    facts: tuple[Fact, ...] = ()
    unique: dict[str, tuple[int, ...]] = field(default_factory=dict)
    omissions: dict[str, tuple[int, ...]] = field(default_factory=dict)
    quotes: tuple[QuoteCell, ...] = ()
    entities: dict[str, frozenset[str]] = field(default_factory=dict)
    framing: tuple[Framing, ...] = ()
    wire: tuple[WireCopy, ...] = ()
