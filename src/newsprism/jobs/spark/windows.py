"""Stories at scale, the per-window part: articles keyed by day into overlapping windows, and
the laptop's story tracker run over each window.

A window is `days` long and owns the articles of its days (their *home*); the last `overlap`
days before it come along as *context*. Inside a window the tracker's own blocking applies:
candidate stories come from an inverted index of rare keys (entity names, numbers, rare
lemmas), never from all pairs. A context article that joins a story in the next window links
that story to the one it belongs to at home; `stories.py` reconciles these links across
windows with connected components. Windows are counted from the input's first dated day, so
an input of no more than `days` days is one window, and its result is the laptop's (same code,
same order).

No pyspark here: the job groups articles by window and calls `cluster_window`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from newsprism.cluster.features import ArticleFeatures
from newsprism.cluster.online import StoryState
from newsprism.cluster.tracker import StoryTracker
from newsprism.errors import ConfigError
from newsprism.jobs.spark.tables import UNDATED
from newsprism.model import Article, ArticleSource
from newsprism.model.story import Story
from newsprism.run import ANALYSIS_SLICE
from newsprism.store.memory import MemoryStore

UNDATED_WINDOW = -1  # articles with no date at all form one window of their own


@dataclass(frozen=True, slots=True)
class WindowPlan:
    """days: length of a window's home; overlap: days of context from before it."""

    days: int = 7
    overlap: int = 3

    def __post_init__(self) -> None:
        if self.days < 1:
            raise ConfigError(f"window days must be at least 1, got {self.days}; try 7")
        if not 0 <= self.overlap <= self.days:
            raise ConfigError(
                f"window overlap must be between 0 and the window's {self.days} days, "
                f"got {self.overlap}; try 3"
            )

    def windows_of(self, day: str, first_day: str | None = None) -> list[tuple[int, bool]]:
        """(window, is home) for an article filed under `day`. Windows are counted from
        `first_day`, the earliest dated day of the run's input (None: from day one of the
        calendar), so that an input of no more than `days` days is one window, which is the
        laptop's result; fixed calendar windows split such an input wherever a boundary fell."""
        if day == UNDATED:
            return [(UNDATED_WINDOW, True)]
        origin = date.fromisoformat(first_day).toordinal() if first_day else 0
        number = date.fromisoformat(day).toordinal() - origin
        home = number // self.days
        found = [(home, True)]
        if self.overlap and number >= (home + 1) * self.days - self.overlap:
            found.append((home + 1, False))
        return found


# A window's member: (run, file_index, position, article id, is home, features JSON, lead)
Member = tuple[int, int, int, str, bool, str, str]
# What a window says of each member: (window, article id, is home, story id, score)
Assigned = tuple[int, str, bool, str, float]
# A story of a window with home members: (window, story id, label, keywords, entities,
#   first seen ISO, last seen ISO, state JSON)
WindowStory = tuple[int, str, str, list[str], list[str], str | None, str | None, str]


@dataclass(frozen=True, slots=True)
class EarlierState:
    """What a window's tracker starts from: in the incremental mode, what earlier runs
    learned (active stories' StoryState JSON, document frequencies, how many documents, the
    newest publication time, ISO); for a window of a first run, the document frequencies of
    the previous window's articles (no stories)."""

    states: tuple[str, ...] = ()
    df: dict[str, int] | None = None
    documents: int = 0
    newest: str | None = None


def cluster_window(
    window: int, members: Iterable[Member], earlier: EarlierState | None = None
) -> Iterator[tuple[str, Assigned | WindowStory | tuple[str, str]]]:
    """Run the tracker over one window's articles in arrival order, in the slices `ingest`
    uses; yield ("assigned", ...) for every member and ("story", ...) for every story with a
    home member."""
    ordered = sorted(members)
    store = MemoryStore()
    known: set[str] = set()  # the earlier stories' ids
    if earlier is not None:
        for raw in earlier.states:
            state = StoryState.from_json(json.loads(raw))
            story = Story(state.id, (), state.first_seen, state.last_seen, state.label_title)
            store.save_story(story, raw)
            known.add(state.id)
        store.add_term_frequencies(earlier.df or {})
        meta = {"documents": str(earlier.documents)}
        if earlier.newest:
            meta["newest"] = earlier.newest
        store.set_cluster_meta(meta)
    for member in ordered:
        # The tracker labels an untitled story by its first article's first line.
        article_id, lead = member[3], member[6]
        store.add_article(
            Article(id=article_id, text=lead or article_id),
            ArticleSource(article_id, None, None, None),
            None,
        )
    tracker = StoryTracker(store)
    scores: dict[str, tuple[str, float]] = {}
    for first in range(0, len(ordered), ANALYSIS_SLICE):
        chunk = ordered[first : first + ANALYSIS_SLICE]
        report = tracker.add_features(
            [ArticleFeatures.from_json(json.loads(member[5])) for member in chunk]
        )
        for assignment in report.assignments:
            scores[assignment.article_id] = (assignment.story_id, assignment.score)
    homes: set[str] = set()
    for _, _, _, article_id, home, _, _ in ordered:
        opened_as, score = scores[article_id]
        story_id = tracker.clusterer.story_of(opened_as)
        if home:
            homes.add(story_id)
        yield "assigned", (window, article_id, home, story_id, score)
    for from_id, _ in store.story_merges():
        if from_id in known:
            yield "merged", (from_id, tracker.clusterer.story_of(from_id))
    for raw in store.story_states(None):
        state = StoryState.from_json(json.loads(raw))
        if state.id not in homes:
            continue
        story = tracker.story_row(state)
        yield (
            "story",
            (
                window,
                story.id,
                story.label,
                list(story.keywords),
                list(story.entities),
                story.first_seen.isoformat() if story.first_seen else None,
                story.last_seen.isoformat() if story.last_seen else None,
                raw,
            ),
        )
