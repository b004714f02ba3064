"""Corrections by hand, in SQLite: a log of edits applied on top of what newsprism decided.

An edit is written with its time and reason and applied at once; `apply_user_edits` applies
every edit not undone again, in order, and changes only what differs — ingest, a merge by the
clusterer and `import-parquet` call it when they are done, so a correction survives them. Undo
marks the edit undone and puts back what it changed.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager

from newsprism.errors import NotFound
from newsprism.model.annotations import Annotations
from newsprism.model.edits import Corrections, EditAction, UserEdit, speaker_subject
from newsprism.store.times import from_iso, now_iso

_COLUMNS = "id, created_at, action, subject, target, previous, reason, undone_at"


class SQLiteEdits:
    """Mixed into SQLiteStore; needs its connection, transaction and story verbs."""

    _db: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def resolve_story_id(self, story_id: str) -> str:
        raise NotImplementedError

    def merge_stories(self, from_id: str, into_id: str) -> None:
        raise NotImplementedError

    def _ensure_outlet(self, outlet: str | None, url: str | None) -> None:
        raise NotImplementedError

    def annotations(self, article_id: str) -> Annotations | None:
        raise NotImplementedError

    # -- making edits -------------------------------------------------------------------------
    def move_article(self, article_id: str, story_id: str, reason: str = "") -> UserEdit:
        """Put an article into another story (a story id, or its prefix resolved before)."""
        with self.transaction():
            target = self.resolve_story_id(story_id)
            previous = self._story_of_article(article_id)
            edit = self._record(EditAction.MOVE, article_id, target, previous, reason)
            self._move(article_id, target)
        return edit

    def split_story(
        self, story_id: str, article_ids: Sequence[str], reason: str = ""
    ) -> tuple[str, list[UserEdit]]:
        """Move these articles of a story into a new story of their own; its id and the edits."""
        with self.transaction():
            source = self.resolve_story_id(story_id)
            for article_id in article_ids:
                if self._story_of_article(article_id) != source:
                    raise NotFound(f"article of story {source}", article_id)
            new_id = (
                "st-"
                + hashlib.sha1(
                    ("split:" + source + ":" + ",".join(sorted(article_ids))).encode()
                ).hexdigest()[:12]
            )
            label = self._db.execute(
                "SELECT coalesce(title, '') FROM articles WHERE id = ?", (article_ids[0],)
            ).fetchone()[0]
            self._db.execute(
                "INSERT OR IGNORE INTO stories (id, label, created_at, updated_at) "
                "VALUES (?, ?, ?, ?)",
                (new_id, label, now_iso(), now_iso()),
            )
            edits = [self.move_article(a, new_id, reason) for a in article_ids]
        return new_id, edits

    def merge_story(self, story_id: str, into_id: str, reason: str = "") -> UserEdit:
        """Make one story part of another; the articles it held are kept for undo."""
        with self.transaction():
            source, target = self.resolve_story_id(story_id), self.resolve_story_id(into_id)
            held = [
                row[0]
                for row in self._db.execute(
                    "SELECT article_id FROM story_articles WHERE story_id = ?", (source,)
                )
            ]
            edit = self._record(EditAction.MERGE, source, target, json.dumps(held), reason)
            if source != target:
                self.merge_stories(source, target)
                self._refresh_times(target)
        return edit

    def rename_outlet(self, outlet: str, new_name: str, reason: str = "") -> UserEdit:
        """Call an outlet by another name (or join it to another outlet), also for articles
        ingested later."""
        with self.transaction():
            found = self._db.execute(
                "SELECT 1 FROM articles WHERE outlet = ? LIMIT 1", (outlet,)
            ).fetchone()
            if found is None:
                raise NotFound("outlet", outlet)
            renamed = self._rename(outlet, new_name)
            return self._record(
                EditAction.RENAME_OUTLET, outlet, new_name, json.dumps(renamed), reason
            )

    def correct_speaker(
        self, article_id: str, quote_start: int, speaker: str | None, reason: str = ""
    ) -> UserEdit:
        """Say who said the quote that starts at `quote_start` (None: nobody named, the quote
        is shown as "speaker unclear"). Applied wherever the quote is read, also after the
        article is analysed again."""
        with self.transaction():
            stored = self.annotations(article_id)
            quote = (
                next((q for q in stored.quotes if q.start == quote_start), None) if stored else None
            )
            if quote is None:
                raise NotFound(f"quote of article {article_id} starting at", str(quote_start))
            before = quote.speaker.canonical if quote.speaker else None
            return self._record(
                EditAction.SPEAKER,
                speaker_subject(article_id, quote_start),
                speaker or "",
                before,
                reason,
            )

    def keep_apart(self, article_id: str, start: int, story_id: str, reason: str = "") -> UserEdit:
        """Say that the clause of an article starting at `start` is not the fact a comparison of
        `story_id` aligned it with: it stands on its own from then on."""
        with self.transaction():
            self._story_of_article(article_id)  # NotFound for an unknown article
            text = self._db.execute("SELECT text FROM articles WHERE id = ?", (article_id,))
            if not 0 <= start < len(text.fetchone()[0]):
                raise NotFound(f"offset in article {article_id}", str(start))
            target = self.resolve_story_id(story_id)
            return self._record(
                EditAction.FACT_APART, speaker_subject(article_id, start), target, None, reason
            )

    def corrections(self, article_ids: Sequence[str]) -> Corrections:
        """Every correction of these articles' analysis: speakers, and clauses kept apart."""
        apart: dict[str, set[int]] = {}
        wanted = set(article_ids)
        for (subject,) in self._db.execute(
            "SELECT subject FROM user_edits WHERE action = 'fact-apart' AND undone_at IS NULL"
        ):
            article_id, _, start = str(subject).rpartition("@")
            if article_id in wanted:
                apart.setdefault(article_id, set()).add(int(start))
        return Corrections(
            self.speaker_corrections(article_ids),
            {article: frozenset(starts) for article, starts in apart.items()},
        )

    def speaker_corrections(self, article_ids: Sequence[str]) -> dict[str, dict[int, str | None]]:
        """article id → quote start → the speaker a user gave (None: removed), latest wins."""
        found: dict[str, dict[int, str | None]] = {}
        wanted = set(article_ids)
        for subject, target in self._db.execute(
            "SELECT subject, target FROM user_edits WHERE action = 'speaker' "
            "AND undone_at IS NULL ORDER BY id"
        ):
            article_id, _, start = str(subject).rpartition("@")
            if article_id in wanted:
                found.setdefault(article_id, {})[int(start)] = str(target) or None
        return found

    # -- reading, undoing, applying again -----------------------------------------------------
    def user_edits(self, *, include_undone: bool = True) -> list[UserEdit]:
        where = "" if include_undone else "WHERE undone_at IS NULL "
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM user_edits {where}ORDER BY id")
        return [_edit_from_row(row) for row in rows]

    def undo_edit(self, edit_id: int) -> UserEdit:
        """Mark an edit undone and put back what it changed."""
        with self.transaction():
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM user_edits WHERE id = ?", (edit_id,)
            ).fetchone()
            if row is None:
                raise NotFound("edit", str(edit_id))
            edit = _edit_from_row(row)
            if not edit.active:
                return edit
            self._db.execute(
                "UPDATE user_edits SET undone_at = ? WHERE id = ?", (now_iso(), edit_id)
            )
            if edit.action is EditAction.MOVE and edit.previous:
                self._move(edit.subject, self.resolve_story_id(edit.previous))
            elif edit.action is EditAction.MERGE:
                self._unmerge(edit)
            elif edit.action is EditAction.RENAME_OUTLET:
                ids = json.loads(edit.previous or "[]")
                self._db.executemany(
                    "UPDATE articles SET outlet = ? WHERE id = ? AND outlet = ?",
                    [(edit.subject, article_id, edit.target) for article_id in ids],
                )
        return _edit_from_row(
            self._db.execute(
                f"SELECT {_COLUMNS} FROM user_edits WHERE id = ?", (edit_id,)
            ).fetchone()
        )

    def apply_user_edits(self) -> int:
        """Apply every edit not undone again, in order; how many changed something."""
        changed = 0
        with self.transaction():
            for edit in self.user_edits(include_undone=False):
                changed += self._apply(edit)
        return changed

    def story_edits(self, story_id: str) -> list[UserEdit]:
        """The active edits that touched a story: articles moved in or out, stories merged."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM user_edits WHERE undone_at IS NULL "
            "AND action IN ('move', 'merge') AND (target = ? OR previous = ? OR subject = ?) "
            "ORDER BY id",
            (story_id, story_id, story_id),
        )
        return [_edit_from_row(row) for row in rows]

    # -- helpers ------------------------------------------------------------------------------
    def _apply(self, edit: UserEdit) -> int:
        if edit.action is EditAction.MOVE:
            exists = self._db.execute(
                "SELECT 1 FROM articles WHERE id = ?", (edit.subject,)
            ).fetchone()
            try:
                target = self.resolve_story_id(edit.target)
            except NotFound:
                return 0
            if exists and self._story_of_article(edit.subject) != target:
                self._move(edit.subject, target)
                return 1
        elif edit.action is EditAction.MERGE:
            try:
                source, target = (
                    self.resolve_story_id(edit.subject),
                    self.resolve_story_id(edit.target),
                )
            except NotFound:
                return 0
            if source != target:
                self.merge_stories(source, target)
                self._refresh_times(target)
                return 1
        elif edit.action is EditAction.RENAME_OUTLET:
            renamed = self._rename(edit.subject, edit.target)
            if renamed:
                ids = sorted(set(json.loads(edit.previous or "[]")) | set(renamed))
                self._db.execute(
                    "UPDATE user_edits SET previous = ? WHERE id = ?", (json.dumps(ids), edit.id)
                )
                return 1
        return 0

    def _record(
        self, action: EditAction, subject: str, target: str, previous: str | None, reason: str
    ) -> UserEdit:
        cursor = self._db.execute(
            "INSERT INTO user_edits (created_at, action, subject, target, previous, reason) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (now_iso(), action.value, subject, target, previous, reason),
        )
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM user_edits WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
        return _edit_from_row(row)

    def _story_of_article(self, article_id: str) -> str | None:
        if (
            self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is None
        ):
            raise NotFound("article", article_id)
        row = self._db.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def _move(self, article_id: str, story_id: str) -> None:
        before = self._story_of_article(article_id)
        self._db.execute(
            "INSERT INTO story_articles (article_id, story_id, score, added_at) "
            "VALUES (?, ?, 0, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id",
            (article_id, story_id, now_iso()),
        )
        for story in {before, story_id} - {None}:
            self._refresh_times(str(story))

    def _unmerge(self, edit: UserEdit) -> None:
        held = json.loads(edit.previous or "[]")
        self._db.execute("UPDATE stories SET merged_into = NULL WHERE id = ?", (edit.subject,))
        self._db.execute(
            "DELETE FROM story_merges WHERE from_id = ? AND into_id = ?",
            (edit.subject, edit.target),
        )
        self._db.executemany(
            "UPDATE story_articles SET story_id = ? WHERE article_id = ?",
            [(edit.subject, article_id) for article_id in held],
        )
        self._refresh_times(edit.subject)
        self._refresh_times(self.resolve_story_id(edit.target))

    def _rename(self, outlet: str, new_name: str) -> list[str]:
        ids = [
            row[0]
            for row in self._db.execute("SELECT id FROM articles WHERE outlet = ?", (outlet,))
        ]
        if ids:
            self._ensure_outlet(new_name, None)
            self._db.execute("UPDATE articles SET outlet = ? WHERE outlet = ?", (new_name, outlet))
        return ids

    def _refresh_times(self, story_id: str) -> None:
        """A story's first and last publication after its articles changed."""
        self._db.execute(
            "UPDATE stories SET first_seen = (SELECT min(a.published) FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = stories.id), "
            "last_seen = (SELECT max(a.published) FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = stories.id), "
            "updated_at = ? WHERE id = ?",
            (now_iso(), story_id),
        )


def _edit_from_row(row: tuple[object, ...]) -> UserEdit:
    created = from_iso(str(row[1]))
    assert created is not None
    return UserEdit(
        id=int(str(row[0])),
        created_at=created,
        action=EditAction(str(row[2])),
        subject=str(row[3]),
        target=str(row[4]),
        previous=None if row[5] is None else str(row[5]),
        reason=str(row[6]),
        undone_at=from_iso(str(row[7])) if row[7] is not None else None,
    )
