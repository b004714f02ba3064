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
import logging
import os
import time
from collections.abc import Sequence

from jinja2 import Environment

from newsprism import __version__
from newsprism.compare.stored import story_key
from newsprism.model.article import Article
from newsprism.model.comparison import Comparison, DrawnComparison
from newsprism.present.records import ENV_TIMEZONE
from newsprism.present.web.story import story_context
from newsprism.present.web.templating import PACKAGE, environment
from newsprism.store import SQLiteStore

log = logging.getLogger("newsprism.web")

PARTIAL = "_comparison.html"
# The files a drawing comes from: a change in any of them makes stored drawings stale.
DRAWING_FILES = (
    "templates/_comparison.html",
    "story.py",
    "marking.py",
    "charts.py",
    "drawing.py",
    "templating.py",
)


@functools.cache
def _environment() -> Environment:
    return environment()


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha1()
    for name in DRAWING_FILES:
        digest.update((PACKAGE / name).read_bytes())
    return digest.hexdigest()[:12]


def drawn_by() -> str:
    """What this process's drawings depend on besides the story: code and display zone."""
    zone = os.environ.get(ENV_TIMEZONE, "").strip() or "local " + "/".join(time.tzname)
    return f"{__version__} {_code_digest()} {zone}"


def draw_comparison(comparison: Comparison, articles: Sequence[Article]) -> DrawnComparison:
    """The comparison as the story page shows it. `articles`: the story's articles, one column
    each, in this order. Jinja's autoescape escapes every piece of article text."""
    html = _environment().get_template(PARTIAL).render(story_context(comparison, articles))
    return DrawnComparison(html, drawn_by())


def redraw_stored(store: SQLiteStore) -> int:
    """Draw the stored comparisons that are not drawn, or drawn by other code or for another
    zone (after an upgrade, or in a database an older release wrote); how many were drawn.
    A comparison of an older version of its story is left: the writer compares it again when
    the story changes, and the web app draws it meanwhile."""
    current = drawn_by()
    drawn = 0
    for story_id in store.comparisons_drawn_otherwise(current):
        stored = store.stored_comparison(story_id)
        articles = [store.article(m.article_id) for m in store.story_articles(story_id)]
        if stored is None or stored[0] != story_key(store, articles):
            continue
        try:
            drawing = draw_comparison(stored[1], articles)
        except Exception:  # one story that cannot be drawn must not stop the others
            log.exception(
                "drawing the comparison of story %s failed; the web app draws it", story_id
            )
            continue
        drawn += store.save_drawing(story_id, stored[0], drawing)
    return drawn
