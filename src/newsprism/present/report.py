"""The HTML report (`compare --html`, `story ID --html`): the story page's comparison as one
self-contained file.

It is drawn by the same code and templates as the web app's story page (`web/story.py`,
`_comparison.html`), with the stylesheet inlined and no scripts: nothing is fetched, and the
file opens anywhere. Jinja's autoescape escapes every piece of article text and metadata.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from newsprism.model.article import Article
from newsprism.model.comparison import Comparison
from newsprism.present.web.story import story_context
from newsprism.present.web.templating import environment, stylesheet


def comparison_html(
    comparison: Comparison,
    articles: Sequence[Article],
    title: str = "",
    keywords: Sequence[str] = (),
) -> str:
    """`articles`: the story's articles, one column each, in this order."""
    published = sorted(a.published for a in articles if a.published is not None)
    context = {
        **story_context(comparison, articles, standalone=True),
        "title": title or "How each outlet told the story",
        "first": published[0].isoformat() if published else None,
        "last": published[-1].isoformat() if published else None,
        "keywords": list(keywords),
        # The package's own stylesheet, trusted: escaping would break its selectors and quotes.
        "css": Markup(stylesheet()),
    }
    return environment().get_template("report.html").render(context)
