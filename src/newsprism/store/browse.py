"""Read-side queries for browsing (web app, `feeds`): story lists with filters, outlets, names.

Mixed into SQLiteStore. Every query is parameterised and bounded by a LIMIT; filters that need
membership go through indexed sub-queries, so a page costs the same with 10 or 10,000 stories.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newsprism.store.times import from_iso, to_iso


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Filters of the stories page; empty means no filter."""

    since: datetime | None = None
    until: datetime | None = None
    outlets: frozenset[str] = frozenset()  # stories with an article from any of these
    language: str | None = None


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: str
    label: str
    first_seen: datetime | None
    last_seen: datetime | None
    articles: int
    outlets: tuple[str, ...]
    languages: tuple[str, ...]
    # from the stored comparison (Comparison.signals); empty until the story was compared
    signals: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NameHit:
    name: str
    label: str
    articles: int
    mentions: int
    quotes: int


@dataclass(frozen=True, slots=True)
class OutletProfile:
    name: str
    host: str | None
    groups: tuple[str, ...]
    articles: int
    kinds: dict[str, int]
    stories: int
    recent_stories: tuple[tuple[str, str], ...]  # (story id, label), newest first
    speakers: tuple[tuple[str, int], ...] = field(default=())  # (name, quotes), most first


# Search: a word this long or longer also finds the compounds that contain it, up to
# COMPOUND_TERMS of them (the most common first).
COMPOUND_MIN = 4
COMPOUND_TERMS = 60
# How long a connection keeps the index's word list: reading it costs a pass over the whole
# index (0.3 s at 100,000 articles), and a compound that became common within the last
# minute is then found as the word itself, only not yet widened.
VOCABULARY_SECONDS = 120.0
_FTS5_SYNTAX = re.compile(r'["*^:(){}+]')
_FTS5_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def _fold(word: str) -> str:
    """A word as the index holds it (unicode61, remove_diacritics 2): lower case, no accents."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(
        ".,;:!?…'’‚‘„“”»«-–"
    )


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _in(values: Sequence[object]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


class SQLiteBrowse:
    """Needs the store's connection."""

    _db: sqlite3.Connection
    path: Path

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One consistent read of several queries (a short read transaction; WAL never blocks)."""
        if self._db.in_transaction:
            yield
            return
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def data_version(self) -> int:
        """Changes whenever another connection (a writer, an edit, `reanalyse`, in any
        process) commits to the database: SQLite's PRAGMA data_version, this connection's own
        counter."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    # -- search: German compounds ---------------------------------------------------------
    def compound_query(self, query: str) -> str:
        """A plain query (words only, no FTS5 syntax) with each word of `COMPOUND_MIN` letters
        or more widened to the indexed words that contain it: "Brücke" also finds
        "Lindenbrücke", "Rheinbrücke" and "Brückensperrung". A query in FTS5 syntax (quotes,
        AND/OR/NOT/NEAR, `*`, `^`, `:`, brackets) is left as it is: it says what it means."""
        words = query.split()
        if not words or _FTS5_SYNTAX.search(query) or any(w in _FTS5_OPERATORS for w in words):
            return query
        parts = []
        for word in words:
            folded = _fold(word)
            if len(folded) < COMPOUND_MIN or not folded.isalnum():
                parts.append(_quoted(word))
                continue
            terms = list(dict.fromkeys([folded, *self._terms_containing(folded)]))
            parts.append("(" + " OR ".join(_quoted(term) for term in terms) + ")")
        return " AND ".join(parts)

    def _terms_containing(self, folded: str) -> list[str]:
        """Up to `COMPOUND_TERMS` indexed words that contain `folded`, most documents first.

        The word list is read once per `VOCABULARY_SECONDS` for all connections to the
        database and searched in memory: asking fts5vocab with LIKE read the whole index on
        every search (0.3 s at 100,000 articles), and ten searchers at once, each on its own
        connection, ran past their time budget again and again."""
        listed = _vocabulary(self.path)
        found: list[str] = []
        position = 0
        while len(found) < COMPOUND_TERMS:
            at = listed.find(folded, position)
            if at < 0:
                break
            start = listed.rfind("\n", 0, at) + 1
            end = listed.find("\n", at)
            found.append(listed[start:end])
            position = end
        return found

    # -- ids --------------------------------------------------------------------------------
    def ids_with_prefix(self, kind: str, prefix: str, limit: int = 6) -> list[str]:
        """Up to `limit` ids of articles or stories that start with `prefix` (a story's id may
        be given without its `st-`); an index range scan, not a LIKE over the table."""
        table = {"article": "articles", "story": "stories"}[kind]
        prefix = prefix.strip().lower()
        if not prefix or any(c not in "0123456789abcdefst-" for c in prefix):
            return []
        if kind == "story" and not "st-".startswith(prefix) and not prefix.startswith("st-"):
            prefix = "st-" + prefix
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = self._db.execute(
            f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, upper, limit),
        ).fetchall()
        return [row[0] for row in rows]

    # -- stories ----------------------------------------------------------------------------
    def _story_filter(self, query: StoryQuery) -> tuple[str, list[object]]:
        where = ["s.merged_into IS NULL"]
        params: list[object] = []
        if query.since is not None:
            where.append("s.last_seen >= ?")
            params.append(to_iso(query.since))
        if query.until is not None:
            where.append("s.first_seen <= ?")
            params.append(to_iso(query.until))
        member = []
        if query.outlets:
            outlets = sorted(query.outlets)
            member.append(f"a.outlet IN {_in(outlets)}")
            params += outlets
        if query.language:
            member.append("a.language = ?")
            params.append(query.language)
        if member:
            where.append(
                "s.id IN (SELECT sa.story_id FROM articles a "
                f"JOIN story_articles sa ON sa.article_id = a.id WHERE {' AND '.join(member)})"
            )
        return " AND ".join(where), params

    def story_summaries(
        self, query: StoryQuery, limit: int = 50, offset: int = 0
    ) -> list[StorySummary]:
        """Stories matching the filters, newest activity first (NULL sorts last in DESC: undated
        stories come at the end), with their outlets."""
        where, params = self._story_filter(query)
        rows = self._db.execute(
            "SELECT s.id, s.label, s.first_seen, s.last_seen, c.signals FROM stories s "
            "LEFT JOIN story_comparisons c ON c.story_id = s.id "
            f"WHERE {where} ORDER BY s.last_seen DESC, s.id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        ids = [row[0] for row in rows]
        members: dict[str, tuple[int, list[str], list[str]]] = {}
        if ids:
            for story_id, count, outlets, languages in self._db.execute(
                "SELECT sa.story_id, count(*), json_group_array(DISTINCT a.outlet), "
                "json_group_array(DISTINCT a.language) FROM story_articles sa "
                f"JOIN articles a ON a.id = sa.article_id WHERE sa.story_id IN {_in(ids)} "
                "GROUP BY sa.story_id",
                ids,
            ):
                members[story_id] = (int(count), json.loads(outlets), json.loads(languages))
        summaries = []
        for story_id, label, first_seen, last_seen, signals in rows:
            count, outlets, languages = members.get(story_id, (0, [], []))
            summaries.append(
                StorySummary(
                    id=story_id,
                    label=label,
                    first_seen=from_iso(first_seen),
                    last_seen=from_iso(last_seen),
                    articles=count,
                    outlets=tuple(sorted(o for o in outlets if o)),
                    languages=tuple(sorted(lang for lang in languages if lang)),
                    signals=json.loads(signals or "{}"),
                )
            )
        return summaries

    def count_stories(self, query: StoryQuery) -> int:
        where, params = self._story_filter(query)
        return int(
            self._db.execute(f"SELECT count(*) FROM stories s WHERE {where}", params).fetchone()[0]
        )

    def story_outlets(self) -> Iterator[tuple[str, str, frozenset[str]]]:
        """(story id, label, outlets) of every story, for coverage by outlet group."""
        rows = self._db.execute(
            "SELECT s.id, s.label, json_group_array(DISTINCT a.outlet) FROM stories s "
            "JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id "
            "WHERE s.merged_into IS NULL GROUP BY s.id ORDER BY s.last_seen DESC, s.id DESC"
        )
        for story_id, label, outlets in rows:
            yield story_id, label, frozenset(o for o in json.loads(outlets) if o)

    def outlet_names(self) -> list[str]:
        return [str(row[0]) for row in self._db.execute("SELECT name FROM outlets ORDER BY name")]

    def languages(self) -> list[str]:
        # A skip-scan over the language index: one look-up per language, not a pass over articles.
        rows = self._db.execute(
            "WITH RECURSIVE seen(language) AS ("
            "SELECT min(language) FROM articles WHERE language IS NOT NULL UNION ALL "
            "SELECT (SELECT min(language) FROM articles WHERE language > seen.language) "
            "FROM seen WHERE seen.language IS NOT NULL) "
            "SELECT language FROM seen WHERE language IS NOT NULL"
        )
        return [str(row[0]) for row in rows]

    def sentence_offsets(self, article_ids: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
        """Each analysed article's sentence offsets, in one query (the story page's columns)."""
        found: dict[str, list[tuple[int, int]]] = {}
        if not article_ids:
            return found
        rows = self._db.execute(
            "SELECT article_id, start, \"end\" FROM spans WHERE layer = 'sentence' "
            f"AND article_id IN {_in(article_ids)} ORDER BY article_id, start",
            list(article_ids),
        )
        for article_id, start, end in rows:
            found.setdefault(str(article_id), []).append((int(start), int(end)))
        return found

    # -- outlets ----------------------------------------------------------------------------
    def stored_groups(self) -> dict[str, frozenset[str]]:
        """Outlet groups recorded in the database (e.g. by `watch` from its feeds file)."""
        groups: dict[str, frozenset[str]] = {}
        for name, value in self._db.execute("SELECT name, groups FROM outlets"):
            found = json.loads(value or "[]")
            if found:
                groups[str(name)] = frozenset(str(g) for g in found)
        return groups

    def outlet_profiles(self, stories: int = 5, speakers: int = 5) -> list[OutletProfile]:
        kinds: dict[str, Counter[str]] = {}
        for outlet, kind, count in self._db.execute(
            "SELECT outlet, kind, count(*) FROM articles WHERE outlet IS NOT NULL "
            "GROUP BY outlet, kind"
        ):
            kinds.setdefault(outlet, Counter())[kind] = int(count)
        story_counts = dict(
            self._db.execute(
                "SELECT a.outlet, count(DISTINCT sa.story_id) FROM articles a "
                "JOIN story_articles sa ON sa.article_id = a.id GROUP BY a.outlet"
            ).fetchall()
        )
        profiles = []
        for name, host, groups in self._db.execute(
            "SELECT name, host, groups FROM outlets ORDER BY name"
        ).fetchall():
            recent = self._db.execute(
                "SELECT s.id, s.label FROM stories s WHERE s.merged_into IS NULL AND s.id IN "
                "(SELECT sa.story_id FROM articles a JOIN story_articles sa "
                "ON sa.article_id = a.id WHERE a.outlet = ?) "
                "ORDER BY s.last_seen DESC, s.id DESC LIMIT ?",
                (name, stories),
            ).fetchall()
            quoted = self._db.execute(
                "SELECT n.name, sum(an.quotes) AS q FROM articles a "
                "JOIN article_names an ON an.article_id = a.id JOIN names n ON n.id = an.name_id "
                "WHERE a.outlet = ? AND an.quotes > 0 GROUP BY n.name ORDER BY q DESC, n.name "
                "LIMIT ?",
                (name, speakers),
            ).fetchall()
            counted = kinds.get(name, Counter())
            profiles.append(
                OutletProfile(
                    name=name,
                    host=host,
                    groups=tuple(sorted(json.loads(groups or "[]"))),
                    articles=sum(counted.values()),
                    kinds=dict(counted.most_common()),
                    stories=int(story_counts.get(name, 0)),
                    recent_stories=tuple((str(i), str(label)) for i, label in recent),
                    speakers=tuple((str(n), int(q)) for n, q in quoted),
                )
            )
        return profiles

    # -- names ------------------------------------------------------------------------------
    def search_names(self, text: str, limit: int = 20) -> list[NameHit]:
        """Speakers and entities whose canonical name contains the text (case-insensitive)."""
        needle = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._db.execute(
            "SELECT n.name, n.label, count(an.article_id), sum(an.mentions), sum(an.quotes) "
            "FROM names n JOIN article_names an ON an.name_id = n.id "
            "WHERE n.name LIKE ? ESCAPE '\\' GROUP BY n.id "
            "ORDER BY sum(an.quotes) > 0 DESC, count(an.article_id) DESC, n.name LIMIT ?",
            (needle, limit),
        ).fetchall()
        return [NameHit(str(r[0]), str(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in rows]

    def articles_naming(
        self, name: str, label: str, limit: int = 5
    ) -> list[tuple[str, str | None, str]]:
        """(article id, outlet, title) of the articles that quote or name someone most; an
        index walk in rank order, however many articles name them."""
        rows = self._db.execute(
            "SELECT a.id, a.outlet, coalesce(a.title, '') FROM article_names an "
            "JOIN articles a ON a.id = an.article_id "
            "WHERE an.name_id = (SELECT id FROM names WHERE name = ? AND label = ?) "
            "ORDER BY an.quotes DESC, an.mentions DESC, an.article_id DESC LIMIT ?",
            (name, label, limit),
        ).fetchall()
        return [(str(r[0]), r[1], str(r[2])) for r in rows]


# Per database: the index's words, most documents first, one per line, and when they were read.
_vocabularies: dict[Path, tuple[str, float]] = {}
_vocabulary_lock = threading.Lock()
_VOCABULARIES_KEPT = 8


def _vocabulary(path: Path) -> str:
    """The words of the database's search index, read at most once per `VOCABULARY_SECONDS`
    by one thread: the first search waits for it, later ones use the old list while one of
    them reads the new one (each reading it would cost them all the same pass)."""
    key = path.resolve()
    known = _vocabularies.get(key)
    if known is not None and time.monotonic() - known[1] <= VOCABULARY_SECONDS:
        return known[0]
    if not _vocabulary_lock.acquire(blocking=known is None):
        assert known is not None
        return known[0]  # another thread is reading it
    try:
        known = _vocabularies.get(key)
        if known is None or time.monotonic() - known[1] > VOCABULARY_SECONDS:
            known = (_read_vocabulary(key), time.monotonic())
            if key not in _vocabularies and len(_vocabularies) >= _VOCABULARIES_KEPT:
                del _vocabularies[min(_vocabularies, key=lambda p: _vocabularies[p][1])]
            _vocabularies[key] = known
        return known[0]
    finally:
        _vocabulary_lock.release()


def _read_vocabulary(path: Path) -> str:
    # A connection of its own: no request's time budget may cut this one bounded pass short,
    # or no search would ever be widened; fts5vocab needs no schema change and works on a
    # read-only database.
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        connection.execute(
            "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, articles_fts, row)"
        )
        rows = connection.execute("SELECT term FROM temp.terms ORDER BY doc DESC")
        return "\n" + "\n".join(row[0] for row in rows) + "\n"
    finally:
        connection.close()
