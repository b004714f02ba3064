"""Compare the articles of one story: analysis, shared names, then each concern in its module."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsprism.analyse.annotate import analyse_articles
from newsprism.analyse.canonical import unify_across
from newsprism.compare.coverage import omissions, unique_facts
from newsprism.compare.facts import ComparedArticle, align_facts
from newsprism.compare.framing import frame_article
from newsprism.compare.quotes import QuoteRow, quote_rows
from newsprism.compare.wire import wire_copies
from newsprism.errors import StageFailed
from newsprism.model.article import Article
from newsprism.model.comparison import Comparison
from newsprism.model.spans import EntityLabel

SHOWN_LABELS = (EntityLabel.PER, EntityLabel.ORG, EntityLabel.LOC)


@dataclass(frozen=True, slots=True)
class StoryComparison:
    """The Comparison plus what the views need to show it: the articles and quote rows."""

    comparison: Comparison
    articles: tuple[ComparedArticle, ...]
    quote_rows: tuple[QuoteRow, ...]
    outlets: tuple[str, ...]
    failed: tuple[StageFailed, ...] = ()  # articles left out because comparing them failed


def compare_articles(
    articles: Sequence[Article], story_id: str = "", majority: float = 0.5, threshold: float = 0.3
) -> StoryComparison:
    """The comparison of these articles. An article on which a comparison step fails is left
    out and listed in `failed` (its `subject` is the article id); the others are compared.
    Raises `StageFailed` only when the failure lies in no single article."""
    try:
        return _compare(articles, story_id, majority, threshold)
    except Exception as error:  # find the articles that break it; the story must still show
        failed: list[StageFailed] = []
        kept: list[Article] = []
        for article in articles:
            try:
                _compare([article], story_id, majority, threshold)
            except Exception as alone:
                failed.append(StageFailed("compare", article.id, alone))
            else:
                kept.append(article)
        if not failed:
            raise StageFailed("compare", story_id or "story", error) from error
        result = _compare(kept, story_id, majority, threshold)
        return replace(result, failed=tuple(failed))


def _compare(
    articles: Sequence[Article], story_id: str, majority: float, threshold: float
) -> StoryComparison:
    analysed = analyse_articles(articles)
    documents = [document for document, _ in analysed]
    unify_across(documents)  # one name per person across the story
    items = tuple(ComparedArticle(a, d) for a, d in zip(articles, documents, strict=True))
    outlets = tuple(dict.fromkeys(a.outlet or "" for a in articles))
    facts = align_facts(items, threshold)
    rows = tuple(quote_rows(items))
    entities: dict[str, set[str]] = defaultdict(set)
    for item in items:
        for entity in item.document.entities:
            if entity.label in SHOWN_LABELS:
                entities[item.article.outlet or ""].add(entity.canonical)
    framing = tuple(frame_article(item.article, item.document) for item in items)
    # A paywall teaser shows the start of an article: what it lacks is not held against it.
    teasers_only = {
        outlet
        for outlet in outlets
        if all(a.teaser for a in articles if (a.outlet or "") == outlet)
    }
    left_out = {
        outlet: () if outlet in teasers_only else facts_left_out
        for outlet, facts_left_out in omissions(facts, outlets, majority).items()
    }
    comparison = Comparison(
        story_id=story_id,
        facts=tuple(facts),
        unique=unique_facts(facts, outlets),
        omissions=left_out,
        quotes=tuple(cell for row in rows for cell in row.cells),
        entities={outlet: frozenset(names) for outlet, names in entities.items()},
        framing=framing,
        wire=wire_copies(items, framing),
    )
    return StoryComparison(comparison, items, rows, outlets)
