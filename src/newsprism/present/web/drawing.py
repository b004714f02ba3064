"""A story's comparison drawn as the story page shows it, once per version of the story.

Drawing the columns, the fact table and the quotes costs more than everything else on a story
page (a stored comparison is parsed and drawn in about 9 ms; sending a drawing takes 1). So the
writer draws each comparison it stores (`ingest`, `watch`, `reanalyse`, `import-parquet` hand
`draw_comparison` down) and keeps the HTML beside the record; the web app sends that drawing
while it is current: the same articles (and corrections), and `drawn_by` equal to its own.

`drawn_by` names what a drawing depends on besides the story: this release's drawing code and
templates (a digest of their files) and the zone times are shown in (`$NEWSPRISM_TZ`, else the
machine's). A web app with other code or another zone draws the page itself, as before.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import time
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from jinja2 import Environment

from newsprism import __version__
from newsprism.compare.stored import drawing_of, story_key
from newsprism.model.article import Article
from newsprism.model.comparison import Comparison, DrawnComparison
from newsprism.present.records import ENV_TIMEZONE
from newsprism.present.web.story import story_context
from newsprism.present.web.templating import PACKAGE, environment
from newsprism.store import SQLiteStore

PARTIAL = "_comparison.html"
# The files a drawing comes from: a change in any of them makes stored drawings stale.
DRAWING_FILES = (
    PACKAGE / "templates" / "_comparison.html",
    PACKAGE / "story.py",
    PACKAGE / "marking.py",
    PACKAGE / "charts.py",
    PACKAGE / "drawing.py",
    PACKAGE / "templating.py",
    resources.files("newsprism.present") / "records.py",  # times in the display zone
    resources.files("newsprism.model") / "comparison.py",
)
KEY_SUFFIX = ".drawing-key"


@functools.cache
def _environment() -> Environment:
    return environment()


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha1()
    for path in DRAWING_FILES:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@functools.cache
def _local_zone() -> str:
    """The machine's zone by its rules, not its abbreviations (Asia/Shanghai and
    America/Regina are both "CST"): its name where the system gives one, and a digest of its
    UTC offset on every day from 1990 to 2040."""
    name = os.environ.get("TZ", "")
    if not name and os.path.islink("/etc/localtime"):
        name = os.path.realpath("/etc/localtime").rpartition("zoneinfo/")[2]
    start = int(datetime(1990, 1, 1, tzinfo=UTC).timestamp())
    offsets = ",".join(
        str(time.localtime(start + day * 86400).tm_gmtoff) for day in range(0, 50 * 366)
    )
    return f"local {name or '/'.join(time.tzname)} {hashlib.sha1(offsets.encode()).hexdigest()[:8]}"


def drawn_by() -> str:
    """What this process's drawings depend on besides the story: code and display zone."""
    zone = os.environ.get(ENV_TIMEZONE, "").strip() or _local_zone()
    return f"{__version__} {_code_digest()} {zone}"


def drawing_key(db: Path, create: bool = False) -> bytes | None:
    """The secret that seals this database's drawings, kept in a file beside it (readable by
    its owner only); made by the first writer that draws. None: there is none (yet)."""
    path = db.with_name(db.name + KEY_SUFFIX)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        if not create:
            return None
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another writer made it meanwhile
        return path.read_bytes()
    with os.fdopen(handle, "wb") as out:
        out.write(secrets.token_bytes(32))
    return path.read_bytes()


def seal(key: bytes, html: str) -> str:
    return hmac.new(key, html.encode("utf-8"), hashlib.sha256).hexdigest()


def sealed(drawn: DrawnComparison, key: bytes | None) -> bool:
    """Whether a writer holding `key` drew this (a drawing a database brought along is not)."""
    return key is not None and hmac.compare_digest(drawn.seal, seal(key, drawn.html))


def draw_comparison(
    comparison: Comparison, articles: Sequence[Article], key: bytes | None = None
) -> DrawnComparison:
    """The comparison as the story page shows it, sealed with `key` when given. `articles`:
    the story's articles, one column each, in this order. Jinja's autoescape escapes every
    piece of article text."""
    html = _environment().get_template(PARTIAL).render(story_context(comparison, articles))
    return DrawnComparison(html, drawn_by(), "" if key is None else seal(key, html))


class Drawer:
    """`draw_comparison` for the writer of the database at `db`: its drawings sealed."""

    def __init__(self, db: Path) -> None:
        self.key = drawing_key(db, create=True)

    def __call__(self, comparison: Comparison, articles: Sequence[Article]) -> DrawnComparison:
        return draw_comparison(comparison, articles, self.key)


def redraw_stored(store: SQLiteStore, story_ids: Collection[str] | None = None) -> int:
    """Draw the stored comparisons (of `story_ids`, else all) that are not drawn, drawn by
    other code or for another zone (after an upgrade, or in a database an older release wrote),
    or not sealed with this database's key; how many were drawn. A comparison of an older
    version of its story is left: the writer compares it again when the story changes, and the
    web app draws it meanwhile."""
    draw = Drawer(store.path)
    current = drawn_by()
    drawn = 0
    for story_id, by in store.drawings_by().items():
        if story_ids is not None and story_id not in story_ids:
            continue
        if by == current:
            stored = store.stored_drawing(story_id)
            if stored is not None and sealed(stored[1], draw.key):
                continue
        stored_comparison = store.stored_comparison(story_id)
        articles = [store.article(m.article_id) for m in store.story_articles(story_id)]
        if stored_comparison is None or stored_comparison[0] != story_key(store, articles):
            continue
        # One story that cannot be drawn must not stop the others (logged by drawing_of).
        drawing = drawing_of(draw, stored_comparison[1], articles, story_id)
        if drawing is not None:
            drawn += store.save_drawing(story_id, stored_comparison[0], drawing)
    return drawn
