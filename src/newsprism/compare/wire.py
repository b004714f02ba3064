"""Wire copies: articles that reprint an agency text, and what each added, cut or changed.

An agency text is an article whose kind is `agency` (from the input's metadata or the framing's
dateline rule). Another article of the story copies it when most of its sentences (or most of
the agency's) match; sentences are compared after lower-casing and dropping punctuation, and a
sentence counts as changed when it matches an agency sentence closely but not exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from newsprism.compare.facts import ComparedArticle
from newsprism.model.article import ArticleKind
from newsprism.model.comparison import Framing, WireCopy
from newsprism.model.spans import Sentence

COPY_SHARE = 0.5  # share of sentences that must match for an article to be a copy
CHANGED = 0.6  # word-level similarity at which a sentence is an agency sentence, reworded
_NON_WORD = re.compile(r"\W+")


def wire_copies(
    articles: Sequence[ComparedArticle], framing: Sequence[Framing]
) -> tuple[WireCopy, ...]:
    kinds = {f.article_id: f.kind for f in framing}
    agencies = [
        item
        for item in articles
        if item.article.kind is ArticleKind.AGENCY
        or kinds.get(item.article.id) is ArticleKind.AGENCY
    ]
    copies: list[WireCopy] = []
    for agency in agencies:
        source = _sentences(agency)
        for item in articles:
            if item is agency or item.article.outlet == agency.article.outlet:
                continue
            copy = _compare(agency, source, item)
            if copy is not None:
                copies.append(copy)
    return tuple(copies)


def _sentences(item: ComparedArticle) -> list[tuple[Sentence, list[str]]]:
    text = item.document.text
    return [
        (sentence, _NON_WORD.sub(" ", sentence.text_of(text).lower()).split())
        for sentence in item.document.sentences
    ]


def _compare(
    agency: ComparedArticle, source: list[tuple[Sentence, list[str]]], item: ComparedArticle
) -> WireCopy | None:
    own = _sentences(item)
    if not own or not source:
        return None
    matched_source: set[int] = set()
    added: list[Sentence] = []
    changed: list[Sentence] = []
    for sentence, words in own:
        best, best_ratio = -1, 0.0
        for number, (_, agency_words) in enumerate(source):
            if number in matched_source:
                continue
            # Word-level similarity: the same sentence, possibly reworded.
            ratio = SequenceMatcher(None, words, agency_words, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = number, ratio
        if best >= 0 and best_ratio >= CHANGED:
            matched_source.add(best)
            if words != source[best][1]:
                changed.append(sentence)
        else:
            added.append(sentence)
    shared = len(matched_source)
    if shared / len(own) < COPY_SHARE and shared / len(source) < COPY_SHARE:
        return None
    cut = [sentence for number, (sentence, _) in enumerate(source) if number not in matched_source]
    return WireCopy(
        article_id=item.article.id,
        agency_article_id=agency.article.id,
        similarity=round(shared / max(len(own), len(source)), 3),
        added=tuple(added),
        cut=tuple(cut),
        changed=tuple(changed),
    )
