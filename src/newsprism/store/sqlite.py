"""SQLite store: WAL, numbered migrations, FTS5; one writer, many readers."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import socket
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

from newsprism.dedup.index import SignatureEntry
from newsprism.errors import NotFound, QueryTooCostly, RejectReason, StoreError
from newsprism.model import Article, ArticleKind, ArticleSource, Reject, printable
from newsprism.model.annotations import Annotations
from newsprism.model.edits import corrected_quotes
from newsprism.model.url import host_of
from newsprism.store.base import NearDuplicate, RejectRecord, RunRecord, SearchHit
from newsprism.store.browse import SQLiteBrowse
from newsprism.store.edits import SQLiteEdits
from newsprism.store.spans import annotations_from_rows, name_counts, span_rows
from newsprism.store.stories import SQLiteStories
from newsprism.store.times import from_iso, now_iso, to_iso
from newsprism.store.watch import SQLiteWatchState

DEFAULT_DB_NAME = "newsprism.db"
ENV_DB = "NEWSPRISM_DB"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

SEARCH_SECONDS = 2.0  # a search's time budget
# Control characters and lone surrogates: SQLite reads a NUL as the end of the query (an
# unterminated phrase, a syntax error however it is quoted), and none of them is a word.
_NOT_TEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_ARTICLE_COLUMNS = (
    "id, url, outlet, title, authors, published, fetched, language, text, kind, caption, "
    "description, source_path, ingested_at, teaser, published_offset, updated, dated_by"
)


def default_db_path() -> Path:
    """`$NEWSPRISM_DB`, else `newsprism.db` in the working folder."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB_NAME)


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("newsprism.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def search_text(query: str) -> str:
    """The query as SQLite can read it: control characters become spaces (word breaks)."""
    return _NOT_TEXT.sub(" ", query)


class SQLiteStore(SQLiteStories, SQLiteEdits, SQLiteBrowse, SQLiteWatchState):
    """The default store. Open one writer per database; readers pass `readonly=True`."""

    _deadline: float | None = None  # while in `budget()`: when this connection's queries stop

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(
                        f"database {str(self.path)!r} does not exist; "
                        "create it with `newsprism ingest` or `newsprism demo`"
                    )
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA busy_timeout = 30000")
            self._db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                # WAL: readers never block the writer; NORMAL sync survives a killed process.
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"cannot open database {str(self.path)!r}: {error}; "
                "check that the path is a newsprism database and is writable"
            ) from error
        self._in_transaction = False
        self._known_outlets: set[str] = set()

    # -- schema ---------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.schema_version
        for number, name, sql in _migrations():
            if number <= current:
                continue
            try:
                self._db.execute("BEGIN IMMEDIATE")
                # executescript would commit; run statement by statement inside our transaction.
                for statement in _split_sql(sql):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number:d}")
                self._db.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                self._db.execute("ROLLBACK")
                raise StoreError(
                    f"migration {name} failed on {str(self.path)!r}: {error}"
                ) from error

    # -- transactions ---------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested calls join the outer one."""
        if self._in_transaction:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            self._known_outlets.clear()  # outlet rows of this transaction are gone too
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._in_transaction = False

    @contextmanager
    def _savepoint(self, name: str) -> Iterator[None]:
        """All of the block or none of it, inside the open transaction: a batch statement
        that fails half-way leaves no rows behind (the caller may then retry row by row)."""
        known_outlets = set(self._known_outlets)
        self._db.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self._db.execute(f"ROLLBACK TO {name}")
            self._db.execute(f"RELEASE {name}")
            self._known_outlets = known_outlets  # their rows are gone again
            raise
        self._db.execute(f"RELEASE {name}")

    def close(self) -> None:
        self._db.close()

    # -- runs -----------------------------------------------------------------------------
    def begin_run(self, command: str, args: Sequence[str]) -> int:
        host = socket.gethostname()
        with self.transaction():
            self._mark_dead_runs(host)
            cursor = self._db.execute(
                "INSERT INTO runs (command, args, started_at, host, pid) VALUES (?, ?, ?, ?, ?)",
                (command, json.dumps(list(args), ensure_ascii=False), now_iso(), host, os.getpid()),
            )
        return int(cursor.lastrowid or 0)

    def _mark_dead_runs(self, host: str) -> None:
        """Runs of this machine still `running` whose process is gone were killed."""
        rows = self._db.execute(
            "SELECT id, pid FROM runs WHERE status = 'running' AND host = ?", (host,)
        ).fetchall()
        for run_id, pid in rows:
            if pid is not None and not _process_alive(int(pid)):
                self._db.execute("UPDATE runs SET status = 'interrupted' WHERE id = ?", (run_id,))

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        with self.transaction():
            self._db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                (now_iso(), status, json.dumps(counts, sort_keys=True), run_id),
            )

    def runs(self) -> list[RunRecord]:
        rows = self._db.execute(
            "SELECT id, command, args, started_at, finished_at, status, counts "
            "FROM runs ORDER BY id"
        ).fetchall()
        return [
            RunRecord(
                id=row[0],
                command=row[1],
                args=tuple(json.loads(row[2])),
                started_at=datetime.fromisoformat(row[3]),
                finished_at=from_iso(row[4]),
                status=row[5],
                counts=json.loads(row[6]),
            )
            for row in rows
        ]

    # -- articles -------------------------------------------------------------------------
    def _ensure_outlet(self, outlet: str | None, url: str | None) -> None:
        if outlet is None or outlet in self._known_outlets:
            return
        self._db.execute(
            "INSERT OR IGNORE INTO outlets (name, host, created_at) VALUES (?, ?, ?)",
            (outlet, host_of(url), now_iso()),
        )
        self._known_outlets.add(outlet)

    def add_article(self, article: Article, source: ArticleSource, run_id: int | None) -> bool:
        return self.add_articles([(article, source)], run_id)[0]

    def add_articles(
        self, entries: Sequence[tuple[Article, ArticleSource]], run_id: int | None
    ) -> list[bool]:
        """Store a batch: each article whose id is new (True at its first entry), every source.

        One statement per table for the whole batch, and the search index filled once for the
        batch's new rows: FTS5 indexes a batch about twice as fast as row by row through a
        trigger (bench/ingest_throughput.py), which is why migration 0012 dropped that trigger.
        """
        with self.transaction(), self._savepoint("add_articles"):
            stored = self.stored_ids(article.id for article, _ in entries)
            fresh: dict[str, Article] = {}
            for article, source in entries:
                self._ensure_outlet(article.outlet, article.url)
                self._ensure_outlet(source.outlet, source.url)
                if article.id not in stored:
                    fresh.setdefault(article.id, article)
            (last_seq,) = self._db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()
            self._db.executemany(
                f"INSERT OR IGNORE INTO articles ({_ARTICLE_COLUMNS}, run_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_article_row(article, run_id) for article in fresh.values()],
            )
            self._db.execute(
                "INSERT INTO articles_fts (rowid, title, text) "
                "SELECT seq, title, text FROM articles WHERE seq > ?",
                (last_seq,),
            )
            seen_at = now_iso()
            self._db.executemany(
                "INSERT OR IGNORE INTO article_sources "
                "(article_id, url, outlet, source_path, locator, seen_at, run_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (s.article_id, s.url, s.outlet, s.source_path, s.locator, seen_at, run_id)
                    for _, s in entries
                ],
            )
        new: list[bool] = []
        for article, _ in entries:
            new.append(fresh.pop(article.id, None) is not None)
        return new

    def stored_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these article ids the store holds, in one query per 500."""
        wanted = list(dict.fromkeys(article_ids))
        found: set[str] = set()
        for chunk_start in range(0, len(wanted), 500):  # far below the bound-parameter limit
            chunk = wanted[chunk_start : chunk_start + 500]
            rows = self._db.execute(
                f"SELECT id FROM articles WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
            )
            found.update(row[0] for row in rows)
        return found

    def add_annotations(self, annotations: Annotations) -> None:
        """Replace the article's spans with these (analysis may run again with better models)."""
        with self.transaction():
            self._update_kind(annotations)
            self._db.execute("DELETE FROM spans WHERE article_id = ?", (annotations.article_id,))
            self._db.executemany(
                'INSERT INTO spans (article_id, layer, start, "end", label, attrs) '
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(annotations.article_id, *row) for row in span_rows(annotations)],
            )
            self._db.execute(
                "DELETE FROM article_names WHERE article_id = ?", (annotations.article_id,)
            )
            for (name, label), (mentions, quotes) in name_counts(annotations).items():
                (name_id,) = self._db.execute(
                    "INSERT INTO names (name, label) VALUES (?, ?) "
                    "ON CONFLICT (name, label) DO UPDATE SET name = excluded.name RETURNING id",
                    (name, label),
                ).fetchone()
                self._db.execute(
                    "INSERT INTO article_names (name_id, article_id, mentions, quotes) "
                    "VALUES (?, ?, ?, ?)",
                    (name_id, annotations.article_id, mentions, quotes),
                )

    def _update_kind(self, annotations: Annotations) -> None:
        """The kind analysis decided becomes the article's kind, unless its source declared
        one: the stored kind is replaced only while it is unknown or the one analysis decided
        before (a newer analysis may decide better)."""
        if annotations.kind is None:
            return
        row = self._db.execute(
            "SELECT attrs FROM spans WHERE article_id = ? AND layer = 'analysis'",
            (annotations.article_id,),
        ).fetchone()
        decided_before = json.loads(row[0] or "{}").get("kind") if row else None
        self._db.execute(
            "UPDATE articles SET kind = ? WHERE id = ? AND kind IN ('unknown', ?)",
            (annotations.kind.value, annotations.article_id, decided_before or "unknown"),
        )

    def articles_analysed_otherwise(
        self, version: str, story_id: str | None = None, *, every: bool = False
    ) -> list[str]:
        """Ids of the articles (of one story, or all) whose stored analysis was made with
        another `version` or is missing; with `every`, all of them. In ingest order."""
        story_filter = "AND a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)"
        params: list[str] = [] if every else [version]
        version_filter = (
            ""
            if every
            else "AND coalesce((SELECT json_extract(s.attrs, '$.version') FROM spans s "
            "WHERE s.article_id = a.id AND s.layer = 'analysis'), '') != ?"
        )
        if story_id is not None:
            params.append(story_id)
        rows = self._db.execute(
            f"SELECT a.id FROM articles a WHERE 1 {version_filter} "
            f"{story_filter if story_id is not None else ''} ORDER BY a.seq",
            params,
        )
        return [row[0] for row in rows]

    def annotations(self, article_id: str) -> Annotations | None:
        rows = self._db.execute(
            'SELECT layer, start, "end", label, attrs FROM spans WHERE article_id = ? ORDER BY id',
            (article_id,),
        ).fetchall()
        found = annotations_from_rows(article_id, rows)
        speakers = self.speaker_corrections([article_id]).get(article_id) if found else None
        if found is None or not speakers:
            return found
        # the user's corrections of speakers, on top of what analysis found
        return dataclasses.replace(found, quotes=corrected_quotes(found.quotes, speakers))

    def has_article(self, article_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def article(self, article_id: str) -> Article:
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFound("article", article_id)
        return _article_from_row(row)

    def articles(
        self, *, outlet: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Article]:
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles"
        params: list[object] = []
        if outlet is not None:
            sql += " WHERE outlet = ?"
            params.append(outlet)
        sql += " ORDER BY seq LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
        # A separate cursor streams rows without loading the table.
        for row in self._db.execute(sql, params):
            yield _article_from_row(row)

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def outlets(self) -> list[tuple[str, int]]:
        rows = self._db.execute(
            "SELECT o.name, count(a.id) FROM outlets o LEFT JOIN articles a ON a.outlet = o.name "
            "GROUP BY o.name ORDER BY o.name"
        ).fetchall()
        return [(row[0], int(row[1])) for row in rows]

    def sources(self, article_id: str) -> list[ArticleSource]:
        rows = self._db.execute(
            "SELECT article_id, url, outlet, source_path, locator FROM article_sources "
            "WHERE article_id = ? ORDER BY rowid",
            (article_id,),
        ).fetchall()
        return [ArticleSource(*row) for row in rows]

    @contextmanager
    def budget(self, deadline: float) -> Iterator[float]:
        """Every query on this connection inside the block stops at `deadline` (a
        `time.monotonic()` value) with `sqlite3.OperationalError` ("interrupted").

        Nested blocks keep the earlier deadline, which the block gets: a search inside a web
        request has what is left of the request's budget, never more. Meant for reads: a write
        interrupted half-way fails, and its transaction rolls back.
        """
        outer = self._deadline
        self._deadline = deadline if outer is None else min(outer, deadline)
        in_transaction = self._db.in_transaction
        self._watch(self._deadline)
        try:
            yield self._deadline
        finally:
            self._deadline = outer
            self._watch(outer)
            if self._db.in_transaction and not in_transaction:
                # Even a COMMIT can be interrupted (the step count is kept per statement
                # across runs); a read left open would pin its snapshot, and the WAL, for good.
                self._db.execute("ROLLBACK")

    def _watch(self, deadline: float | None) -> None:
        if deadline is None:
            self._db.set_progress_handler(None, 0)
        else:
            # Checked every 1,000 virtual-machine steps: cheap, and fine-grained enough that a
            # runaway query stops within milliseconds of its deadline.
            self._db.set_progress_handler(lambda: int(time.monotonic() > deadline), 1_000)

    def search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        marks: tuple[str, str] = ("[", "]"),
        newest: bool = False,
    ) -> list[SearchHit]:
        """Full-text search (FTS5 syntax, or free text); the snippet wraps hits in `marks`.

        By relevance (bm25, computed for every match), or with `newest` by ingest order, newest
        first, which reads only the hits it returns however common the words are. The whole call,
        fallback included, runs within `SEARCH_SECONDS` (or an enclosing `budget`); past it,
        `QueryTooCostly`.
        """
        text = search_text(query)
        if not text.strip():
            return []  # nothing left to search for (FTS5 would call it a syntax error)
        started = time.monotonic()
        # A query in FTS5 syntax can ask for unbounded work (and memory): stop it in time.
        with self.budget(started + SEARCH_SECONDS) as deadline:
            if time.monotonic() >= deadline:
                # Nothing left of an enclosing budget. FTS5 does most of a match's work inside
                # one step of SQLite's virtual machine, where the step-count watch cannot stop
                # it: a small index answers before the watch looks once.
                raise QueryTooCostly(query, _seconds(deadline - started))
            try:
                # German compounds: plain words also find the compounds holding them (browse.py)
                return self._match(self.compound_query(text), limit, offset, marks, newest)
            except sqlite3.OperationalError as error:
                if time.monotonic() > deadline:
                    raise QueryTooCostly(query, _seconds(deadline - started)) from error
            # Free text that is not valid FTS5 syntax: search it as one quoted phrase, once, in
            # what is left of the same budget. Without control characters a phrase is always
            # valid FTS5, so this is the last try.
            phrase = '"' + text.replace('"', '""') + '"'
            try:
                return self._match(phrase, limit, offset, marks, newest)
            except sqlite3.OperationalError as error:
                if time.monotonic() > deadline:
                    raise QueryTooCostly(query, _seconds(deadline - started)) from error
                raise StoreError(f"search in {str(self.path)!r} failed: {error}") from error

    def _match(
        self, match: str, limit: int, offset: int, marks: tuple[str, str], newest: bool
    ) -> list[SearchHit]:
        order = "articles_fts.rowid DESC" if newest else "rank"
        rows = self._db.execute(
            f"SELECT {', '.join('a.' + c.strip() for c in _ARTICLE_COLUMNS.split(','))}, "
            "snippet(articles_fts, 1, ?, ?, '…', 16) "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? ORDER BY {order} LIMIT ? OFFSET ?",
            (marks[0], marks[1], match, limit, offset),
        ).fetchall()
        return [SearchHit(_article_from_row(row[:-1]), row[-1]) for row in rows]

    # -- near-duplicates ------------------------------------------------------------------
    def add_near_duplicate(self, link: NearDuplicate) -> None:
        self.add_near_duplicates([link])

    def add_near_duplicates(self, links: Sequence[NearDuplicate]) -> None:
        with self.transaction():
            self._db.executemany(
                "INSERT OR IGNORE INTO near_duplicates "
                "(article_id, copy_of, similarity, method, containment) VALUES (?, ?, ?, ?, ?)",
                [(k.article_id, k.copy_of, k.similarity, k.method, k.containment) for k in links],
            )

    def near_duplicates(self, article_id: str | None = None) -> list[NearDuplicate]:
        sql = "SELECT article_id, copy_of, similarity, method, containment FROM near_duplicates"
        params: tuple[str, ...] = ()
        if article_id is not None:
            sql += " WHERE article_id = ? OR copy_of = ?"
            params = (article_id, article_id)
        rows = self._db.execute(sql + " ORDER BY rowid", params).fetchall()
        return [NearDuplicate(*row) for row in rows]

    def add_signature(
        self, article_id: str, signature: bytes, buckets: Sequence[tuple[int, int]]
    ) -> None:
        self.add_signatures([(article_id, signature, buckets)])

    def add_signatures(self, entries: Sequence[SignatureEntry]) -> None:
        with self.transaction():
            self._db.executemany(
                "INSERT OR IGNORE INTO minhash_signatures (article_id, signature) VALUES (?, ?)",
                [(article_id, signature) for article_id, signature, _ in entries],
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO lsh_buckets (band, bucket, article_id) VALUES (?, ?, ?)",
                [
                    (band, bucket, article_id)
                    for article_id, _, buckets in entries
                    for band, bucket in buckets
                ],
            )

    def bucket_mates(self, buckets: Sequence[tuple[int, int]]) -> set[str]:
        return {mate for mates in self.bucket_members(buckets).values() for mate in mates}

    def bucket_members(
        self, buckets: Iterable[tuple[int, int]]
    ) -> dict[tuple[int, int], list[str]]:
        keys = list(dict.fromkeys(buckets))
        members: dict[tuple[int, int], list[str]] = {}
        # Chunked to stay far below SQLite's bound-parameter limit.
        for chunk_start in range(0, len(keys), 400):
            chunk = keys[chunk_start : chunk_start + 400]
            where = " OR ".join("(band = ? AND bucket = ?)" for _ in chunk)
            params = [value for pair in chunk for value in pair]
            rows = self._db.execute(
                f"SELECT band, bucket, article_id FROM lsh_buckets WHERE {where}", params
            )
            for band, bucket, article_id in rows:
                members.setdefault((band, bucket), []).append(article_id)
        return members

    def signatures(self, article_ids: Iterable[str]) -> dict[str, bytes]:
        ids = list(article_ids)
        found: dict[str, bytes] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            rows = self._db.execute(
                "SELECT article_id, signature FROM minhash_signatures WHERE article_id IN "
                f"({', '.join('?' for _ in chunk)})",
                chunk,
            )
            found.update((row[0], row[1]) for row in rows)
        return found

    # -- vectors (analyse/encoder.py) -----------------------------------------------------
    def vectors(self, keys: Iterable[str]) -> dict[str, bytes]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, bytes] = {}
        for chunk_start in range(0, len(wanted), 500):  # far below the bound-parameter limit
            chunk = wanted[chunk_start : chunk_start + 500]
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({', '.join('?' for _ in chunk)})",
                chunk,
            )
            found.update((row[0], row[1]) for row in rows)
        return found

    def add_vectors(self, items: Mapping[str, bytes]) -> None:
        if self.readonly:  # a reader (the web app) computes what it needs and cannot keep it
            return
        with self.transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", items.items()
            )

    # -- rejects --------------------------------------------------------------------------
    def add_reject(self, reject: Reject, run_id: int | None) -> None:
        now = now_iso()
        with self.transaction():
            self._db.execute(
                "INSERT INTO rejects "
                "(source, locator, reason, detail, first_seen, last_seen, run_id, article_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (source, coalesce(locator, ''), reason) DO UPDATE SET "
                "detail = excluded.detail, last_seen = excluded.last_seen, "
                "times = times + 1, run_id = excluded.run_id, article_id = excluded.article_id",
                (
                    printable(reject.source),
                    printable(reject.locator) if reject.locator is not None else None,
                    reject.reason.value,
                    printable(reject.detail),
                    now,
                    now,
                    run_id,
                    reject.article_id,
                ),
            )

    def rejects(
        self, run_id: int | None = None, article_id: str | None = None
    ) -> list[RejectRecord]:
        sql = (
            "SELECT source, locator, reason, detail, first_seen, last_seen, times, run_id, "
            "article_id FROM rejects WHERE 1 = 1"
        )
        params: list[int | str] = []
        if run_id is not None:
            sql += " AND run_id = ?"
            params.append(run_id)
        if article_id is not None:
            sql += " AND article_id = ?"
            params.append(article_id)
        rows = self._db.execute(sql + " ORDER BY id", params).fetchall()
        return [
            RejectRecord(
                reject=Reject(
                    source=row[0],
                    locator=row[1],
                    reason=RejectReason(row[2]),
                    detail=row[3],
                    article_id=row[8],
                ),
                first_seen=datetime.fromisoformat(row[4]),
                last_seen=datetime.fromisoformat(row[5]),
                times=int(row[6]),
                run_id=row[7],
            )
            for row in rows
        ]

    # -- checks ---------------------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        """Empty when the database is consistent (used by the kill tests and `doctor`)."""
        problems = [
            str(row[0]) for row in self._db.execute("PRAGMA integrity_check") if str(row[0]) != "ok"
        ]
        problems += [
            f"foreign key: {tuple(row)}" for row in self._db.execute("PRAGMA foreign_key_check")
        ]
        indexed = self._db.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        if indexed != self.count_articles():
            problems.append(f"fts5 index holds {indexed} rows for {self.count_articles()} articles")
        try:
            self._db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as error:
            if not self.readonly:
                problems.append(f"fts5 integrity: {error}")
        return problems


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _article_from_row(row: Sequence[object]) -> Article:
    (
        ident,
        url,
        outlet,
        title,
        authors,
        published,
        fetched,
        language,
        text,
        kind,
        caption,
        description,
        source_path,
        ingested_at,
        teaser,
        published_offset,
        updated,
        dated_by,
    ) = row
    return Article(
        id=str(ident),
        url=_opt(url),
        outlet=_opt(outlet),
        title=_opt(title),
        authors=tuple(json.loads(str(authors))),
        published=_with_offset(from_iso(_opt(published)), published_offset),
        fetched=from_iso(_opt(fetched)),
        language=_opt(language),
        text=str(text),
        kind=ArticleKind(str(kind)),
        caption=_opt(caption),
        description=_opt(description),
        source_path=_opt(source_path),
        ingested_at=from_iso(_opt(ingested_at)),
        teaser=bool(teaser),
        updated=from_iso(_opt(updated)),
        dated_by=_opt(dated_by),
    )


def _offset_seconds(moment: datetime | None) -> int | None:
    offset = None if moment is None else moment.utcoffset()
    return None if offset is None else int(offset.total_seconds())


def _with_offset(moment: datetime | None, seconds: object) -> datetime | None:
    """The stored UTC time in the offset the article gave (rows before 0009 have none)."""
    if moment is None or not isinstance(seconds, int):
        return moment
    return moment.astimezone(timezone(timedelta(seconds=seconds)))


def _seconds(budget: float) -> float:
    """A budget as the error message shows it (an enclosing one may have run out already)."""
    return round(max(budget, 0.0), 2)


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements; `sqlite3.complete_statement` keeps triggers whole."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def _article_row(article: Article, run_id: int | None) -> tuple[object, ...]:
    return (
        article.id,
        article.url,
        article.outlet,
        article.title,
        json.dumps(list(article.authors), ensure_ascii=False),
        to_iso(article.published),
        to_iso(article.fetched),
        article.language,
        article.text,
        article.kind.value,
        article.caption,
        article.description,
        article.source_path,
        to_iso(article.ingested_at) or now_iso(),
        int(article.teaser),
        _offset_seconds(article.published),
        article.updated.isoformat() if article.updated else None,
        article.dated_by,
        run_id,
    )
