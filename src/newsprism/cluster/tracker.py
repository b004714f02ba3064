"""Stories kept current in a store as articles arrive: the clusterer plus persistence.

The tracker loads the clusterer's learned state (the stories it had in memory, document
frequencies, its checkpoint) from the store, assigns each batch, and writes back membership,
merges, story rows (label, keywords, entities, time span) and every changed state, inside the
caller's transaction: what is committed is all the clusterer knew at that point, so a tracker
started on it goes on exactly as the one that wrote it would have.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from newsprism.analyse.document import Document
from newsprism.cluster.embeddings import Embedder, embedding_text
from newsprism.cluster.features import ArticleFeatures, article_features
from newsprism.cluster.online import Assignment, Checkpoint, Merge, OnlineClusterer, StoryState
from newsprism.errors import NotFound, StageFailed
from newsprism.model.article import Article
from newsprism.model.story import Story
from newsprism.store.base import Store

KEYWORDS = 8
ENTITIES = 8


@dataclass(slots=True)
class TrackReport:
    assigned: int = 0
    opened: int = 0
    merged: int = 0
    touched: set[str] = field(default_factory=set)
    assignments: list[Assignment] = field(default_factory=list)  # in the order given
    failed: list[tuple[str, StageFailed]] = field(default_factory=list)  # article ids, not filed


class StoryTracker:
    def __init__(
        self,
        store: Store,
        clusterer: OnlineClusterer | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.store = store
        self.clusterer = clusterer or OnlineClusterer()
        self.embedder = embedder
        checkpoint = Checkpoint.from_meta(store.cluster_meta(), self.clusterer.window)
        states: dict[str, StoryState] = {}
        for since, until in checkpoint.in_memory():
            for raw in store.story_states(since, until):
                state = StoryState.from_json(json.loads(raw))
                states.setdefault(state.id, state)
        self.clusterer.restore(states.values(), store.term_frequencies(), checkpoint)

    def add(self, articles: Sequence[tuple[Article, Document]]) -> TrackReport:
        """Cluster a batch of analysed articles and persist the result."""
        features: list[ArticleFeatures] = []
        failed: list[tuple[str, StageFailed]] = []
        for article, document in articles:
            try:
                features.append(article_features(article, document))
            except Exception as error:  # that article stays out of the stories; the rest go on
                failed.append((article.id, StageFailed("features", article.id, error)))
        if failed:
            left_out = {article_id for article_id, _ in failed}
            articles = [pair for pair in articles if pair[0].id not in left_out]
        if self.embedder is not None and features:
            vectors = self.embedder.encode(
                [embedding_text(article.title, article.text) for article, _ in articles]
            )
            for item, vector in zip(features, vectors, strict=True):
                item.embedding = tuple(float(v) for v in vector)
        report = self.add_features(features)
        report.failed = failed
        return report

    def add_features(self, features: Sequence[ArticleFeatures]) -> TrackReport:
        report = TrackReport()
        if not features:
            return report
        assignments, merges = self.clusterer.partial_fit(features, dormant=self._dormant)
        self._persist(features, assignments, merges, report)
        report.assignments = assignments
        return report

    def _dormant(self, since: datetime, until: datetime) -> Iterator[StoryState]:
        """Stored stories of a time, for articles older than the active window."""
        for raw in self.store.story_states(since, until):
            yield StoryState.from_json(json.loads(raw))

    def _persist(
        self,
        features: Sequence[ArticleFeatures],
        assignments: list[Assignment],
        merges: list[Merge],
        report: TrackReport,
    ) -> None:
        store = self.store
        clusterer = self.clusterer
        for assignment in assignments:
            report.touched.add(clusterer.story_of(assignment.story_id))
        report.touched.update(clusterer.story_of(merge.into_id) for merge in merges)
        # Revived stories changed too (their index listings): a restored clusterer needs them.
        changed = report.touched | {clusterer.story_of(s) for s in clusterer.changed_}
        # Story rows first: membership and merges refer to them.
        for story_id in sorted(changed):  # sorted: the same rows in the same order every run
            # A story may have gone dormant within this very batch; it is saved all the same.
            state = clusterer.stories_.get(story_id) or clusterer.retired_.get(story_id)
            if state is not None:
                store.save_story(self.story_row(state), json.dumps(state.as_json()))
        for merge in merges:
            store.merge_stories(merge.from_id, clusterer.story_of(merge.into_id))
            report.merged += 1
        for assignment in assignments:
            story_id = clusterer.story_of(assignment.story_id)
            store.add_story_article(assignment.article_id, story_id, assignment.score)
            report.assigned += 1
            report.opened += assignment.opened
        counts: Counter[str] = Counter()
        for item in features:
            counts.update(item.terms.keys())
            counts.update(item.names.keys())
        store.add_term_frequencies(counts)
        store.set_cluster_meta(clusterer.checkpoint().as_meta())

    def story_row(self, state: StoryState) -> Story:
        """The story as stored: label, keywords and entities from the clusterer's state."""
        return Story(
            id=state.id,
            articles=(),
            first_seen=state.first_seen,
            last_seen=state.last_seen,
            label=self._label(state),
            keywords=tuple(self._keywords(state)),
            entities=tuple(self._entities(state)),
        )

    def _label(self, state: StoryState) -> str:
        """The title of the article closest to the story when it joined (the first, at first);
        an untitled story is labelled by the first line of its opening article."""
        if state.label_title:
            return state.label_title
        try:
            article = self.store.article(state.id.removeprefix("st-"))
        except NotFound:
            return ""
        return article.title or article.text.split("\n", 1)[0][:120]

    def _keywords(self, state: StoryState) -> list[str]:
        idf = self.clusterer.idf
        ranked = sorted(state.terms.items(), key=lambda item: item[1] * idf(item[0]), reverse=True)
        return [term for term, _ in ranked[:KEYWORDS]]

    def _entities(self, state: StoryState) -> list[str]:
        ranked = sorted(state.names.items(), key=lambda item: item[1], reverse=True)
        # A name of several words has two keys ("n:merkel", "n:angelamerkel"), shown once.
        shown = dict.fromkeys(
            state.display_names[key] for key, _ in ranked if key in state.display_names
        )
        return list(shown)[:ENTITIES]
