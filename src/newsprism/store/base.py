"""The store interface: what the stages write into and read from.

`SQLiteStore` is the default; the Spark job and tests may bring their own. The dedup stage
needs only the narrower `SignatureIndex`, which it defines and every store implements.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from newsprism.dedup.index import SignatureIndex
from newsprism.model import Article, ArticleSource, Reject
from newsprism.model.annotations import Annotations
from newsprism.model.comparison import Comparison, DrawnComparison
from newsprism.model.duplicates import NearDuplicate as NearDuplicate  # part of the interface
from newsprism.model.edits import Corrections
from newsprism.model.story import Story, StoryArticle


@dataclass(frozen=True, slots=True)
class RejectRecord:
    reject: Reject
    first_seen: datetime
    last_seen: datetime
    times: int
    run_id: int | None


@dataclass(frozen=True, slots=True)
class RunRecord:
    id: int
    command: str
    args: tuple[str, ...]
    started_at: datetime
    finished_at: datetime | None
    status: str
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class SearchHit:
    article: Article
    snippet: str


class Store(SignatureIndex, Protocol):
    """Articles, their sources, near-duplicate links, rejects and runs."""

    def transaction(self) -> AbstractContextManager[None]: ...

    def begin_run(self, command: str, args: Sequence[str]) -> int: ...

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None: ...

    def add_article(self, article: Article, source: ArticleSource, run_id: int | None) -> bool:
        """Store the article if its id is new (True); always record the source."""
        ...

    def add_articles(
        self, entries: Sequence[tuple[Article, ArticleSource]], run_id: int | None
    ) -> list[bool]:
        """`add_article` for a batch, in one round trip per table: which entries were new."""
        ...

    def has_article(self, article_id: str) -> bool: ...

    def stored_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored."""
        ...

    def add_annotations(self, annotations: Annotations) -> None:
        """Store (or replace) the spans analysis found in one article."""

    def annotations(self, article_id: str) -> Annotations | None:
        """The article's spans, or None when it has not been analysed."""

    def add_near_duplicate(self, link: NearDuplicate) -> None: ...

    def add_near_duplicates(self, links: Sequence[NearDuplicate]) -> None: ...

    def add_reject(self, reject: Reject, run_id: int | None) -> None: ...

    def article(self, article_id: str) -> Article: ...

    def articles(
        self, *, outlet: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Article]: ...

    def count_articles(self) -> int: ...

    def sources(self, article_id: str) -> list[ArticleSource]: ...

    def near_duplicates(self, article_id: str | None = None) -> list[NearDuplicate]: ...

    def rejects(
        self, run_id: int | None = None, article_id: str | None = None
    ) -> list[RejectRecord]:
        """Rejects, oldest first; of one run, or the failed stages of one stored article."""
        ...

    def runs(self) -> list[RunRecord]: ...

    def search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        marks: tuple[str, str] = ("[", "]"),
        newest: bool = False,
    ) -> list[SearchHit]: ...

    # -- stories (see store/stories.py) --
    def save_story(self, story: Story, state: str | None) -> None: ...

    def add_story_article(self, article_id: str, story_id: str, score: float) -> None: ...

    def merge_stories(self, from_id: str, into_id: str) -> None: ...

    def resolve_story_id(self, story_id: str) -> str: ...

    def story(self, story_id: str) -> Story: ...

    def stories(self, *, limit: int | None = None, offset: int = 0) -> list[Story]: ...

    def story_articles(self, story_id: str) -> list[StoryArticle]: ...

    def story_of(self, article_id: str) -> str | None: ...

    def story_merges(self) -> list[tuple[str, str]]: ...

    def story_states(
        self, since: datetime | None, until: datetime | None = None
    ) -> Iterator[str]: ...

    def add_term_frequencies(self, counts: Mapping[str, int]) -> None: ...

    def term_frequencies(self) -> dict[str, int]: ...

    def cluster_meta(self) -> dict[str, str]: ...

    def set_cluster_meta(self, values: Mapping[str, str]) -> None: ...

    def save_comparison(
        self,
        story_id: str,
        articles: str,
        comparison: Comparison,
        drawn: DrawnComparison | None = None,
    ) -> None: ...

    def speaker_corrections(self, article_ids: Sequence[str]) -> dict[str, dict[int, str | None]]:
        """The speakers a user corrected: article id → quote start → name (None: removed)."""
        ...

    def corrections(self, article_ids: Sequence[str]) -> Corrections:
        """Every correction of these articles' analysis (speakers, clauses kept apart)."""
        ...

    def apply_user_edits(self) -> int:
        """Apply the user's corrections again on top of what a run decided; how many changed."""
        ...

    def stored_comparison(self, story_id: str) -> tuple[str, Comparison] | None: ...

    def stored_drawing(self, story_id: str) -> tuple[str, DrawnComparison] | None:
        """(articles, drawing) of the story's stored comparison, when the writer drew it."""
        ...

    # -- vectors (see analyse/encoder.py: encode_cached) --
    def vectors(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored vectors of these keys, those the store has (model name + text hash)."""
        ...

    def add_vectors(self, items: Mapping[str, bytes]) -> None:
        """Keep these vectors. A key names one text of one model, so a key already there gets
        the same vector again (unless the stored bytes were damaged: then they are mended)."""
        ...

    def close(self) -> None: ...
