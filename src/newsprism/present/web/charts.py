"""Charts as inline SVG drawn on the server: nothing to fetch, nothing to run in the browser.

Every label is escaped; colours come from fixed palettes, never from the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from markupsafe import Markup, escape

from newsprism.present.records import to_local

PALETTE = ("#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#db2777", "#0891b2", "#65a30d")
KIND_COLOURS = {
    "report": "#2563eb",
    "agency": "#059669",
    "commentary": "#dc2626",
    "interview": "#7c3aed",
    "live": "#d97706",
    "unknown": "#9ca3af",
}


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    article_id: str
    outlet: str
    title: str
    published: datetime | None


def timeline_svg(
    points: Sequence[TimelinePoint], width: int = 760, article_href: str = "/articles/"
) -> Markup:
    """One row per outlet, a dot per article at its publication time, each a link to
    `article_href` + the article id (the report, a file on its own, links inside itself)."""
    dated = [p for p in points if p.published is not None]
    outlets = list(dict.fromkeys(p.outlet for p in points))
    if not dated or not outlets:
        return Markup('<p class="muted">No publication times to draw.</p>')
    row, left, right, top = 22, 170, 20, 12
    height = top + row * len(outlets) + 34
    first = min(p.published for p in dated if p.published)
    last = max(p.published for p in dated if p.published)
    span = max((last - first).total_seconds(), 3600.0)
    plot = width - left - right

    def x_of(moment: datetime) -> float:
        return left + plot * (moment - first).total_seconds() / span

    parts = [
        f'<svg class="timeline" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>When each outlet published</title>",
    ]
    for index, outlet in enumerate(outlets):
        y = top + row * index + row / 2
        parts.append(
            f'<text x="{left - 8}" y="{y + 4:.0f}" text-anchor="end" font-size="12" '
            f'fill="#374151">{escape(outlet[:26])}</text>'
        )
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.0f}" y2="{y:.0f}" stroke="#e5e7eb"/>'
        )
    axis_y = top + row * len(outlets) + 6
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}" stroke="#9ca3af"/>'
    )
    ticks = _ticks(first, last, span)
    for number, tick in enumerate(ticks):
        x = x_of(tick)
        # the last label ends at its tick, so that it stays inside the drawing
        anchor = "end" if number == len(ticks) - 1 and len(ticks) > 1 else "middle"
        shown = to_local(tick)  # the reader's zone, as every time on the pages
        label = shown.strftime("%d.%m. %H:%M") if span < 4 * 86400 else shown.strftime("%d.%m.")
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis_y}" y2="{axis_y + 4}" stroke="#9ca3af"/>'
            f'<text x="{x:.1f}" y="{axis_y + 17}" text-anchor="{anchor}" font-size="11" '
            f'fill="#4b5563">{escape(label)}</text>'
        )
    for point in dated:
        assert point.published is not None
        index = outlets.index(point.outlet)
        y = top + row * index + row / 2
        colour = PALETTE[index % len(PALETTE)]
        local = to_local(point.published)
        tip = f"{point.outlet}: {point.title} ({local.strftime('%d.%m.%Y %H:%M')} {local.tzname()})"
        parts.append(
            f'<a href="{escape(article_href + point.article_id)}">'
            f'<circle cx="{x_of(point.published):.1f}" cy="{y:.0f}" r="6" fill="{colour}" '
            f'stroke="#fff" stroke-width="1.5"><title>{escape(tip)}</title></circle></a>'
        )
    parts.append("</svg>")
    undated = len(points) - len(dated)
    if undated:
        parts.append(f'<p class="muted">{undated} undated article(s) not drawn.</p>')
    return Markup("".join(parts))


def _ticks(first: datetime, last: datetime, span: float, count: int = 5) -> list[datetime]:
    if span <= 3600:
        return [first]
    step = timedelta(seconds=span / (count - 1))
    return [first + step * i for i in range(count) if first + step * i <= last + timedelta(0, 1)]


def kinds_svg(kinds: Mapping[str, int], width: int = 220, height: int = 14) -> Markup:
    """A stacked bar of article kinds (report, agency, commentary, …)."""
    total = sum(kinds.values())
    if total == 0:
        return Markup("")
    parts = [
        f'<svg class="kinds" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    x = 0.0
    for kind, count in kinds.items():
        share = width * count / total
        colour = KIND_COLOURS.get(kind, "#9ca3af")
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{share:.1f}" height="{height}" fill="{colour}">'
            f"<title>{escape(kind)}: {count}</title></rect>"
        )
        x += share
    parts.append("</svg>")
    return Markup("".join(parts))
