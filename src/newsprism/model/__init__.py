"""Pure data: no I/O, no imports from the stages."""

from newsprism.model.article import Article, ArticleKind, ArticleSource
from newsprism.model.comparison import Comparison, Fact, FactMember, Framing, QuoteCell, WireCopy
from newsprism.model.reject import Reject
from newsprism.model.spans import Entity, EntityLabel, Quote, QuoteKind, Sentence, Span
from newsprism.model.story import Story
from newsprism.model.text import (
    content_id,
    has_words,
    normalise_field,
    normalise_text,
    printable,
    strip_unsafe,
)

__all__ = [
    "Article",
    "ArticleKind",
    "ArticleSource",
    "Comparison",
    "Entity",
    "EntityLabel",
    "Fact",
    "FactMember",
    "Framing",
    "Quote",
    "QuoteCell",
    "QuoteKind",
    "Reject",
    "Sentence",
    "Span",
    "Story",
    "WireCopy",
    "content_id",
    "has_words",
    "normalise_field",
    "normalise_text",
    "printable",
    "strip_unsafe",
]
