"""What analysis found in one article: offset spans into its text, stored beside it."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsprism.model.article import ArticleKind
from newsprism.model.spans import Entity, Quote, Sentence


@dataclass(frozen=True, slots=True)
class Annotations:
    article_id: str
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    analysed_with: tuple[str, ...] = field(default=())  # the stages that ran
    # The kind analysis decided from the text (analyse/kind.py) and on what ("label",
    # "structure", "voice"); the article's stored kind unless its source declared one.
    kind: ArticleKind | None = None
    kind_basis: str | None = None
    version: str | None = None  # what analysed it (analyse.annotate.analysis_version)
