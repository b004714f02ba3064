"""The watcher: poll feeds and sitemaps, fetch new article pages, ingest them as `ingest` does.

Pages are fetched by a small thread pool (the Fetcher keeps per-host limits) and extracted
there; the one writer, this thread, stores them in feed order, each article in its own
transaction together with its URL's state. A watcher killed at any moment therefore leaves
every URL either done (with its article) or not yet seen, and the next run picks up there.
SIGINT/SIGTERM set `stop`: the article in hand is finished, the rest waits for the next run.

A feed's new items are fetched at most `max_items` a poll, the newest first (by their date;
undated ones after dated ones, in the feed's order); the others are not recorded anywhere but
counted, and the feed's ETag is dropped, so the next poll reads the feed whole and takes the
next newest. Items a feed stops listing before their turn are not fetched.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from newsprism.errors import ConfigError, FetchError, FetchReason, InputRejected, RejectReason
from newsprism.ingest.html import extract_html
from newsprism.ingest.records import FoundArticle
from newsprism.model import Article, Reject
from newsprism.run import IngestOptions, Ingestor
from newsprism.store import SQLiteStore
from newsprism.watch.fetch import Fetched, Fetcher
from newsprism.watch.items import FeedItem, parse_feed, parse_sitemap, teaser_from_item
from newsprism.watch.paywall import is_teaser
from newsprism.watch.sources import FeedSource
from newsprism.watch.urls import normalise_url

# A URL that failed for a reason that may pass (timeout, 5xx) is tried again on later polls,
# this many times in all; other failures (404, robots, no text, too large) are final.
MAX_URL_ATTEMPTS = 3
# Pages stored in one transaction at most (analysis and clustering run per batch).
BATCH = 25
_TRANSIENT = ("timeout", "network", "http-5", "http-429")
# A failing feed waits interval × 2^failures, up to this long.
MAX_BACKOFF = timedelta(hours=6)
_HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/octet-stream")


@dataclass(slots=True)
class WatchStatus:
    """What the status line shows; counts since the watcher started."""

    polls: int = 0
    feeds_failed: int = 0
    not_modified: int = 0
    new_articles: int = 0
    duplicates: int = 0
    teasers: int = 0
    urls_failed: int = 0
    stories_touched: int = 0
    last_error: str = ""
    skipped: int = 0  # new items the feeds' latest polls left for later polls (max_items)
    # Per feed URL with a backlog: (new items left for later, new items announced).
    skipped_feeds: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Page:
    """A fetched and extracted page, or why not."""

    source: FeedSource
    item: FeedItem
    key: str  # normalised URL
    found: FoundArticle | None = None
    failure: str | None = None  # reason code and detail
    transient: bool = False


@dataclass
class Watcher:
    store: SQLiteStore
    sources: Sequence[FeedSource]
    fetcher: Fetcher
    options: IngestOptions = field(default_factory=IngestOptions)
    workers: int = 8
    max_items: int | None = None  # new items per feed and poll; None: each source's own
    on_change: Callable[[WatchStatus], None] | None = None
    status: WatchStatus = field(default_factory=WatchStatus)
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ConfigError(f"workers must be at least 1, got {self.workers}")
        if self.max_items is not None and self.max_items < 1:
            raise ConfigError(f"max_items must be at least 1, got {self.max_items}")
        self.store.set_outlet_groups(
            (s.outlet, s.groups) for s in self.sources if s.outlet and s.groups
        )
        for source in self.sources:
            self.store.add_feed(source.url, source.outlet, source.kind, source.interval)

    # -- running -------------------------------------------------------------------------------
    def run(self, once: bool = False, command: str = "watch") -> WatchStatus:
        """Poll until `stop` is set (every feed once with `once`)."""
        run_id = self.store.begin_run(command, [s.url for s in self.sources])
        ingestor = Ingestor(self.store, self.options, run_id)
        state = "failed"
        try:
            with ThreadPoolExecutor(self.workers, thread_name_prefix="fetch") as pool:
                if once:
                    self._poll_round(list(self.sources), ingestor, pool)
                else:
                    while not self.stop.is_set():
                        self._poll_round(self._due(), ingestor, pool)
                        self.stop.wait(self._seconds_to_next())
            state = "interrupted" if self.stop.is_set() else "done"
            return self.status
        finally:
            counts = {**ingestor.report.counts(), "items_skipped": self.status.skipped}
            self.store.finish_run(run_id, state, counts)

    def _due(self) -> list[FeedSource]:
        now = datetime.now(UTC)
        states = {state.url: state for state in self.store.feed_states()}
        return [
            source
            for source in self.sources
            if (state := states.get(source.url)) is None
            or state.next_poll is None
            or state.next_poll <= now
        ]

    def _seconds_to_next(self) -> float:
        followed = {source.url for source in self.sources}  # not feeds of earlier files
        polls = [
            s.next_poll
            for s in self.store.feed_states()
            if s.next_poll is not None and s.url in followed
        ]
        if not polls:
            return 1.0
        return max(0.5, min(60.0, (min(polls) - datetime.now(UTC)).total_seconds()))

    # -- a round of polls ----------------------------------------------------------------------
    def _poll_round(
        self, sources: Sequence[FeedSource], ingestor: Ingestor, pool: ThreadPoolExecutor
    ) -> None:
        """Poll the feeds, then fetch all their new pages at once, spread over the hosts.

        A feed's poll (and its ETag) is recorded only when all its pages are stored: a watcher
        stopped or killed before that polls the feed again and finds what is left.
        """
        polled: list[tuple[FeedSource, Fetched | None, list[FeedItem]]] = []
        for source in sources:
            if self.stop.is_set():
                return
            result = self._poll(source, ingestor)
            if result is not None:
                polled.append((source, *result))
        todo: list[tuple[FeedSource, FeedItem, str]] = []
        seen: set[str] = set()  # one address announced by two feeds is fetched once
        skipped: dict[str, int] = {}
        for source, _, items in polled:
            taken, skipped[source.url] = self._new_items(source, items, ingestor, seen)
            todo += taken
        stored = self._fetch_and_store(_spread_over_hosts(todo), ingestor, pool)
        if stored is None:
            return  # stopped: the polls stay unrecorded
        with self.store.transaction():
            self.store.apply_user_edits()  # corrections by hand stay on top of each round
        ingestor.compare_changed()  # the web app shows the grown stories without analysing
        for source, fetched, _ in polled:
            self._polled(
                source,
                None,
                stored.get(source.url, 0),
                etag=fetched.etag if fetched else None,
                last_modified=fetched.last_modified if fetched else None,
                skipped=skipped[source.url],
            )

    def _poll(
        self, source: FeedSource, ingestor: Ingestor
    ) -> tuple[Fetched | None, list[FeedItem]] | None:
        """The feed's items (none when unchanged: 304) plus pages to retry; None on failure."""
        state = self.store.feed_state(source.url)
        failures = state.failures if state else 0
        self.status.polls += 1
        try:
            fetched = self.fetcher.get(
                source.url,
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
            )
            if fetched.status == 304:
                self.status.not_modified += 1
                items = []
            else:
                items = self._items(source, fetched.body)
        except (FetchError, InputRejected) as error:
            reason = _reason(error)
            self.status.feeds_failed += 1
            self.status.last_error = f"{source.url}: {reason}"
            ingestor.reject(Reject(source.url, _reject_reason(error), reason))
            self._polled(source, reason, 0, failures + 1)
            return None
        # Pages that failed for a passing reason are tried again, even when the feed is unchanged.
        retries = self.store.urls_to_retry(source.url, MAX_URL_ATTEMPTS)
        return (None if fetched.status == 304 else fetched), items + [
            FeedItem(link) for link in retries
        ]

    def _items(self, source: FeedSource, body: bytes) -> list[FeedItem]:
        if source.kind != "sitemap":
            return parse_feed(body, source.url)
        items: list[FeedItem] = []
        for item in parse_sitemap(body, source.url):
            if item.is_sitemap and item.link:
                # One level of sitemap index; each child is fetched politely too.
                child = self.fetcher.get(item.link)
                items += [i for i in parse_sitemap(child.body, item.link) if not i.is_sitemap]
            elif not item.is_sitemap:
                items.append(item)
        return items

    def _polled(
        self,
        source: FeedSource,
        error: str | None,
        new_articles: int,
        failures: int = 0,
        etag: str | None = None,
        last_modified: str | None = None,
        skipped: int = 0,
    ) -> None:
        wait = timedelta(seconds=source.interval)
        if error is not None:
            wait = min(MAX_BACKOFF, wait * 2 ** min(failures, 10))
        self.store.record_poll(
            source.url,
            error=error,
            next_poll=datetime.now(UTC) + wait,
            etag=etag,
            last_modified=last_modified,
            new_articles=new_articles,
            skipped=skipped,
        )
        self._changed()

    # -- their articles ------------------------------------------------------------------------
    def _new_items(
        self, source: FeedSource, items: Sequence[FeedItem], ingestor: Ingestor, seen: set[str]
    ) -> tuple[list[tuple[FeedSource, FeedItem, str]], int]:
        """The feed's items to fetch now (at most max_items, newest first), and how many new
        ones are left for later polls."""
        todo = []
        mine: set[str] = set()
        for number, item in enumerate(items, 1):
            if not item.link:
                where = f"item {number}: {item.title or ''}"[:200]
                ingestor.reject(
                    Reject(source.url, RejectReason.BAD_RECORD, "feed item without a link", where)
                )
                continue
            key = normalise_url(item.link)
            if key in seen or key in mine:
                continue
            mine.add(key)
            known = self.store.url_state(key)
            if known is None or (known.status == "retry" and known.attempts < MAX_URL_ATTEMPTS):
                todo.append((source, item, key))
        cap = self.max_items or source.max_items
        left = max(0, len(todo) - cap)
        if left:
            # The newest `cap`, fetched and stored in the feed's order as always.
            newest = sorted(range(len(todo)), key=lambda i: _newest_first(todo[i][1], i))
            todo = [todo[i] for i in sorted(newest[:cap])]
            self.status.skipped_feeds[source.url] = (left, left + cap)
        else:
            self.status.skipped_feeds.pop(source.url, None)
        self.status.skipped = sum(n for n, _ in self.status.skipped_feeds.values())
        # Only what this feed fetches now counts as taken: another feed may fetch the rest.
        seen.update(key for _, _, key in todo)
        return todo, left

    def _fetch_and_store(
        self,
        todo: Sequence[tuple[FeedSource, FeedItem, str]],
        ingestor: Ingestor,
        pool: ThreadPoolExecutor,
    ) -> dict[str, int] | None:
        """Fetch in the pool, store in order; new articles per feed, or None when stopped."""
        window = self.workers * 4  # pages fetched ahead of the writer, at most
        futures: deque[Future[_Page]] = deque()
        pending = iter(todo)
        stored: dict[str, int] = {}
        batch: list[_Page] = []

        def submit() -> None:
            while len(futures) < window:
                entry = next(pending, None)
                if entry is None:
                    return
                futures.append(pool.submit(self._fetch_page, *entry))

        try:
            submit()
            while futures:
                if self.stop.is_set():
                    return None
                # Store what is ready before waiting for more: small batches while pages
                # trickle in, up to BATCH when they come fast.
                if batch and (len(batch) >= BATCH or not futures[0].done()):
                    self._store_pages(batch, ingestor, stored)
                    batch = []
                    continue
                batch.append(futures.popleft().result())
                submit()
            if batch:
                if self.stop.is_set():
                    return None
                self._store_pages(batch, ingestor, stored)
            return stored
        finally:
            for future in futures:  # not stored: fetched again by the next run
                future.cancel()

    def _fetch_page(self, source: FeedSource, item: FeedItem, key: str) -> _Page:
        """In a worker thread: fetch and extract; never raises."""
        if self.stop.is_set():
            return _Page(source, item, key, failure="stopped", transient=True)
        assert item.link is not None
        try:
            fetched = self.fetcher.get(item.link)
            kind = (fetched.content_type or "text/html").split(";")[0].strip().lower()
            if not kind.startswith(_HTML_TYPES):
                raise FetchError(FetchReason.CONTENT_TYPE, item.link, f"{kind} is not a web page")
            found = extract_html(
                fetched.body,
                item.link,
                url=fetched.final_url,
                content_type=fetched.content_type,
                fetched=datetime.now(UTC),
            )
        except FetchError as error:
            transient = _transient(error)
            summary = None if transient else teaser_from_item(item, source.url)
            if summary is not None:  # the page is gone for good: the feed's summary, a teaser
                return _Page(source, item, key, replace(summary, outlet=source.outlet))
            return _Page(source, item, key, failure=_reason(error), transient=transient)
        except InputRejected as error:
            return _Page(source, item, key, failure=_reason(error))
        except Exception as error:  # a library failing on a hostile page must not stop us
            failure = f"unreadable: {type(error).__name__}: {error}"
            return _Page(source, item, key, failure=failure)
        teaser = is_teaser(fetched.body[:400_000].decode("utf-8", "replace"), found.text)
        return _Page(
            source,
            item,
            key,
            FoundArticle(
                text=found.text,
                source_path=source.url,
                locator=item.link,
                title=found.title or item.title,
                url=item.link,
                outlet=source.outlet or found.outlet,
                authors=found.authors,
                published=found.published or item.published,
                updated=found.updated,
                dated_by=found.dated_by
                if found.published
                else ("feed" if item.published else None),
                fetched=found.fetched,
                description=found.description,
                teaser=teaser,
            ),
        )

    def _store_pages(
        self, pages: Sequence[_Page], ingestor: Ingestor, stored_per_feed: dict[str, int]
    ) -> None:
        """In the writer thread: the articles and their URLs' states in one transaction."""
        found = [page.found for page in pages if page.found is not None]
        outcomes: list[tuple[_Page, bool]] = []  # (page, a new article), once committed
        with self.store.transaction():
            stored = {article.id for article in ingestor.add(found)}
            for page in pages:
                link = page.item.link or page.key
                if page.found is None:
                    failure = page.failure or "unknown"
                    self.store.record_url(
                        page.key,
                        fetched_url=link,
                        feed_url=page.source.url,
                        status="retry" if page.transient else "failed",
                        reason=failure,
                    )
                    ingestor.reject(Reject(link, RejectReason.UNREADABLE, failure))
                    outcomes.append((page, False))
                    continue
                article_id = Article.from_text(page.found.text).id
                self.store.record_url(
                    page.key,
                    fetched_url=link,
                    feed_url=page.source.url,
                    status="done",
                    article_id=article_id,
                )
                outcomes.append((page, article_id in stored))
        for page, new in outcomes:
            if page.found is None:
                self.status.urls_failed += 1
                self.status.last_error = f"{page.item.link}: {page.failure}"
            elif new:
                self.status.new_articles += 1
                self.status.teasers += int(page.found.teaser)
                url = page.source.url
                stored_per_feed[url] = stored_per_feed.get(url, 0) + 1
            else:
                self.status.duplicates += 1
        self.status.stories_touched = ingestor.report.stories_touched
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self.status)


def _spread_over_hosts(
    todo: Sequence[tuple[FeedSource, FeedItem, str]],
) -> list[tuple[FeedSource, FeedItem, str]]:
    """Round robin over hosts, so the workers are not all waiting on one host's limit."""
    by_host: dict[str, deque[tuple[FeedSource, FeedItem, str]]] = {}
    for entry in todo:
        by_host.setdefault(urlsplit(entry[1].link or "").netloc, deque()).append(entry)
    spread = []
    queues = list(by_host.values())
    while queues:
        for queue in queues:
            spread.append(queue.popleft())
        queues = [queue for queue in queues if queue]
    return spread


def _newest_first(item: FeedItem, position: int) -> tuple[int, float, int]:
    """Sort key: dated items by date, newest first; then undated ones in feed order (feeds
    list the newest first); ties in feed order."""
    if item.published is None:
        return (1, 0.0, position)
    return (0, -item.published.timestamp(), position)


def _reason(error: FetchError | InputRejected) -> str:
    return f"{error.reason.value}: {error.detail}"


def _reject_reason(error: FetchError | InputRejected) -> RejectReason:
    return error.reason if isinstance(error, InputRejected) else RejectReason.UNREADABLE


def _transient(error: FetchError) -> bool:
    code = error.reason.value if error.status is None else f"http-{error.status}"
    return code.startswith(_TRANSIENT)
