"""What `newsprism watch` keeps in the database: feeds, their health, and every URL fetched.

Mixed into SQLiteStore. The watcher writes a URL's state in the same transaction as the article
it produced, so a watcher killed at any moment neither loses nor repeats an article.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newsprism.store.times import from_iso, now_iso, to_iso


@dataclass(frozen=True, slots=True)
class FeedState:
    url: str
    outlet: str | None
    kind: str  # feed | sitemap
    interval: float
    etag: str | None
    last_modified: str | None
    last_poll: datetime | None
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    failures: int
    next_poll: datetime | None
    articles: int
    skipped: int = 0  # new items the last successful poll left for later polls (max_items)


@dataclass(frozen=True, slots=True)
class UrlState:
    url: str
    status: str  # done | failed | retry
    reason: str | None
    article_id: str | None
    attempts: int


_FEED_COLUMNS = (
    "url, outlet, kind, interval, etag, last_modified, last_poll, last_success, last_error, "
    "last_error_at, failures, next_poll, articles, skipped"
)


class SQLiteWatchState:
    """Needs the store's connection and transaction."""

    _db: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def add_feed(self, url: str, outlet: str | None, kind: str, interval: float) -> None:
        """Follow a feed (or update how); its polling state stays."""
        with self.transaction():
            self._db.execute(
                "INSERT INTO feeds (url, outlet, kind, interval, added_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET outlet = excluded.outlet, kind = excluded.kind, "
                "interval = excluded.interval",
                (url, outlet, kind, interval, now_iso()),
            )

    def feed_states(self) -> list[FeedState]:
        rows = self._db.execute(f"SELECT {_FEED_COLUMNS} FROM feeds ORDER BY outlet, url")
        return [_feed_from_row(row) for row in rows]

    def feed_state(self, url: str) -> FeedState | None:
        row = self._db.execute(
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = ?", (url,)
        ).fetchone()
        return None if row is None else _feed_from_row(row)

    def record_poll(
        self,
        url: str,
        *,
        error: str | None,
        next_poll: datetime,
        etag: str | None = None,
        last_modified: str | None = None,
        new_articles: int = 0,
        skipped: int = 0,
    ) -> None:
        """After a poll: success resets the failure count, an error adds to it.

        A successful poll that left new items for later (`skipped`) forgets the feed's ETag
        and Last-Modified: the next poll must read the feed whole to find them, and a 304
        to a conditional request would hide them for as long as the feed does not change.
        """
        now = now_iso()
        with self.transaction():
            if error is None:
                backlog = skipped > 0
                self._db.execute(
                    "UPDATE feeds SET last_poll = ?, last_success = ?, failures = 0, "
                    "next_poll = ?, etag = CASE WHEN ? THEN NULL ELSE coalesce(?, etag) END, "
                    "last_modified = CASE WHEN ? THEN NULL ELSE coalesce(?, last_modified) END, "
                    "articles = articles + ?, skipped = ? WHERE url = ?",
                    (
                        now,
                        now,
                        to_iso(next_poll),
                        backlog,
                        etag,
                        backlog,
                        last_modified,
                        new_articles,
                        skipped,
                        url,
                    ),
                )
            else:
                self._db.execute(
                    "UPDATE feeds SET last_poll = ?, last_error = ?, last_error_at = ?, "
                    "failures = failures + 1, next_poll = ?, articles = articles + ? "
                    "WHERE url = ?",
                    (now, error, now, to_iso(next_poll), new_articles, url),
                )

    def url_state(self, url: str) -> UrlState | None:
        row = self._db.execute(
            "SELECT url, status, reason, article_id, attempts FROM fetched_urls WHERE url = ?",
            (url,),
        ).fetchone()
        return None if row is None else UrlState(row[0], row[1], row[2], row[3], int(row[4]))

    def record_url(
        self,
        url: str,
        *,
        fetched_url: str,
        feed_url: str | None,
        status: str,
        reason: str | None = None,
        article_id: str | None = None,
    ) -> None:
        now = now_iso()
        with self.transaction():
            self._db.execute(
                "INSERT INTO fetched_urls (url, fetched_url, feed_url, status, reason, "
                "article_id, attempts, first_seen, last_attempt) "
                "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) "
                # A URL that gave an article stays done, whatever a later attempt says.
                "ON CONFLICT(url) DO UPDATE SET status = CASE WHEN fetched_urls.status = 'done' "
                "THEN 'done' ELSE excluded.status END, "
                "reason = CASE WHEN fetched_urls.status = 'done' THEN fetched_urls.reason "
                "ELSE excluded.reason END, "
                "article_id = coalesce(excluded.article_id, article_id), "
                "attempts = attempts + 1, last_attempt = excluded.last_attempt",
                (url, fetched_url, feed_url, status, reason, article_id, now, now),
            )

    def url_failures(self, feed_url: str | None = None) -> list[tuple[str, str, str | None, int]]:
        """(url as announced, status, reason, attempts) of URLs that did not become articles."""
        sql = (
            "SELECT fetched_url, status, reason, attempts FROM fetched_urls WHERE status != 'done'"
        )
        params: tuple[str, ...] = ()
        if feed_url is not None:
            sql += " AND feed_url = ?"
            params = (feed_url,)
        return [
            (str(r[0]), str(r[1]), r[2], int(r[3]))
            for r in self._db.execute(sql + " ORDER BY url", params)
        ]

    def urls_to_retry(self, feed_url: str, attempts: int) -> list[str]:
        """Addresses (as announced) of a feed whose failure may pass, tried fewer times."""
        rows = self._db.execute(
            "SELECT fetched_url FROM fetched_urls WHERE feed_url = ? AND status = 'retry' "
            "AND attempts < ? ORDER BY first_seen, url",
            (feed_url, attempts),
        )
        return [str(row[0]) for row in rows]

    def articles_per_day(self, days: int = 7) -> dict[str, float]:
        """Per feed, new articles a day over the last `days` days."""
        since = to_iso(datetime.now(UTC) - timedelta(days=days))
        rows = self._db.execute(
            "SELECT feed_url, count(*) FROM fetched_urls WHERE status = 'done' "
            "AND article_id IS NOT NULL AND first_seen >= ? GROUP BY feed_url",
            (since,),
        )
        return {str(feed): int(count) / days for feed, count in rows if feed is not None}

    def set_outlet_groups(self, groups: Iterable[tuple[str, Iterable[str]]]) -> None:
        """Record each outlet's groups (from the feeds file) for filters and blindspots."""
        with self.transaction():
            for outlet, names in groups:
                value = json.dumps(sorted(set(names)), ensure_ascii=False)
                self._db.execute(
                    "INSERT INTO outlets (name, groups, created_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(name) DO UPDATE SET groups = excluded.groups",
                    (outlet, value, now_iso()),
                )


def _feed_from_row(row: tuple[object, ...]) -> FeedState:
    def text(value: object) -> str | None:
        return None if value is None else str(value)

    return FeedState(
        url=str(row[0]),
        outlet=text(row[1]),
        kind=str(row[2]),
        interval=float(str(row[3])),
        etag=text(row[4]),
        last_modified=text(row[5]),
        last_poll=from_iso(text(row[6])),
        last_success=from_iso(text(row[7])),
        last_error=text(row[8]),
        last_error_at=from_iso(text(row[9])),
        failures=int(str(row[10])),
        next_poll=from_iso(text(row[11])),
        articles=int(str(row[12])),
        skipped=int(str(row[13])),
    )
