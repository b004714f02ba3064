"""Stories in SQLite: rows, membership, merges and the clusterer's learned state."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from datetime import datetime

from newsprism.errors import NotFound, StaleRecord
from newsprism.model.comparison import Comparison, DrawnComparison
from newsprism.model.story import Story, StoryArticle
from newsprism.store.times import from_iso, now_iso, to_iso

# The migration that gave stored comparisons their drawing.
DRAWINGS_SINCE = 13


class SQLiteStories:
    """Mixed into SQLiteStore; needs its connection and transaction."""

    _db: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    @property
    def schema_version(self) -> int:
        raise NotImplementedError

    def save_story(self, story: Story, state: str | None) -> None:
        """Insert or update a story row and, when given, the clusterer's state of it."""
        now = now_iso()
        with self.transaction():
            self._db.execute(
                "INSERT INTO stories (id, label, first_seen, last_seen, keywords, entities, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET label = excluded.label, "
                "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
                "keywords = excluded.keywords, entities = excluded.entities, "
                "updated_at = excluded.updated_at",
                (
                    story.id,
                    story.label,
                    to_iso(story.first_seen),
                    to_iso(story.last_seen),
                    json.dumps(list(story.keywords), ensure_ascii=False),
                    json.dumps(list(story.entities), ensure_ascii=False),
                    now,
                    now,
                ),
            )
            if state is not None:
                self._db.execute(
                    "INSERT INTO story_state (story_id, state, last_seen) VALUES (?, ?, ?) "
                    "ON CONFLICT(story_id) DO UPDATE SET state = excluded.state, "
                    "last_seen = excluded.last_seen",
                    (story.id, state, to_iso(story.last_seen)),
                )

    def add_story_article(self, article_id: str, story_id: str, score: float) -> None:
        self._db.execute(
            "INSERT INTO story_articles (article_id, story_id, score, added_at) "
            "VALUES (?, ?, ?, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id, "
            "score = excluded.score",
            (article_id, story_id, score, now_iso()),
        )

    def merge_stories(self, from_id: str, into_id: str) -> None:
        """The younger story becomes part of the older; its id keeps pointing there."""
        with self.transaction():
            # A story opened and merged within one batch was never written: give its id a row
            # so that `story OLD_ID` still finds where it went.
            self._db.execute(
                "INSERT OR IGNORE INTO stories (id, created_at, updated_at) VALUES (?, ?, ?)",
                (from_id, now_iso(), now_iso()),
            )
            self._db.execute(
                "UPDATE story_articles SET story_id = ? WHERE story_id = ?", (into_id, from_id)
            )
            self._db.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (into_id, from_id))
            self._db.execute("DELETE FROM story_state WHERE story_id = ?", (from_id,))
            self._db.execute(
                "INSERT OR IGNORE INTO story_merges (from_id, into_id, merged_at) VALUES (?, ?, ?)",
                (from_id, into_id, now_iso()),
            )

    def resolve_story_id(self, story_id: str) -> str:
        """The id a story goes by now, following merges; NotFound for an unknown id."""
        seen = set()
        current = story_id
        while current not in seen:
            seen.add(current)
            row = self._db.execute(
                "SELECT merged_into FROM stories WHERE id = ?", (current,)
            ).fetchone()
            if row is None:
                raise NotFound("story", story_id)
            if row[0] is None:
                return current
            current = row[0]
        return current

    def story(self, story_id: str) -> Story:
        resolved = self.resolve_story_id(story_id)
        row = self._db.execute(
            "SELECT id, label, first_seen, last_seen, keywords, entities FROM stories WHERE id = ?",
            (resolved,),
        ).fetchone()
        return self._story_from_row(row)

    def stories(self, *, limit: int | None = None, offset: int = 0) -> list[Story]:
        """Stories that were not merged away, newest activity first (undated last)."""
        rows = self._db.execute(
            "SELECT id, label, first_seen, last_seen, keywords, entities FROM stories "
            "WHERE merged_into IS NULL "
            "ORDER BY last_seen IS NULL, last_seen DESC, updated_at DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
        return [self._story_from_row(row) for row in rows]

    def story_articles(self, story_id: str) -> list[StoryArticle]:
        rows = self._db.execute(
            "SELECT sa.article_id, a.outlet, a.published, a.title, sa.score FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? "
            "ORDER BY a.published IS NULL, a.published, a.seq",
            (self.resolve_story_id(story_id),),
        ).fetchall()
        return [
            StoryArticle(row[0], row[1], from_iso(row[2]), row[3], float(row[4] or 0.0))
            for row in rows
        ]

    def story_of(self, article_id: str) -> str | None:
        row = self._db.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def story_merges(self) -> list[tuple[str, str]]:
        return [
            (str(a), str(b))
            for a, b in self._db.execute("SELECT from_id, into_id FROM story_merges ORDER BY rowid")
        ]

    def story_states(self, since: datetime | None, until: datetime | None = None) -> Iterator[str]:
        """The clusterer's state of stories active in [since, until] (undated ones always)."""
        sql = "SELECT st.state FROM story_state st JOIN stories s ON s.id = st.story_id WHERE 1"
        params: list[str | None] = []
        if since is not None:
            sql += " AND (st.last_seen IS NULL OR st.last_seen >= ?)"
            params.append(to_iso(since))
        if until is not None:
            sql += " AND (s.first_seen IS NULL OR s.first_seen <= ?)"
            params.append(to_iso(until))
        for (state,) in self._db.execute(sql + " ORDER BY st.story_id", params):
            yield str(state)

    def add_term_frequencies(self, counts: Mapping[str, int]) -> None:
        self._db.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            counts.items(),
        )

    def term_frequencies(self) -> dict[str, int]:
        return {str(t): int(d) for t, d in self._db.execute("SELECT term, df FROM term_df")}

    def cluster_meta(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self._db.execute("SELECT key, value FROM cluster_meta")}

    def set_cluster_meta(self, values: Mapping[str, str]) -> None:
        self._db.executemany(
            "INSERT INTO cluster_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            values.items(),
        )

    def save_comparison(
        self,
        story_id: str,
        articles: str,
        comparison: Comparison,
        drawn: DrawnComparison | None = None,
    ) -> None:
        """Keep a story's comparison; `articles` names the version of the story it describes,
        `drawn` is the comparison as the story page draws it (None: a reader draws it)."""
        record = comparison.to_json()
        with self.transaction():
            self._db.execute(
                "INSERT INTO story_comparisons (story_id, articles, record, computed_at, signals, "
                "drawn, drawn_by, drawn_seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(story_id) DO UPDATE SET articles = excluded.articles, "
                "record = excluded.record, computed_at = excluded.computed_at, "
                "signals = excluded.signals, drawn = excluded.drawn, "
                "drawn_by = excluded.drawn_by, drawn_seal = excluded.drawn_seal",
                (
                    story_id,
                    articles,
                    json.dumps(record, ensure_ascii=False),
                    now_iso(),
                    json.dumps(comparison.signals(), ensure_ascii=False),
                    None if drawn is None else drawn.html,
                    None if drawn is None else drawn.drawn_by,
                    None if drawn is None else drawn.seal,
                ),
            )

    def stored_comparison(self, story_id: str) -> tuple[str, Comparison] | None:
        """(articles, comparison) of the story's stored comparison; None when there is none or
        when it is in a format this release does not read (a stale one: compare afresh)."""
        row = self._db.execute(
            "SELECT articles, record FROM story_comparisons WHERE story_id = ?", (story_id,)
        ).fetchone()
        if row is None:
            return None
        try:
            return str(row[0]), Comparison.from_json(json.loads(row[1]))
        except (StaleRecord, json.JSONDecodeError):
            return None

    def stored_drawing(self, story_id: str) -> tuple[str, DrawnComparison] | None:
        """(articles, drawing) of the story's stored comparison; None when the writer did not
        draw it. The record is not read: that is what makes a drawn page cheap."""
        if self.schema_version < DRAWINGS_SINCE:
            return None  # a reader of a database no writer of this release has opened yet
        row = self._db.execute(
            "SELECT articles, drawn, drawn_by, drawn_seal FROM story_comparisons "
            "WHERE story_id = ? AND drawn IS NOT NULL",
            (story_id,),
        ).fetchone()
        if row is None:
            return None
        return str(row[0]), DrawnComparison(str(row[1]), str(row[2] or ""), str(row[3] or ""))

    def drawings_by(self) -> dict[str, str | None]:
        """Each stored comparison's story and what drew it (None: not drawn)."""
        return {
            str(story_id): None if drawn_by is None else str(drawn_by)
            for story_id, drawn_by in self._db.execute(
                "SELECT story_id, CASE WHEN drawn IS NOT NULL THEN drawn_by END "
                "FROM story_comparisons ORDER BY story_id"
            )
        }

    def save_drawing(self, story_id: str, articles: str, drawn: DrawnComparison) -> bool:
        """Keep a drawing of the stored comparison of this version (`articles`) of the story;
        False when the stored comparison is of another version by now."""
        with self.transaction():
            cursor = self._db.execute(
                "UPDATE story_comparisons SET drawn = ?, drawn_by = ?, drawn_seal = ? "
                "WHERE story_id = ? AND articles = ?",
                (drawn.html, drawn.drawn_by, drawn.seal, story_id, articles),
            )
        return cursor.rowcount > 0

    def _story_from_row(self, row: tuple[str, str, str | None, str | None, str, str]) -> Story:
        story_id = row[0]
        articles = tuple(
            str(a)
            for (a,) in self._db.execute(
                "SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,)
            )
        )
        return Story(
            id=story_id,
            articles=articles,
            first_seen=from_iso(row[2]),
            last_seen=from_iso(row[3]),
            label=row[1],
            keywords=tuple(json.loads(row[4])),
            entities=tuple(json.loads(row[5])),
        )
