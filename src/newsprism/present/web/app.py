"""The web app: server-rendered pages over a read-only database, each with a JSON twin.

`/stories` renders HTML; `/stories.json` (or `/stories` with `Accept: application/json`) sends
the same page as JSON. The JSON routes are described in the OpenAPI spec at `/openapi.json`.
The database is opened read-only, one connection per worker thread, so `ingest` or `watch`
can keep writing to it (WAL) while the app serves.

No request runs unbounded: every route does its work in the thread pool, never on the event
loop, under a wall-clock budget (`WebSettings.search_seconds`, `page_seconds`). SQLite stops
the request's queries at its deadline; past it the client has its answer, a coded error (E202),
even when the work cannot be interrupted (an analysis) and finishes in its thread.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism import __version__
from newsprism.compare.blindspots import OutletGroups
from newsprism.errors import NewsprismError, NotFound, QueryTooCostly, StoreError
from newsprism.model.annotations import Annotations
from newsprism.model.comparison import Framing
from newsprism.present.web import pages, views
from newsprism.store import SQLiteStore
from newsprism.store.browse import StoryQuery

log = logging.getLogger("newsprism.web")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# Ids are content hashes ("3f2a…", "st-3f2a…"); anything else cannot name a stored row.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$"

# Parameters, checked before any handler runs (a bad value is a 400 naming it).
# Dates and choices may come empty from the HTML form: empty means "no filter".
_DAY = r"^(\d{4}-\d{2}-\d{2})?$"
Since = Annotated[
    str | None, Query(pattern=_DAY, description="Stories active on or after (YYYY-MM-DD)")
]
Until = Annotated[
    str | None, Query(pattern=_DAY, description="Stories active on or before (YYYY-MM-DD)")
]
Outlet = Annotated[str | None, Query(max_length=200, description="Covered by this outlet")]
Group = Annotated[str | None, Query(max_length=200, description="Covered by this group")]
Language = Annotated[
    str | None,
    Query(pattern=r"^([A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?)?$", description="ISO code"),
]
Page = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=200, description="Stories per page")]
StoryId = Annotated[str, PathParam(pattern=ID_PATTERN, description="Story id (st-…)")]
ArticleId = Annotated[str, PathParam(pattern=ID_PATTERN, description="Article id")]

CoveredBy = Annotated[str | None, Query(max_length=200, description="Group that covered")]
IgnoredBy = Annotated[str | None, Query(max_length=200, description="Group that did not")]

# How long the event loop waits past the database's deadline before it answers without the
# work: long enough that a query SQLite interrupts reports itself (with its own message).
GRACE_SECONDS = 0.1
# What a client is told to wait before asking again for a page that ran out of time.
RETRY_AFTER_SECONDS = 5

Result = TypeVar("Result")

SearchText = Annotated[str, Query(max_length=500, description="Words, a phrase or FTS5")]
Sort = Annotated[
    str, Query(pattern="^(relevance|newest)$", description="relevance (bm25) or newest first")
]


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
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def store(self) -> SQLiteStore:
        """This thread's read-only connection (sqlite3 connections stay in their thread)."""
        store: SQLiteStore | None = getattr(self._local, "store", None)
        if store is None:
            store = SQLiteStore(self.db, readonly=True)
            self._local.store = store
        return store


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class PageTooSlow(QueryTooCostly):
    """A page ran past its time budget: E202 like a costly search, but the client asked for
    nothing unusual (the server is busy or the database large), so it may ask again: a 503."""

    def __init__(self, path: str, seconds: float) -> None:
        # Not QueryTooCostly's message: its advice (fewer prefix terms) is for searches.
        NewsprismError.__init__(
            self,
            f"the page {path!r} took longer than {seconds:g} s and was not finished; "
            f"try again in {RETRY_AFTER_SECONDS} s",
        )
        self.query = path


class SecurityHeaders:
    """Adds the CSP and friends to every response, errors and static files included."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


class StoryWarmer:
    """Compares the newest stories in the background, so the pages the front page links to
    open at once; looks again every `warm_every` seconds for stories that are new or grew."""

    def __init__(self, settings: WebSettings, comparisons: pages.LRUCache[pages.Compared]):
        self.settings = settings
        self.comparisons = comparisons
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
        groups = OutletGroups({})
        while not self._stop.is_set():
            try:
                store = self.settings.store()
                for summary in store.story_summaries(StoryQuery(), self.settings.warm):
                    if self._stop.is_set():
                        return
                    pages.story_page(store, summary.id, groups, self.comparisons)
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


def create_app(settings: WebSettings) -> FastAPI:
    package = resources.files("newsprism.present.web")
    templates = Jinja2Templates(directory=str(package / "templates"))
    templates.env.filters["short_time"] = views.short_time
    templates.env.globals["version"] = __version__
    templates.env.globals["page_url"] = views.page_url
    size = settings.cache_size
    # Stored comparisons need no analysis; a fresh one takes ANALYSIS_LOCK inside.
    comparisons: pages.LRUCache[pages.Compared] = pages.LRUCache(size)
    analyses: pages.LRUCache[tuple[Annotations, Framing]] = pages.LRUCache(
        size, compute_lock=pages.ANALYSIS_LOCK
    )
    rendered_stories: pages.LRUCache[bytes] = pages.LRUCache(size)
    # Pages that aggregate the whole database, until a writer changes it.
    aggregates: pages.LRUCache[dict[str, Any]] = pages.LRUCache(16)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        warmer = StoryWarmer(settings, comparisons)
        warmer.start()
        try:
            yield
        finally:
            warmer.stop()

    app = FastAPI(
        title="newsprism",
        version=__version__,
        description=(
            "How each outlet told each story. Every HTML page of the app has a JSON twin: "
            "the same path with `.json`, or the page's path with `Accept: application/json`. "
            "Errors are JSON objects `{error: {status, message}}`."
        ),
        docs_url=None,  # the interactive docs load scripts from a CDN: not here
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.mount("/static", StaticFiles(directory=str(package / "static")), name="static")

    def groups(store: SQLiteStore) -> OutletGroups:
        return pages.groups_of_store(store, settings.groups)

    async def in_budget(
        seconds: float,
        too_slow: Callable[[], QueryTooCostly],
        work: Callable[[SQLiteStore], Result],
    ) -> Result:
        """`work` with this worker thread's connection, in the thread pool, answered within
        `seconds` of now: its result, its error, or `too_slow()`."""
        deadline = time.monotonic() + seconds

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

    def page_too_slow(request: Request) -> Callable[[], QueryTooCostly]:
        return lambda: PageTooSlow(request.url.path, settings.page_seconds)

    def render(
        request: Request, template: str, record: dict[str, Any], extra: dict[str, Any] | None
    ) -> Response:
        if wants_json(request):
            return JSONResponse(record)
        context = {"page": record, **(extra or {})}
        return templates.TemplateResponse(request, template, context)

    def error_response(request: Request, status: int, message: str, detail: Any = None) -> Response:
        body: dict[str, Any] = {"status": status, "message": message}
        if detail is not None:
            body["detail"] = detail
        if wants_json(request) or request.url.path == "/openapi.json":
            return JSONResponse({"error": body}, status_code=status)
        return templates.TemplateResponse(
            request, "error.html", {"error": body}, status_code=status
        )

    # -- errors: a page or a JSON object, never a traceback ---------------------------------
    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        return error_response(request, 404, str(error))

    @app.exception_handler(QueryTooCostly)
    async def too_costly(request: Request, error: QueryTooCostly) -> Response:
        return error_response(request, 400, str(error))

    @app.exception_handler(PageTooSlow)
    async def too_slow(request: Request, error: PageTooSlow) -> Response:
        response = error_response(request, 503, str(error))
        response.headers["retry-after"] = str(RETRY_AFTER_SECONDS)
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> Response:
        detail = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
            for e in error.errors()
        ]
        return error_response(request, 400, "bad request: check the parameters", detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = "no such page" if error.status_code == 404 else str(error.detail)
        return error_response(request, error.status_code, message)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> Response:
        log.error("store error: %s", error)
        return error_response(request, 503, "the database cannot be read right now")

    @app.exception_handler(Exception)
    async def server_error(request: Request, error: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return error_response(request, 500, "internal error; the server log has the details")

    # -- pages -------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def home() -> Response:
        return RedirectResponse("/stories", status_code=302)

    # Each page: one handler under two paths, the HTML page (hidden from the spec) and its
    # JSON twin (documented). Decorators apply bottom up: the `.json` path, registered first,
    # must win over `{id}`, which would also match "ID.json".
    # Every handler hands its work (reads, analysis, rendering) to `in_budget`: the event loop
    # only parses requests and sends answers, so one slow request never stalls the others.
    @app.get("/stories", include_in_schema=False)
    @app.get("/stories.json", summary="Stories, newest activity first", tags=["stories"])
    async def stories(
        request: Request,
        since: Since = None,
        until: Until = None,
        outlet: Outlet = None,
        group: Group = None,
        language: Language = None,
        page: Page = 1,
        per_page: PerPage = pages.PER_PAGE,
    ) -> Response:
        """Each story with its label, time span, articles, outlets and the groups covering it."""
        filters = pages.StoryFilters(
            day(since, "since"),
            day(until, "until"),
            outlet or None,
            group or None,
            language or None,
            page,
            per_page,
        )

        def work(store: SQLiteStore) -> Response:
            record = pages.stories_page(store, filters, groups(store))
            return render(request, "stories.html", record, None)

        return await in_budget(settings.page_seconds, page_too_slow(request), work)

    @app.get("/stories/{story_id}", include_in_schema=False)
    @app.get("/stories/{story_id}.json", summary="One story compared", tags=["stories"])
    async def story(request: Request, story_id: StoryId) -> Response:
        """The story's articles and their comparison: facts, unique facts, omissions,
        quotes by speaker, entities per outlet, framing and wire copies (all text included)."""

        def work(store: SQLiteStore) -> Response:
            view = pages.story_page(store, story_id, groups(store), comparisons)
            if wants_json(request):
                return JSONResponse(view.record)
            if view.record["story"]["id"] != story_id:
                # A story merged into another lives on under the older id.
                return RedirectResponse(f"/stories/{view.record['story']['id']}", status_code=301)
            coverage = view.record["groups"]
            page_key = (
                view.key,
                tuple(coverage["covering"]),
                tuple(coverage["missing"]),
                str(request.url),
            )

            def page() -> bytes:
                context = {"request": request, "page": view.record, **views.story_context(view)}
                return templates.get_template("story.html").render(context).encode()

            # The page depends only on the story's articles (and the groups): render it once.
            return HTMLResponse(rendered_stories.get(page_key, page))

        return await in_budget(settings.page_seconds, page_too_slow(request), work)

    @app.get("/articles/{article_id}", include_in_schema=False)
    @app.get("/articles/{article_id}.json", summary="One article analysed", tags=["articles"])
    async def article(request: Request, article_id: ArticleId) -> Response:
        """Text and metadata, entities, quotes, evaluative words (offset spans with their text),
        sources, near-duplicates and the story it belongs to."""

        def work(store: SQLiteStore) -> Response:
            view = pages.article_page(store, article_id, analyses)
            extra = None if wants_json(request) else views.article_context(view)
            return render(request, "article.html", view.record, extra)

        return await in_budget(settings.page_seconds, page_too_slow(request), work)

    @app.get("/outlets", include_in_schema=False)
    @app.get("/outlets.json", summary="Outlets and what they publish", tags=["outlets"])
    async def outlets(request: Request) -> Response:
        """Per outlet: articles, kinds of articles, stories, recent stories, most quoted."""

        def work(store: SQLiteStore) -> Response:
            record = aggregates.get(
                ("outlets", store.content_version()),
                lambda: pages.outlets_page(store, groups(store)),
            )
            extra = None if wants_json(request) else views.outlets_context(record)
            return render(request, "outlets.html", record, extra)

        return await in_budget(settings.page_seconds, page_too_slow(request), work)

    @app.get("/blindspots", include_in_schema=False)
    @app.get(
        "/blindspots.json",
        summary="Stories one group covered and another did not",
        tags=["stories"],
    )
    async def blindspots(
        request: Request, covered_by: CoveredBy = None, ignored_by: IgnoredBy = None
    ) -> Response:
        """Pairs of outlet groups (covered by A, ignored by B) with their stories."""

        def work(store: SQLiteStore) -> Response:
            record = aggregates.get(
                ("blindspots", store.content_version(), covered_by, ignored_by),
                lambda: pages.blindspots_page(store, groups(store), covered_by, ignored_by),
            )
            return render(request, "blindspots.html", record, None)

        return await in_budget(settings.page_seconds, page_too_slow(request), work)

    @app.get("/search", include_in_schema=False)
    @app.get("/search.json", summary="Full-text search, speakers and entities", tags=["search"])
    async def search(
        request: Request, q: SearchText = "", page: Page = 1, sort: Sort = "relevance"
    ) -> Response:
        """Articles matching the query (snippets mark hits between U+E000 and U+E001) and the
        speakers and entities whose names contain it."""

        def work(store: SQLiteStore) -> Response:
            record = pages.search_page(store, q, page, newest=sort == "newest")
            extra = None if wants_json(request) else views.search_context(record)
            return render(request, "search.html", record, extra)

        seconds = settings.search_seconds
        return await in_budget(seconds, lambda: QueryTooCostly(q, seconds), work)

    app.add_middleware(SecurityHeaders)
    return app
