"""What every request of the web app shares: settings, the per-thread read-only connection,
caches, the Jinja environment, and the budget that no request runs past.

No request runs unbounded: every route does its work in the thread pool, never on the event
loop, under a wall-clock budget (`WebSettings.search_seconds`, `page_seconds`). SQLite stops
the request's queries at its deadline; past it the client has its answer, a coded error (E202),
even when the work cannot be interrupted (an analysis) and finishes in its thread.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism.compare.blindspots import OutletGroups
from newsprism.errors import PageTooSlow, QueryTooCostly
from newsprism.model.annotations import Annotations
from newsprism.model.comparison import DrawnComparison, Framing
from newsprism.present.web import pages, views
from newsprism.present.web.cache import LRUCache
from newsprism.present.web.drawing import drawing_key
from newsprism.present.web.templating import environment
from newsprism.store import SQLiteStore
from newsprism.store.browse import StoryQuery

log = logging.getLogger("newsprism.web")

GRACE_SECONDS = 0.1
RETRY_AFTER_SECONDS = 5

Result = TypeVar("Result")


@dataclass
class WebSettings:
    db: Path
    groups: OutletGroups | None = None  # from --groups; else the groups stored per outlet
    cache_size: int = 256
    warm: int = 50  # compare the newest stories ahead of the first visitor (0: never)
    warm_every: float = 60.0  # seconds between looks for new or grown stories
    # Wall-clock budgets per request. A search's cost is the client's to choose (FTS5 syntax);
    # a page's grows only with the database, but its first visit may load the analysis models
    # (seconds on a busy machine), so it gets room for that.
    search_seconds: float = 1.5
    page_seconds: float = 20.0
    # With `serve --edit`: the secret a browser must present to make corrections; None:
    # the app is read-only (present/web/editing.py).
    edit_token: str | None = None
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def store(self) -> SQLiteStore:
        """This thread's read-only connection (sqlite3 connections stay in their thread)."""
        store: SQLiteStore | None = getattr(self._local, "store", None)
        if store is None:
            store = SQLiteStore(self.db, readonly=True)
            self._local.store = store
        return store


class Site:
    """The app's shared state and the verbs every route uses (one per app, in `app.state`)."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self._generation = 0
        self._drawing_key: bytes | None = None
        self._generation_lock = threading.Lock()
        # The environment the HTML report renders with too: one drawing of a story.
        self.templates = Jinja2Templates(env=environment())
        self.templates.env.globals["page_url"] = views.page_url
        size = settings.cache_size
        # Stored comparisons need no analysis; a fresh one takes ANALYSIS_LOCK inside.
        self.comparisons: LRUCache[pages.Compared] = LRUCache(size)
        self.drawings: LRUCache[DrawnComparison] = LRUCache(size)
        self.analyses: LRUCache[tuple[Annotations, Framing]] = LRUCache(
            size, compute_lock=pages.ANALYSIS_LOCK
        )
        self.rendered_stories: LRUCache[bytes] = LRUCache(size)
        # Pages that aggregate the whole database, until a writer changes it.
        self.aggregates: LRUCache[dict[str, Any]] = LRUCache(16)
        self.story_lists: LRUCache[dict[str, Any]] = LRUCache(size)
        self.searches: LRUCache[dict[str, Any]] = LRUCache(size)
        self.rendered_pages: LRUCache[bytes] = LRUCache(size)  # those of the kept records

    def version(self, store: SQLiteStore) -> int:
        """The process's generation of the database: part of every cache key of what the
        database shows, so that nothing kept is served after anyone committed a change.

        Each thread's connection counts the commits of others (`data_version`); the first
        request on a connection, and each that sees its count move, starts a new generation.
        A thread that read before a commit may keep its answer under the old generation,
        which nobody asks for once the commit has been seen."""
        seen = store.data_version()
        local = self.settings._local
        if getattr(local, "data_version", None) != seen:
            with self._generation_lock:
                self._generation += 1
            local.data_version = seen
        return self._generation

    def drawing_key(self) -> bytes | None:
        """The key that seals the database's drawings (present/web/drawing.py), once a writer
        has made it; read again while there is none."""
        if self._drawing_key is None:
            self._drawing_key = drawing_key(self.settings.db)
        return self._drawing_key

    def groups(self, store: SQLiteStore) -> OutletGroups:
        return pages.groups_of_store(store, self.settings.groups)

    async def in_budget(
        self,
        seconds: float,
        too_slow: Callable[[], QueryTooCostly],
        work: Callable[[SQLiteStore], Result],
    ) -> Result:
        """`work` with this worker thread's connection, in the thread pool, answered within
        `seconds` of now: its result, its error, or `too_slow()`."""
        deadline = time.monotonic() + seconds
        settings = self.settings

        def run() -> Result:
            store = settings.store()
            try:
                with store.budget(deadline):
                    return work(store)
            except sqlite3.OperationalError as error:
                if time.monotonic() < deadline:
                    raise  # not the budget: the server's error handler logs it
                raise too_slow() from error  # SQLite interrupted a query at the deadline

        # Work SQLite cannot interrupt (analysis, or FTS5 inside one step) is left to finish in
        # its thread, and fills the caches for the next visitor; the client has its answer now.
        with anyio.move_on_after(seconds + GRACE_SECONDS):
            return await anyio.to_thread.run_sync(run, abandon_on_cancel=True)
        error = too_slow()
        log.warning("%s", error)
        raise error

    async def page(self, request: Request, work: Callable[[SQLiteStore], Result]) -> Result:
        """A page's work under the page budget."""
        seconds = self.settings.page_seconds
        path = request.url.path
        return await self.in_budget(
            seconds, lambda: PageTooSlow(path, seconds, RETRY_AFTER_SECONDS), work
        )

    def render(
        self,
        request: Request,
        template: str,
        record: dict[str, Any],
        extra: dict[str, Any] | None,
        kept: Hashable | None = None,
    ) -> Response:
        """The page's record as JSON or drawn with `template`. `kept`: the key the record was
        kept under (what it depends on); the drawn page is then kept too, per URL."""
        if wants_json(request):
            return JSONResponse(record)
        context = {"request": request, "page": record, **(extra or {})}
        if kept is None:
            return self.templates.TemplateResponse(request, template, context)

        def draw() -> bytes:
            return self.templates.get_template(template).render(context).encode()

        return HTMLResponse(self.rendered_pages.get((template, kept, str(request.url)), draw))

    def error_response(
        self, request: Request, status: int, message: str, detail: Any = None
    ) -> Response:
        body: dict[str, Any] = {"status": status, "message": message}
        if detail is not None:
            body["detail"] = detail
        if wants_json(request) or request.url.path == "/openapi.json":
            return JSONResponse({"error": body}, status_code=status)
        return self.templates.TemplateResponse(
            request, "error.html", {"error": body}, status_code=status
        )


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


class StoryWarmer:
    """Draws the newest stories' comparisons in the background (those the writer did not
    draw, or drew with other code), so the pages the front page links to open at once; looks
    again every `warm_every` seconds for stories that are new or grew."""

    def __init__(self, settings: WebSettings, site: Site):
        self.settings = settings
        self.site = site
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="story-warmer", daemon=True)

    def start(self) -> None:
        if self.settings.warm > 0:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _run(self) -> None:
        site = self.site
        while not self._stop.is_set():
            try:
                store = self.settings.store()
                for summary in store.story_summaries(StoryQuery(), self.settings.warm):
                    if self._stop.is_set():
                        return
                    generation = site.version(store)
                    head = pages.story_head(store, summary.id)
                    pages.story_drawing(
                        store, head, site.comparisons, site.drawings, generation, site.drawing_key()
                    )
            except Exception:  # a bad story must not stop the warmer nor the server
                log.exception("warming story comparisons failed; next try in a while")
            self._stop.wait(self.settings.warm_every)


def day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD parameter (already pattern-checked) as a date; 400 when no such day."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise StarletteHTTPException(
            400, f"{name}={value!r} is not a day of the calendar; write YYYY-MM-DD"
        ) from None


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept
