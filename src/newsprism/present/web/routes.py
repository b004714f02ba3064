"""The web app's pages: each one handler under two paths, the HTML page (hidden from the
OpenAPI spec) and its JSON twin (documented). Every handler hands its work (reads, analysis,
rendering) to the site's budget: the event loop only parses requests and sends answers, so one
slow request never stalls the others."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup

from newsprism.errors import QueryTooCostly
from newsprism.present.web import pages, views
from newsprism.present.web.editing import edit_token_for
from newsprism.present.web.site import day, site_of, wants_json
from newsprism.store import SQLiteStore

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

SearchText = Annotated[str, Query(max_length=500, description="Words, a phrase or FTS5")]
Sort = Annotated[
    str, Query(pattern="^(relevance|newest)$", description="relevance (bm25) or newest first")
]

router = APIRouter()


@router.get("/", include_in_schema=False)
def home() -> Response:
    return RedirectResponse("/stories", status_code=302)


# Each page: one handler under two paths, the HTML page (hidden from the spec) and its
# JSON twin (documented). Decorators apply bottom up: the `.json` path, registered first,
# must win over `{id}`, which would also match "ID.json".
# Every handler hands its work (reads, analysis, rendering) to `in_budget`: the event loop
# only parses requests and sends answers, so one slow request never stalls the others.
@router.get("/stories", include_in_schema=False)
@router.get("/stories.json", summary="Stories, newest activity first", tags=["stories"])
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
    site = site_of(request)
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
        # The list changes only when a writer does: everyone's first page is read once.
        kept = (site.version(store), filters)
        record = site.story_lists.get(
            kept, lambda: pages.stories_page(store, filters, site.groups(store))
        )
        return site.render(request, "stories.html", record, None, kept)

    return await site.page(request, work)


@router.get("/stories/{story_id}", include_in_schema=False)
@router.get("/stories/{story_id}.json", summary="One story compared", tags=["stories"])
async def story(request: Request, story_id: StoryId) -> Response:
    """The story's articles and their comparison: facts, unique facts, omissions,
    quotes by speaker, entities per outlet, framing and wire copies (all text included)."""
    site = site_of(request)

    def work(store: SQLiteStore) -> Response:
        groups = site.groups(store)
        if wants_json(request):
            return JSONResponse(pages.story_page(store, story_id, groups, site.comparisons))
        generation = site.version(store)
        head = pages.story_head(store, story_id)
        if head.story.id != story_id:
            # A story merged into another lives on under the older id.
            return RedirectResponse(f"/stories/{head.story.id}", status_code=301)
        record = head.record(groups, None)  # the comparison comes drawn
        coverage = record["groups"]
        token = edit_token_for(request)
        page_key = (
            generation,
            head.key,
            tuple(coverage["covering"]),
            tuple(coverage["missing"]),
            str(request.url),
            token is not None,  # a page with edit forms is not a page without them
            len(head.edits),
        )

        def page() -> bytes:
            drawn = pages.story_drawing(
                store, head, site.comparisons, site.drawings, generation, site.drawing_key()
            )
            context = {
                "request": request,
                "page": record,
                "edit_token": token,
                "outlets": sorted({a.outlet for a in head.articles if a.outlet}),
                # Drawn from the articles by the package's own templates, escaped there.
                "comparison_html": Markup(drawn.html),
            }
            return site.templates.get_template("story.html").render(context).encode()

        # The page depends only on the story's articles (and the groups): render it once.
        return HTMLResponse(site.rendered_stories.get(page_key, page))

    return await site.page(request, work)


@router.get("/articles/{article_id}", include_in_schema=False)
@router.get("/articles/{article_id}.json", summary="One article analysed", tags=["articles"])
async def article(request: Request, article_id: ArticleId) -> Response:
    """Text and metadata, entities, quotes, evaluative words (offset spans with their text),
    sources, near-duplicates and the story it belongs to."""
    site = site_of(request)

    def work(store: SQLiteStore) -> Response:
        view = pages.article_page(store, article_id, site.analyses)
        extra = None if wants_json(request) else views.article_context(view)
        if extra is not None:
            extra["edit_token"] = edit_token_for(request)
        return site.render(request, "article.html", view.record, extra)

    return await site.page(request, work)


@router.get("/outlets", include_in_schema=False)
@router.get("/outlets.json", summary="Outlets and what they publish", tags=["outlets"])
async def outlets(request: Request) -> Response:
    """Per outlet: articles, kinds of articles, stories, recent stories, most quoted."""
    site = site_of(request)

    def work(store: SQLiteStore) -> Response:
        kept = ("outlets", site.version(store))
        record = site.aggregates.get(kept, lambda: pages.outlets_page(store, site.groups(store)))
        extra = None if wants_json(request) else views.outlets_context(record)
        return site.render(request, "outlets.html", record, extra, kept)

    return await site.page(request, work)


@router.get("/blindspots", include_in_schema=False)
@router.get(
    "/blindspots.json",
    summary="Stories one group covered and another did not",
    tags=["stories"],
)
async def blindspots(
    request: Request, covered_by: CoveredBy = None, ignored_by: IgnoredBy = None
) -> Response:
    """Pairs of outlet groups (covered by A, ignored by B) with their stories."""
    site = site_of(request)

    def work(store: SQLiteStore) -> Response:
        kept = ("blindspots", site.version(store), covered_by, ignored_by)
        record = site.aggregates.get(
            kept, lambda: pages.blindspots_page(store, site.groups(store), covered_by, ignored_by)
        )
        return site.render(request, "blindspots.html", record, None, kept)

    return await site.page(request, work)


@router.get("/search", include_in_schema=False)
@router.get("/search.json", summary="Full-text search, speakers and entities", tags=["search"])
async def search(
    request: Request, q: SearchText = "", page: Page = 1, sort: Sort = "relevance"
) -> Response:
    """Articles matching the query (snippets mark hits between U+E000 and U+E001) and the
    speakers and entities whose names contain it."""
    site = site_of(request)

    def work(store: SQLiteStore) -> Response:
        # What a search finds changes only when a writer does: a question many readers ask
        # (the name in today's news) is answered once.
        kept = (site.version(store), q, page, sort)
        record = site.searches.get(
            kept, lambda: pages.search_page(store, q, page, newest=sort == "newest")
        )
        extra = None if wants_json(request) else views.search_context(record)
        return site.render(request, "search.html", record, extra, kept)

    seconds = site.settings.search_seconds
    return await site.in_budget(seconds, lambda: QueryTooCostly(q, seconds), work)
