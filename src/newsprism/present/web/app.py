"""The web app: server-rendered pages over a read-only database, each with a JSON twin.

`/stories` renders HTML; `/stories.json` (or `/stories` with `Accept: application/json`) sends
the same page as JSON. The JSON routes are described in the OpenAPI spec at `/openapi.json`.
The database is opened read-only, one connection per worker thread, so `ingest` or `watch`
can keep writing to it (WAL) while the app serves. Here the app is put together: the shared
`Site` (site.py), the error handlers (handlers.py), the pages (routes.py) and the security
headers every response carries.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsprism import __version__
from newsprism.compare.blindspots import OutletGroups
from newsprism.errors import ConfigError
from newsprism.present.web import editing
from newsprism.present.web.handlers import add_error_handlers
from newsprism.present.web.routes import router
from newsprism.present.web.site import Site, StoryWarmer, WebSettings
from newsprism.present.web.templating import PACKAGE

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "ENV_SERVE",
    "SecurityHeaders",
    "WebSettings",
    "app_from_environment",
    "create_app",
    "settings_for_workers",
]
# `serve --workers N`: uvicorn starts each worker process by importing the app factory, so the
# settings travel to the workers in this environment variable (JSON; the same user's only).
ENV_SERVE = "NEWSPRISM_SERVE"

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


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


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


def create_app(settings: WebSettings) -> FastAPI:
    site = Site(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        warmer = StoryWarmer(settings, site)
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
    app.state.site = site
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    add_error_handlers(app, site)
    app.include_router(router)
    app.include_router(editing.router)
    app.add_middleware(SecurityHeaders)
    return app


def settings_for_workers(settings: WebSettings) -> str:
    """The settings as `app_from_environment` reads them from $NEWSPRISM_SERVE."""
    groups = None
    if settings.groups is not None:
        groups = {outlet: sorted(names) for outlet, names in settings.groups.groups_of.items()}
    return json.dumps(
        {
            "db": str(settings.db),
            "groups": groups,
            "cache_size": settings.cache_size,
            "warm": settings.warm,
            "warm_every": settings.warm_every,
            "search_seconds": settings.search_seconds,
            "page_seconds": settings.page_seconds,
            "edit_token": settings.edit_token,
        }
    )


def app_from_environment() -> FastAPI:
    """The app of one worker process of `serve --workers N` (uvicorn's factory)."""
    raw = os.environ.get(ENV_SERVE)
    if not raw:
        raise ConfigError(f"${ENV_SERVE} is not set: start the workers with `newsprism serve`")
    given = json.loads(raw)
    groups = given.pop("groups")
    return create_app(
        WebSettings(
            db=Path(given.pop("db")),
            groups=None
            if groups is None
            else OutletGroups({o: frozenset(g) for o, g in groups.items()}),
            **given,
        )
    )
