"""Stories kept in memory, with the same contract as `store/stories.py`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsprism.errors import NotFound
from newsprism.model.article import Article
from newsprism.model.comparison import Comparison, DrawnComparison
from newsprism.model.story import Story, StoryArticle


@dataclass(slots=True)
class _StoryRow:
    story: Story
    state: str | None = None
    merged_into: str | None = None


@dataclass(slots=True)
class MemoryStories:
    """Mixed into MemoryStore; `_articles` comes from there."""

    _articles: dict[str, Article] = field(default_factory=dict)
    _stories: dict[str, _StoryRow] = field(default_factory=dict)
    _members: dict[str, tuple[str, float]] = field(default_factory=dict)  # article -> story
    _merges: list[tuple[str, str]] = field(default_factory=list)
    _df: Counter[str] = field(default_factory=Counter)
    _meta: dict[str, str] = field(default_factory=dict)
    _comparisons: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    _drawings: dict[str, tuple[str, DrawnComparison]] = field(default_factory=dict)

    def save_comparison(
        self,
        story_id: str,
        articles: str,
        comparison: Comparison,
        drawn: DrawnComparison | None = None,
    ) -> None:
        # Kept in the stored form, so that what comes back is what SQLite gives back.
        self._comparisons[story_id] = (articles, comparison.to_json())
        if drawn is None:
            self._drawings.pop(story_id, None)
        else:
            self._drawings[story_id] = (articles, drawn)

    def stored_comparison(self, story_id: str) -> tuple[str, Comparison] | None:
        stored = self._comparisons.get(story_id)
        return None if stored is None else (stored[0], Comparison.from_json(stored[1]))

    def stored_drawing(self, story_id: str) -> tuple[str, DrawnComparison] | None:
        return self._drawings.get(story_id)

    def save_story(self, story: Story, state: str | None) -> None:
        row = self._stories.get(story.id)
        if row is None:
            self._stories[story.id] = _StoryRow(story, state)
        else:
            row.story = story
            if state is not None:
                row.state = state

    def add_story_article(self, article_id: str, story_id: str, score: float) -> None:
        self._members[article_id] = (story_id, score)

    def merge_stories(self, from_id: str, into_id: str) -> None:
        for article_id, (story_id, score) in list(self._members.items()):
            if story_id == from_id:
                self._members[article_id] = (into_id, score)
        row = self._stories.setdefault(from_id, _StoryRow(Story(from_id, (), None, None, "")))
        row.merged_into = into_id
        row.state = None
        self._merges.append((from_id, into_id))

    def resolve_story_id(self, story_id: str) -> str:
        seen: set[str] = set()
        current = story_id
        while current not in seen:
            seen.add(current)
            row = self._stories.get(current)
            if row is None:
                raise NotFound("story", story_id)
            if row.merged_into is None:
                return current
            current = row.merged_into
        return current

    def story(self, story_id: str) -> Story:
        return self._with_articles(self._stories[self.resolve_story_id(story_id)].story)

    def stories(self, *, limit: int | None = None, offset: int = 0) -> list[Story]:
        live = [row.story for row in self._stories.values() if row.merged_into is None]
        live.sort(
            key=lambda s: (s.last_seen is None, -(s.last_seen.timestamp() if s.last_seen else 0))
        )
        chosen = live[offset:] if limit is None else live[offset : offset + limit]
        return [self._with_articles(story) for story in chosen]

    def story_articles(self, story_id: str) -> list[StoryArticle]:
        resolved = self.resolve_story_id(story_id)
        found = [
            StoryArticle(
                a,
                self._articles[a].outlet or "",
                self._articles[a].published,
                self._articles[a].title,
                score,
            )
            for a, (s, score) in self._members.items()
            if s == resolved and a in self._articles
        ]
        found.sort(
            key=lambda m: (m.published is None, m.published.timestamp() if m.published else 0)
        )
        return found

    def story_of(self, article_id: str) -> str | None:
        member = self._members.get(article_id)
        return None if member is None else member[0]

    def story_merges(self) -> list[tuple[str, str]]:
        return list(self._merges)

    def story_states(self, since: datetime | None, until: datetime | None = None) -> Iterator[str]:
        for _, row in sorted(self._stories.items()):
            if row.state is None or row.merged_into is not None:
                continue
            first, last = row.story.first_seen, row.story.last_seen
            if since is not None and last is not None and last < since:
                continue
            if until is not None and first is not None and first > until:
                continue
            yield row.state

    def add_term_frequencies(self, counts: Mapping[str, int]) -> None:
        self._df.update(counts)

    def term_frequencies(self) -> dict[str, int]:
        return dict(self._df)

    def cluster_meta(self) -> dict[str, str]:
        return dict(self._meta)

    def set_cluster_meta(self, values: Mapping[str, str]) -> None:
        self._meta.update(values)

    def _with_articles(self, story: Story) -> Story:
        members = tuple(a for a, (s, _) in self._members.items() if s == story.id)
        return Story(
            story.id,
            members,
            story.first_seen,
            story.last_seen,
            story.label,
            story.keywords,
            story.entities,
        )
