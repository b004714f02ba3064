"""Compare the articles of one story: analysis, shared names, then each concern in its module.

Facts need sentence vectors: with a store they come from its cache (`encode_cached`), without
one (`newsprism compare`, eval) they are encoded afresh; either way they pass through the
cache's float16 rounding, so that a story compares the same with and without a store.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsprism.analyse.annotate import analyse_articles
from newsprism.analyse.canonical import unify_across
from newsprism.analyse.document import Document
from newsprism.analyse.encoder import TextEncoder, VectorCache, default_encoder, encode_cached
from newsprism.compare.align import ALIGN, Encode, align, kept_apart, story_units
from newsprism.compare.coverage import omissions, unique_facts, voices
from newsprism.compare.facts import ComparedArticle, story_facts
from newsprism.compare.framing import frame_article
from newsprism.compare.quotes import quote_rows
from newsprism.compare.units import fact_units
from newsprism.compare.wire import wire_copies
from newsprism.errors import StageFailed
from newsprism.model.article import Article
from newsprism.model.comparison import Comparison, QuoteRow
from newsprism.model.edits import Corrections, corrected_quotes
from newsprism.model.spans import EntityLabel, Span

SHOWN_LABELS = (EntityLabel.PER, EntityLabel.ORG, EntityLabel.LOC)


@dataclass(frozen=True, slots=True)
class StoryComparison:
    """The Comparison (what is stored and drawn) plus the analysed articles it was made from,
    which only the compare stage's callers (eval, tests) look into."""

    comparison: Comparison
    articles: tuple[ComparedArticle, ...]
    failed: tuple[StageFailed, ...] = ()  # articles left out because comparing them failed

    @property
    def quote_rows(self) -> tuple[QuoteRow, ...]:
        return self.comparison.quotes

    @property
    def outlets(self) -> tuple[str, ...]:
        return self.comparison.outlets


def compare_articles(
    articles: Sequence[Article],
    story_id: str = "",
    majority: float = 0.5,
    *,
    store: VectorCache | None = None,
    encoder: TextEncoder | None = None,
    threshold: float = ALIGN,
    corrections: Corrections | None = None,
) -> StoryComparison:
    """The comparison of these articles. An article on which a comparison step fails is left
    out and listed in `failed` (its `subject` is the article id); the others are compared.
    Raises `StageFailed` only when the failure lies in no single article.

    store: where sentence vectors are cached (None: encode without a cache); encoder: the
    sentence encoder (default: the process's USE multilingual); threshold: the score at which
    two units report one fact (the calibrated `ALIGN`; other values are for evaluation);
    corrections: what a user corrected (speakers, clauses kept apart from their facts)."""
    encode = _encoding(store, encoder)
    corrections = corrections or Corrections()
    try:
        return _compare(articles, story_id, majority, encode, threshold, corrections)
    except Exception as error:  # find the articles that break it; the story must still show
        failed: list[StageFailed] = []
        kept: list[Article] = []
        for article in articles:
            try:
                _compare([article], story_id, majority, encode, threshold, corrections)
            except Exception as alone:
                failed.append(StageFailed("compare", article.id, alone))
            else:
                kept.append(article)
        if not failed:
            raise StageFailed("compare", story_id or "story", error) from error
        result = _compare(kept, story_id, majority, encode, threshold, corrections)
        return replace(result, failed=tuple(failed))


def _encoding(store: VectorCache | None, encoder: TextEncoder | None) -> Encode:
    if store is not None:
        return lambda texts: encode_cached(store, texts, encoder)

    def encode(texts: Sequence[str]) -> np.ndarray:
        chosen = encoder or default_encoder()
        # The cache keeps float16; rounding here too keeps a comparison the same either way.
        rows = chosen.encode([text[: chosen.max_chars] for text in texts])
        rows = rows.astype(np.float16).astype(np.float32)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1.0, norms)

    return encode


def _compare(
    articles: Sequence[Article],
    story_id: str,
    majority: float,
    encode: Encode,
    threshold: float,
    corrections: Corrections,
) -> StoryComparison:
    analysed = analyse_articles(articles)
    documents = [document for document, _ in analysed]
    for article, document in zip(articles, documents, strict=True):
        speakers = corrections.speakers.get(article.id)
        if speakers:  # the user's corrections, on top of what analysis found
            document.quotes = list(corrected_quotes(document.quotes, speakers))
    unify_across(documents)  # one name per person across the story
    items = tuple(ComparedArticle(a, d) for a, d in zip(articles, documents, strict=True))
    outlets = tuple(dict.fromkeys(a.outlet or "" for a in articles))
    framing = tuple(frame_article(item.article, item.document) for item in items)
    wire = wire_copies(items, framing)
    voice_of = voices(articles, wire)
    units = story_units(
        [(item.article, item.document, fact_units(item.article, item.document)) for item in items]
    )
    texts = [unit.unit.text_of(items[unit.article].article.text) for unit in units]
    sentences = [_sentence_text(items[unit.article].document, unit.unit.sentence) for unit in units]
    aligned = align(units, texts, sentences, encode, threshold)
    alignment = kept_apart(aligned, corrections.apart)  # the user's "not this fact"
    found = story_facts(items, alignment, voice_of)
    facts = found.facts
    rows = tuple(quote_rows(items))
    comparison = Comparison(
        story_id=story_id,
        outlets=outlets,
        sentences={
            item.article.id: tuple(Span(s.start, s.end) for s in item.document.sentences)
            for item in items
        },
        facts=facts,
        unique=unique_facts(facts, outlets),
        omissions=omissions(facts, articles, voice_of, found.closest, majority),
        voices=voice_of,
        quotes=rows,
        entities=_named_by_outlet(items),
        framing=framing,
        wire=wire,
    )
    return StoryComparison(comparison, items)


def _named_by_outlet(items: Sequence[ComparedArticle]) -> dict[str, frozenset[str]]:
    """The people, organisations and places each outlet names. What a page says an outlet
    "leaves out" follows from it, so a name counts as named wherever its text stands in the
    outlet's articles, also where the tagger missed it there ("Kiels Innenstadt", "die
    CDU-Fraktion", a German name in an English article)."""
    named: dict[str, set[str]] = defaultdict(set)
    texts: dict[str, list[str]] = defaultdict(list)
    for item in items:
        outlet = item.article.outlet or ""
        texts[outlet].append(item.article.text)
        for entity in item.document.entities:
            if entity.label in SHOWN_LABELS and len(entity.canonical.split()) <= _LONGEST_NAME:
                named[outlet].add(entity.canonical)
    everyone = set().union(*named.values()) if named else set()
    for outlet, own in texts.items():
        for name in everyone - named[outlet]:
            if any(_mentions(text, name) for text in own):
                named[outlet].add(name)
    return {outlet: frozenset(names) for outlet, names in named.items()}


# A "name" of more words is a tagging error (a clause tagged as one entity), not a name.
_LONGEST_NAME = 5


def _mentions(text: str, name: str) -> bool:
    """Whether the text names it: its last word (a surname, "Lütjenwerder" of "Insel
    Lütjenwerder"), as a word, with a genitive s or as the head of a compound ("Kiels",
    "CDU-Fraktion")."""
    last = name.split()[-1] if name.split() else ""
    if len(last) < 3:
        return False
    return re.search(rf"(?<!\w){re.escape(last)}(?:e?s\b|\b|-)", text) is not None


def _sentence_text(document: Document, sentence: int) -> str:
    first, last = document.sentence_bounds[sentence]
    return document.text[document.tokens[first].start : document.tokens[last - 1].end]
