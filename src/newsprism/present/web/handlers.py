"""The web app's errors: a page or a JSON object with a status and a message, never a
traceback; a page past its budget is a 503 with Retry-After."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism.errors import NotFound, PageTooSlow, QueryTooCostly, StoreError
from newsprism.present.web.site import RETRY_AFTER_SECONDS, Site

log = logging.getLogger("newsprism.web")


def add_error_handlers(app: FastAPI, site: Site) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        return site.error_response(request, 404, str(error))

    @app.exception_handler(QueryTooCostly)
    async def too_costly(request: Request, error: QueryTooCostly) -> Response:
        return site.error_response(request, 400, str(error))

    @app.exception_handler(PageTooSlow)
    async def too_slow(request: Request, error: PageTooSlow) -> Response:
        response = site.error_response(request, 503, str(error))
        response.headers["retry-after"] = str(RETRY_AFTER_SECONDS)
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> Response:
        detail = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
            for e in error.errors()
        ]
        return site.error_response(request, 400, "bad request: check the parameters", detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = "no such page" if error.status_code == 404 else str(error.detail)
        return site.error_response(request, error.status_code, message)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> Response:
        log.error("store error: %s", error)
        return site.error_response(request, 503, "the database cannot be read right now")

    @app.exception_handler(Exception)
    async def server_error(request: Request, error: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return site.error_response(request, 500, "internal error; the server log has the details")
