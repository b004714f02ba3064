"""Comparisons computed by the writer when a story changes, so that readers need not analyse.

`ingest` and `watch` call `refresh_comparisons` with the stories a run touched; readers (the web
app, `story`, `demo`) take a stored comparison while its `articles` key matches the story's
articles and it is in the stored format this release reads (`current_comparison`), and compare
afresh otherwise (a story that grew since, or a record an older release wrote).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from newsprism.errors import NotFound, StageFailed
from newsprism.model.article import Article
from newsprism.model.comparison import Comparison, DrawnComparison
from newsprism.model.edits import Corrections
from newsprism.store.base import Store

if TYPE_CHECKING:
    from newsprism.compare.story import StoryComparison

log = logging.getLogger("newsprism.compare")

# Draws a comparison as the story page shows it (present/web/drawing.py): handed down by the
# command that runs the writer, since comparing knows nothing of pages.
ComparisonDrawer = Callable[[Comparison, Sequence[Article]], DrawnComparison]


def comparison_key(articles: Sequence[Article], corrections: Corrections | None = None) -> str:
    """Which version of a story a comparison describes: its article ids, and what a user
    corrected in them (a correction makes a stored comparison stale)."""
    key = ",".join(sorted(article.id for article in articles))
    if corrections:
        key += "|" + hashlib.sha1(corrections.digest_source().encode()).hexdigest()[:12]
    return key


def story_key(store: Store, articles: Sequence[Article]) -> str:
    """`comparison_key` with the store's corrections of these articles."""
    return comparison_key(articles, store.corrections([a.id for a in articles]))


def current_comparison(
    store: Store, story_id: str, articles: Sequence[Article]
) -> Comparison | None:
    """The writer's comparison of this version of the story (these articles), if it stored one
    that this release reads; None means: compare afresh."""
    stored = store.stored_comparison(story_id)
    if stored is None or stored[0] != story_key(store, articles):
        return None
    return stored[1]


def compare_stored(store: Store, articles: Sequence[Article], story_id: str) -> StoryComparison:
    """Compare a stored story's articles now: the sentence vectors the store caches, and what
    its user corrected (speakers, clauses kept apart) on top of what analysis found."""
    # start-up time: readers take stored comparisons through this module and should not load
    # the analysis, the encoder and scipy that comparing needs
    from newsprism.compare.story import compare_articles

    corrections = store.corrections([a.id for a in articles])
    return compare_articles(articles, story_id, store=store, corrections=corrections)


def refresh_comparisons(
    store: Store, story_ids: Iterable[str], draw: ComparisonDrawer | None = None
) -> list[StageFailed]:
    """Compare each story (once, under its current id) and store it, drawn with `draw` when
    given. What failed: articles left out of their story's comparison (`subject` an article
    id), and stories that could not be compared at all (`subject` the story id); the other
    stories go on."""
    failures: list[StageFailed] = []
    current: set[str] = set()
    for story_id in story_ids:
        try:
            current.add(store.resolve_story_id(story_id))
        except NotFound:
            continue
    for story_id in sorted(current):
        articles = [store.article(m.article_id) for m in store.story_articles(story_id)]
        if not articles:
            continue
        try:
            result = compare_stored(store, articles, story_id)
        except StageFailed as failed:
            failures.append(failed)
            continue
        failures.extend(result.failed)
        drawn = drawing_of(draw, result.comparison, articles, story_id)
        with store.transaction():
            store.save_comparison(story_id, story_key(store, articles), result.comparison, drawn)
    return failures


def drawing_of(
    draw: ComparisonDrawer | None,
    comparison: Comparison,
    articles: Sequence[Article],
    story_id: str,
) -> DrawnComparison | None:
    """The story's comparison drawn with `draw`; None without a drawer or when drawing fails
    (then the web app draws the page when it is asked for)."""
    if draw is None:
        return None
    try:
        return draw(comparison, articles)
    except Exception:  # a page that cannot be drawn now is drawn by the reader: keep comparing
        log.exception("drawing the comparison of story %s failed; the web app draws it", story_id)
        return None
