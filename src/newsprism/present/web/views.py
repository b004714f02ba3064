"""Template contexts for the HTML pages: the page record plus what only the eye needs
(columns, marked text, charts). The JSON twin is the record alone."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from newsprism.present.web.charts import TimelinePoint, kinds_svg, timeline_svg
from newsprism.present.web.marking import (
    article_marks,
    marked_text,
    snippet_html,
    speaker_classes,
    speaker_name,
    story_columns,
)
from newsprism.present.web.pages import ArticleView, StoryView

MAX_ENTITY_ROWS = 40


def safe_link(url: str | None) -> str | None:
    """Only http(s) URLs become links: `javascript:` and friends stay plain text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def story_context(view: StoryView) -> dict[str, Any]:
    """The story page from the comparison record and the articles' sentences."""
    comparison = view.record["comparison"]
    outlets = list(comparison["outlets"])
    omissions = comparison["omissions"]
    fact_rows = []
    for number, fact in enumerate(comparison["facts"]):
        marks = {}
        for outlet in outlets:
            if outlet in fact["outlets"]:
                marks[outlet] = "only" if len(fact["outlets"]) == 1 else "yes"
            elif number in omissions.get(outlet, ()):
                marks[outlet] = "omitted"
            else:
                marks[outlet] = ""
        fact_rows.append(
            {
                "number": number,
                "text": fact["sentences"][0]["text"],
                "marks": marks,
                "shared": len(fact["outlets"]) > 1,
            }
        )
    quote_rows = [
        {
            "speaker": row["speaker"],
            "cells": {
                outlet: [cell for cell in row["cells"] if cell["outlet"] == outlet]
                for outlet in outlets
            },
        }
        for row in comparison["quotes"]
    ]
    names: dict[str, set[str]] = {}
    for outlet, found in comparison["entities"].items():
        for name in found:
            names.setdefault(name, set()).add(outlet)
    entity_rows = sorted(names.items(), key=lambda item: (-len(item[1]), item[0]))
    outlet_of = {a.id: a.outlet or "?" for a in view.articles}
    framing_rows = [
        {
            "article_id": frame["article_id"],
            "outlet": outlet_of.get(frame["article_id"], "?"),
            "kind": frame["kind"],
            "evidence": [span["text"] for span in frame["evidence"]],
            "evaluative": [(word["text"], word["polarity"]) for word in frame["evaluative"]],
            "tone": sorted(frame["tone"].items(), key=lambda item: -abs(item[1]))[:5],
        }
        for frame in comparison["framing"]
    ]
    wire_rows = [
        {
            "outlet": outlet_of.get(copy["article_id"], "?"),
            "article_id": copy["article_id"],
            "agency": outlet_of.get(copy["agency_article_id"], "?"),
            "agency_article_id": copy["agency_article_id"],
            "similarity": copy["similarity"],
            "added": [span["text"] for span in copy["added"]],
            "changed": [span["text"] for span in copy["changed"]],
            "cut": [span["text"] for span in copy["cut"]],
        }
        for copy in comparison["wire"]
    ]
    points = [
        TimelinePoint(a.id, a.outlet or "?", a.title or "", a.published) for a in view.articles
    ]
    return {
        "columns": story_columns(comparison, view.articles, view.sentences),
        "outlets": outlets,
        "fact_rows": fact_rows,
        "quote_rows": quote_rows,
        "entity_rows": [(n, o) for n, o in entity_rows[:MAX_ENTITY_ROWS]],
        "entity_total": len(entity_rows),
        "framing_rows": framing_rows,
        "wire_rows": wire_rows,
        "timeline": timeline_svg(points),
    }


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


def short_time(value: str | None) -> str:
    """An ISO time as a short readable one (the JSON keeps ISO)."""
    if not value:
        return "undated"
    moment = datetime.fromisoformat(value)
    return moment.strftime("%d.%m.%Y %H:%M")
