"""Analysis again, for articles analysed with older models or rules (`newsprism reanalyse`).

Each article's stored analysis names the version that made it (`analysis_version`); after an
upgrade the articles of another version are analysed again in slices, one transaction each
(a killed run loses at most a slice), their kind decided again where analysis decided it, and
the stories they belong to compared again. Corrections by hand are applied on top afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsprism.analyse.annotate import analyse_articles, analysis_version
from newsprism.compare.stored import ComparisonDrawer, refresh_comparisons
from newsprism.errors import RejectReason, StageFailed
from newsprism.model import Reject
from newsprism.store.sqlite import SQLiteStore

SLICE = 100


@dataclass(slots=True)
class ReanalyseReport:
    version: str
    articles: int = 0
    failed: list[Reject] = field(default_factory=list)
    stories_compared: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "version": self.version,
            "articles": self.articles,
            "failed": [
                {"source": r.source, "reason": r.reason.value, "detail": r.detail}
                for r in self.failed
            ],
            "stories_compared": self.stories_compared,
        }


def reanalyse(
    store: SQLiteStore,
    story_id: str | None = None,
    *,
    every: bool = False,
    draw: ComparisonDrawer | None = None,
) -> ReanalyseReport:
    """Analyse again what an older version analysed (or, with `every`, everything), in one
    story or all; then compare its stories again and apply the user's edits on top."""
    version = analysis_version()
    report = ReanalyseReport(version)
    ids = store.articles_analysed_otherwise(version, story_id, every=every)
    stories: set[str] = set()
    for first in range(0, len(ids), SLICE):
        _analyse_slice(store, ids[first : first + SLICE], report, stories)
    with store.transaction():
        store.apply_user_edits()
    compared = [s for s in stories if store.stored_comparison(s) is not None]
    for failure in refresh_comparisons(store, compared, draw):
        report.failed.append(_reject(failure))
    report.stories_compared = len(compared)
    return report


def _analyse_slice(
    store: SQLiteStore, ids: Sequence[str], report: ReanalyseReport, stories: set[str]
) -> None:
    articles = [store.article(article_id) for article_id in ids]
    with store.transaction():
        for article, (document, found) in zip(articles, analyse_articles(articles), strict=True):
            store.add_annotations(found)
            report.articles += 1
            if document.failure is not None:
                reject = _reject(document.failure, article.id)
                store.add_reject(reject, None)
                report.failed.append(reject)
            story = store.story_of(article.id)
            if story is not None:
                stories.add(story)


def _reject(failure: StageFailed, article_id: str | None = None) -> Reject:
    subject = article_id or failure.subject
    return Reject(subject, RejectReason.ANALYSIS_FAILED, failure.detail, None, article_id)
