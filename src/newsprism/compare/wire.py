"""Wire copies: articles that reprint an agency text, and what each added, cut or changed.

An agency text is an article whose kind is `agency` (from the input's metadata or the framing's
dateline rule). Another article of the story copies it when most of its sentences (or most of
the agency's) match; sentences are compared after lower-casing and dropping punctuation, and a
sentence counts as changed when it matches an agency sentence closely but not exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from newsprism.compare.facts import ComparedArticle
from newsprism.model.article import ArticleKind
from newsprism.model.comparison import Framing, WireCopy
from newsprism.model.spans import Sentence

COPY_SHARE = 0.5  # share of sentences that must match for an article to be a copy
CHANGED = 0.6  # word-level similarity at which a sentence is an agency sentence, reworded
_NON_WORD = re.compile(r"\W+")


@dataclass(frozen=True, slots=True)
class _Sentences:
    """An article's sentences as words, and where each word occurs."""

    words: list[tuple[Sentence, list[str]]]
    where: dict[str, list[int]]  # word -> the sentences that have it
    lengths: np.ndarray


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
    if not agencies:
        return ()
    sentences = {id(item): _sentences(item) for item in articles}
    copies: list[WireCopy] = []
    for agency in agencies:
        for item in articles:
            if item is agency or item.article.outlet == agency.article.outlet:
                continue
            if (
                item.article.kind is ArticleKind.AGENCY
                and agency.article.kind is not ArticleKind.AGENCY
            ):
                continue  # a reprint keeping the agency's dateline is no source of the agency text
            copy = _compare(agency, sentences[id(agency)], item, sentences[id(item)])
            if copy is not None:
                copies.append(copy)
    return tuple(copies)


def _sentences(item: ComparedArticle) -> _Sentences:
    text = item.document.text
    words = [
        (sentence, _NON_WORD.sub(" ", sentence.text_of(text).lower()).split())
        for sentence in item.document.sentences
    ]
    where: dict[str, list[int]] = {}
    for number, (_, said) in enumerate(words):
        for word in dict.fromkeys(said):
            where.setdefault(word, []).append(number)
    return _Sentences(words, where, np.array([len(said) for _, said in words], dtype=float))


def _compare(
    agency: ComparedArticle, source: _Sentences, item: ComparedArticle, own: _Sentences
) -> WireCopy | None:
    if not own.words or not source.words:
        return None
    # What a pair of sentences can reach at most: a word shared counts once per occurrence in
    # the copy's sentence, so 2·shared/(a+b) bounds SequenceMatcher's ratio from above. Only
    # pairs that can reach CHANGED are compared word by word; for most articles of a story,
    # which copy nothing, that is no pair.
    shared = np.zeros((len(own.words), len(source.words)))
    for row, (_, words) in enumerate(own.words):
        for word in words:
            for number in source.where.get(word, ()):
                shared[row, number] += 1
    total = own.lengths[:, None] + source.lengths[None, :]
    bound = np.divide(2 * shared, total, out=np.ones_like(shared), where=total > 0)
    possible = bound >= CHANGED - 1e-9
    matchable = int(possible.any(axis=1).sum())
    if (
        matchable / len(own.words) < COPY_SHARE
        and min(matchable, len(source.words)) / len(source.words) < COPY_SHARE
    ):
        return None
    matched_source: set[int] = set()
    added: list[Sentence] = []
    changed: list[Sentence] = []
    # One matcher per agency sentence: SequenceMatcher caches what it learns of its second
    # sequence, and its cheap upper bounds skip most pairs before the full ratio is computed.
    matchers = [SequenceMatcher(None, (), words, autojunk=False) for _, words in source.words]
    identical: dict[tuple[str, ...], list[int]] = {}
    for number, (_, agency_words) in enumerate(source.words):
        identical.setdefault(tuple(agency_words), []).append(number)
    for row, (sentence, words) in enumerate(own.words):
        # A sentence the agency text has word for word: the first such one is what the full
        # search would choose (nothing beats a ratio of 1), without the search.
        same = [n for n in identical.get(tuple(words), ()) if n not in matched_source]
        if same:
            matched_source.add(same[0])
            continue
        best, best_ratio = -1, 0.0
        # Candidates below CHANGED could only be "best" of a sentence that is added anyway.
        for number in np.flatnonzero(possible[row]).tolist():
            if number in matched_source:
                continue
            # Word-level similarity: the same sentence, possibly reworded.
            matcher = matchers[number]
            matcher.set_seq1(words)
            floor = max(best_ratio, CHANGED - 1e-9)  # what a candidate must beat to matter
            if matcher.real_quick_ratio() <= floor or matcher.quick_ratio() <= floor:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = number, ratio
        if best >= 0 and best_ratio >= CHANGED:
            matched_source.add(best)
            if words != source.words[best][1]:
                changed.append(sentence)
        else:
            added.append(sentence)
    shared_count = len(matched_source)
    own_count, source_count = len(own.words), len(source.words)
    if shared_count / own_count < COPY_SHARE and shared_count / source_count < COPY_SHARE:
        return None
    cut = [s for number, (s, _) in enumerate(source.words) if number not in matched_source]
    return WireCopy(
        article_id=item.article.id,
        agency_article_id=agency.article.id,
        similarity=round(shared_count / max(own_count, source_count), 3),
        added=tuple(added),
        cut=tuple(cut),
        changed=tuple(changed),
    )
