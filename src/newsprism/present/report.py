"""A single self-contained HTML report of a story comparison (no scripts, nothing fetched).

One column per article, side by side: sentences of a fact several outlets report share a colour
and a fact number, sentences only that outlet reports are marked "only here", evaluative words
are underlined; below, the omissions, the quotes table, framing and wire copies. Every piece of
article text and metadata goes through `html.escape`: article text is hostile input.
"""

from __future__ import annotations

from html import escape

from newsprism.compare.story import StoryComparison
from newsprism.model.spans import Span

_PALETTE = (
    "#fde68a",
    "#bfdbfe",
    "#bbf7d0",
    "#fecaca",
    "#ddd6fe",
    "#fbcfe8",
    "#a5f3fc",
    "#fed7aa",
    "#d9f99d",
    "#e9d5ff",
)
_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
.columns{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(18rem,1fr);gap:1rem;
overflow-x:auto}
.article{border:1px solid #ccc;border-radius:6px;padding:.75rem;font-size:.9rem;line-height:1.45}
.article h3{font-size:.95rem;margin:.2rem 0 .6rem}
.meta{color:#555;font-size:.8rem}
.fact{border-radius:3px;padding:0 .1rem}
.fact sup{font-size:.65rem;color:#333}
.only{outline:2px dashed #d97706}
.eval{text-decoration:underline wavy #b91c1c}
table{border-collapse:collapse;font-size:.85rem}
td,th{border:1px solid #ddd;padding:.3rem;vertical-align:top}
.omission{color:#b91c1c}
"""


def comparison_html(result: StoryComparison, title: str = "") -> str:
    comparison = result.comparison
    fact_of: dict[tuple[str, int], int] = {}
    for number, fact in enumerate(comparison.facts):
        for member in fact.sentences:
            fact_of[(member.article_id, member.sentence.start)] = number
    evaluative = {
        frame.article_id: [word.span for word in frame.evaluative] for frame in comparison.framing
    }
    kinds = {frame.article_id: frame.kind.value for frame in comparison.framing}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="de"><head><meta charset="utf-8">',
        f"<title>{escape(title or 'newsprism comparison')}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title or 'How each outlet told the story')}</h1>",
        '<div class="columns">',
    ]
    for item in result.articles:
        article = item.article
        text = article.text
        parts.append('<section class="article">')
        parts.append(f"<h3>{escape(article.outlet or '?')}: {escape(article.title or '')}</h3>")
        published = article.published.isoformat() if article.published else "undated"
        parts.append(
            f'<div class="meta">{escape(published)} · {escape(kinds.get(article.id, ""))}</div>'
        )
        for sentence in item.document.sentences:
            found = fact_of.get((article.id, sentence.start))
            body = _marked(text, sentence, evaluative.get(article.id, []))
            if found is None:
                parts.append(f"<span>{body}</span> ")
                continue
            fact = comparison.facts[found]
            if len(fact.outlets) > 1:
                colour = _PALETTE[found % len(_PALETTE)]
                parts.append(
                    f'<span class="fact" style="background:{colour}">{body}<sup>{found}</sup>'
                    "</span> "
                )
            else:
                parts.append(f'<span class="only" title="only here">{body}</span> ')
        omitted = comparison.omissions.get(article.outlet or "", ())
        if omitted:
            numbers = ", ".join(str(n) for n in omitted)
            parts.append(f'<p class="omission">Leaves out facts {escape(numbers)}</p>')
        parts.append("</section>")
    parts.append("</div>")
    parts.append("<h2>Quotes by speaker</h2><table><tr><th>speaker</th>")
    parts.extend(f"<th>{escape(outlet)}</th>" for outlet in result.outlets)
    parts.append("</tr>")
    texts = {item.article.id: item.article.text for item in result.articles}
    for row in result.quote_rows:
        parts.append(f"<tr><td>{escape(row.speaker)}</td>")
        for outlet in result.outlets:
            cells = [c for c in row.cells if c.outlet == outlet]
            said = " / ".join(
                ("(gekürzt) " if c.shortened else "") + c.quote.text_of(texts[c.article_id])
                for c in cells
            )
            parts.append(f"<td>{escape(said)}</td>")
        parts.append("</tr>")
    parts.append("</table>")
    if comparison.wire:
        parts.append("<h2>Wire copies</h2><ul>")
        outlets = {item.article.id: item.article.outlet or "" for item in result.articles}
        for copy in comparison.wire:
            parts.append(
                f"<li>{escape(outlets[copy.article_id])} reprints "
                f"{escape(outlets[copy.agency_article_id])}: {len(copy.added)} added, "
                f"{len(copy.changed)} reworded, {len(copy.cut)} cut</li>"
            )
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _marked(text: str, sentence: Span, evaluative: list[Span]) -> str:
    """The sentence, escaped, with its evaluative words underlined."""
    pieces: list[str] = []
    position = sentence.start
    for span in sorted(evaluative, key=lambda s: s.start):
        if span.start < position or span.end > sentence.end:
            continue
        pieces.append(escape(text[position : span.start]))
        pieces.append(f'<span class="eval">{escape(text[span.start : span.end])}</span>')
        position = span.end
    pieces.append(escape(text[position : sentence.end]))
    return "".join(pieces)
