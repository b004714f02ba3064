"""Corrections from the web app, when it is started with `newsprism serve --edit`.

The app is read-only unless started so. With `--edit` it has a secret token; a browser gets the
right to edit by opening the address the command prints once (`/edit-mode?token=…`), which
sets an HttpOnly, SameSite=Strict cookie, and every edit form carries the token again (a page
of another site can neither read it nor send it). Each edit is a short write through the same
store verbs as `newsprism edit`, with its reason, and shows at once; `newsprism edits` lists
them and `newsprism edit undo ID` takes one back.
"""

from __future__ import annotations

import hmac
import re
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response

from newsprism.errors import ConfigError, NewsprismError
from newsprism.present.web.site import site_of
from newsprism.store import SQLiteStore

EDIT_COOKIE = "newsprism_edit"
MAX_FORM_BYTES = 16_384
_BACK = re.compile(r"^/(?:stories|articles)/[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")

router = APIRouter()


def edit_token_for(request: Request) -> str | None:
    """The token to put in this page's edit forms: only for a browser that opened the edit
    address of a server started with --edit; None (no forms) otherwise."""
    token = site_of(request).settings.edit_token
    given = request.cookies.get(EDIT_COOKIE, "")
    if token is None or not hmac.compare_digest(given.encode(), token.encode()):
        return None
    return token


@router.get("/edit-mode", include_in_schema=False)
def edit_mode(request: Request, token: str = "") -> Response:
    """Open once, with the token the command printed: this browser may then edit."""
    expected = site_of(request).settings.edit_token
    if expected is None or not hmac.compare_digest(token.encode(), expected.encode()):
        return JSONResponse({"error": {"status": 403, "message": _FORBIDDEN}}, status_code=403)
    response = RedirectResponse("/stories", status_code=303)
    response.set_cookie(EDIT_COOKIE, expected, httponly=True, samesite="strict")
    return response


@router.post("/edits", include_in_schema=False)
async def make_edit(request: Request) -> Response:
    """One correction from a form: move, split, merge or speaker, with its reason."""
    settings = site_of(request).settings
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return _error(413, f"the form is larger than {MAX_FORM_BYTES} bytes")
    fields = {
        k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), max_num_fields=12).items()
    }
    token = settings.edit_token
    if token is None or not hmac.compare_digest(fields.get("token", "").encode(), token.encode()):
        return _error(403, _FORBIDDEN)
    back = fields.get("back", "/stories")
    if not _BACK.match(back):
        back = "/stories"
    try:
        await run_in_threadpool(apply_form, SQLiteStore, settings.db, fields)
    except (NewsprismError, ValueError) as error:
        return _error(400, str(error))
    return RedirectResponse(back, status_code=303)


def apply_form(opener: type[SQLiteStore], db: object, fields: dict[str, str]) -> None:
    """Make the edit a form asks for, in one short write."""
    action = fields.get("action", "")
    reason = fields.get("reason", "").strip()[:500]
    for field in ("article", "story", "into"):
        if field in fields and not _ID.match(fields[field].strip()):
            raise ConfigError(f"{field} {fields[field][:40]!r} is not an id")
    store = opener(db)  # type: ignore[arg-type]
    try:
        if action == "move":
            store.move_article(fields["article"].strip(), fields["story"].strip(), reason)
        elif action == "split":
            store.split_story(fields["story"].strip(), [fields["article"].strip()], reason)
        elif action == "merge":
            store.merge_story(fields["story"].strip(), fields["into"].strip(), reason)
        elif action == "speaker":
            speaker = fields.get("name", "").strip()[:200] or None
            start = int(fields.get("quote", ""))
            store.correct_speaker(fields["article"].strip(), start, speaker, reason)
        else:
            raise ConfigError(f"unknown edit {action[:40]!r}: move, split, merge or speaker")
    except KeyError as missing:
        raise ConfigError(f"the form lacks the field {missing.args[0]!r}") from None
    finally:
        store.close()


def _error(status: int, message: str) -> Response:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


_FORBIDDEN = (
    "this app is read-only: start it with `newsprism serve --edit` and open the address it "
    "prints to make corrections"
)
