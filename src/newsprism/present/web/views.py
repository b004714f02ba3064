"""Template contexts for the HTML pages: the page record plus what only the eye needs
(marked text, charts). The JSON twin is the record alone. The story page's comparison is drawn
by `story.py`, which the HTML report shares."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

from newsprism.present.web.charts import kinds_svg
from newsprism.present.web.marking import (
    article_marks,
    marked_text,
    snippet_html,
    speaker_classes,
    speaker_name,
)
from newsprism.present.web.pages import ArticleView


def safe_link(url: str | None) -> str | None:
    """Only http(s) URLs become links: `javascript:` and friends stay plain text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def article_context(view: ArticleView) -> dict[str, Any]:
    article = view.article
    record = view.record
    annotations = view.annotations
    marks = article_marks(annotations.entities, annotations.quotes, view.framing)
    colours = speaker_classes(annotations.quotes)
    quotes = [
        {
            "speaker": speaker_name(q),
            "colour": colours[speaker_name(q)],
            "kind": q.kind.value,
            "text": q.text_of(article.text),
            "cue": q.cue.text_of(article.text) if q.cue else "",
            "start": q.start,
        }
        for q in annotations.quotes
    ]
    return {
        "body": marked_text(article.text, marks),
        "speakers": list(colours.items()),
        "quotes": quotes,
        "link": safe_link(article.url),
        "source_links": [safe_link(s["url"]) for s in record["sources"]],
    }


def search_context(record: Mapping[str, Any]) -> dict[str, Any]:
    marks = tuple(record.get("marks", ("", "")))
    return {
        "snippets": {
            hit["id"]: snippet_html(hit["snippet"], (marks[0], marks[1]))
            for hit in record["articles"]
        }
    }


def outlets_context(record: Mapping[str, Any]) -> dict[str, Any]:
    return {"kinds": {o["name"]: kinds_svg(o["kinds"]) for o in record["outlets"]}}


def page_url(path: str, filters: Mapping[str, Any], page: int) -> str:
    """The same page with the same filters, another page number."""
    query = {k: v for k, v in filters.items() if v not in (None, "") and k != "page"}
    if page > 1:
        query["page"] = page
    return path + ("?" + urlencode(query) if query else "")
