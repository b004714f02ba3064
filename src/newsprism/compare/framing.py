"""Framing of one article, with the spans that show it: kind, evaluative words, tone to actors.

The kind is the article's own (declared by its source, or decided at ingest and stored), else
decided here by `analyse/kind.py` from evidence a reader can check. Evaluative words and tone:
`compare/evaluative.py`.
"""

from __future__ import annotations

from newsprism.analyse.document import Document
from newsprism.analyse.kind import decide_kind, quoted_mask
from newsprism.compare.evaluative import actor_tone, evaluative_words
from newsprism.model.article import Article, ArticleKind
from newsprism.model.comparison import Framing


def frame_article(article: Article, document: Document) -> Framing:
    """The article's kind (as declared or stored, else decided now from its text) with the
    evidence for it, its evaluative words outside quotes, and its tone towards actors."""
    evaluative = evaluative_words(document, quoted_mask(document))
    decision = decide_kind(document, article.title, article.url)
    kind = decision.kind if article.kind is ArticleKind.UNKNOWN else article.kind
    shown = {span for cue, span in decision.evidence.cues if span.end > span.start}
    shown.update(word.span for word in evaluative)
    return Framing(
        article_id=article.id,
        kind=kind,
        evidence=tuple(sorted(shown, key=lambda span: (span.start, span.end))),
        evaluative=tuple(evaluative),
        tone=actor_tone(document, evaluative),
    )
