"""The plausibility gate: inputs that are not news articles, or too short to be one, are
rejects with a reason, whatever kind of input they came in.

- `not-an-article`: a page that says it is a product, recipe, list or search page (JSON-LD
  `@type`, `og:type`), a shop (basket and price phrases), a recipe (ingredients and method),
  an index page (most of its text is links) or a cookie wall (the text is the consent banner);
- `too-short`: fewer than `MIN_ARTICLE_CHARS` characters of text after cleaning, from any
  input; a teaser (a feed's summary, a paywalled page) is marked as one and let through.

The gate can be switched off (`gate=False` in `article_from_found` and `ReadOptions`) to keep
everything, for example to ingest a folder of known-good short agency items.
"""

from __future__ import annotations

import re

from lxml.etree import XPath  # type: ignore[import-untyped]
from lxml.html import HtmlElement  # type: ignore[import-untyped]

from newsprism.errors import RejectReason
from newsprism.ingest.cleanup import is_placeholder
from newsprism.ingest.metadata import ARTICLE_TYPES, PageMetadata

# The reasons this gate gives.
NOT_AN_ARTICLE = RejectReason.NOT_AN_ARTICLE
TOO_SHORT = RejectReason.TOO_SHORT

# Two short sentences: shorter items are teasers, captions or navigation, not articles (a
# news brief of one paragraph is longer). Low enough for the shortest agency briefs.
MIN_ARTICLE_CHARS = 100

_NOT_ARTICLE_TYPES = frozenset(
    {
        "Product",
        "ProductGroup",
        "Offer",
        "AggregateOffer",
        "Recipe",
        "ItemList",
        "CollectionPage",
        "SearchResultsPage",
        "Store",
        "OnlineStore",
        "Event",
        "JobPosting",
        "RealEstateListing",
    }
)
_NOT_ARTICLE_OG = frozenset({"product", "product.item", "og:product", "recipe", "product.group"})
_SHOP = re.compile(
    r"in den warenkorb|add to (?:cart|basket)|zur kasse|jetzt kaufen|inkl\.? mwst|"
    r"zzgl\.? versand|lieferzeit|auf lager|versandkostenfrei|artikelnummer",
)
_RECIPE_HEADINGS = re.compile(
    r"^(?:zutaten|zubereitung|ingredients|method|directions)\b", re.I | re.M
)
_LINK_SHARE = 0.6
_BODY_TEXT = XPath("//body//text()[not(ancestor::script or ancestor::style)]")
_LINK_TEXT = XPath("//body//a//text()")
_WALL_MAX = 3000


def _prose(text: str) -> int:
    """Paragraphs that read as prose: long lines ending a sentence (an index page's text is
    a list of headlines and teasers)."""
    return sum(
        1 for line in text.splitlines() if len(line) >= 120 and line.rstrip()[-1:] in '.!?“"»'
    )


def _link_share(tree: HtmlElement) -> float:
    """Share of the body's text that sits in links: an index page is mostly links."""
    total = sum(len(text.strip()) for text in _BODY_TEXT(tree))
    if total == 0:
        return 0.0
    linked = sum(len(text.strip()) for text in _LINK_TEXT(tree))
    return linked / total


def page_problem(tree: HtmlElement, metadata: PageMetadata, text: str) -> str | None:
    """Why the page is not an article, or None when it may be one."""
    is_article = bool(metadata.types & ARTICLE_TYPES)
    if not is_article:
        other = sorted(metadata.types & _NOT_ARTICLE_TYPES)
        if other:
            return f"the page describes itself as {', '.join(other)} (JSON-LD), not an article"
        if (metadata.og_type or "").lower() in _NOT_ARTICLE_OG:
            return f"the page describes itself as og:type {metadata.og_type}, not an article"
        shop = set(_SHOP.findall(text.lower()))
        if len(shop) >= 2:
            return f"a shop page ({', '.join(sorted(shop))})"
        if len(_RECIPE_HEADINGS.findall(text)) >= 2:
            return "a recipe (ingredients and method), not an article"
    if len(text) <= _WALL_MAX:  # a consent banner is short; a long text is not one
        lines = [line for line in text.splitlines() if line.strip()]
        consent = sum(len(line) for line in lines if is_placeholder(line) or _is_consent(line))
        if lines and consent >= 0.5 * sum(map(len, lines)):
            return "a cookie or consent wall: the text is the banner"
    # A day that htmldate or the URL guessed (teaser cards carry dates) does not make an
    # article; a publish time in the page's own metadata does.
    dated = metadata.dated_by in ("json-ld", "meta", "time")
    if not is_article and not dated and _prose(text) < 2 and _link_share(tree) > _LINK_SHARE:
        return "an index page: most of its text is links, with no paragraphs of prose"
    return None


_CONSENT = re.compile(
    r"cookie|zustimm|einwillig|akzeptier|pur-abo|werbefrei|tracking|datenschutz|consent"
)


def _is_consent(line: str) -> bool:
    return len(line) <= 600 and len(_CONSENT.findall(line.lower())) >= 2


def too_short(text: str, min_chars: int = MIN_ARTICLE_CHARS) -> str | None:
    """Why the text is too short for an article, or None."""
    length = len(text.strip())
    if length < min_chars:
        return f"{length} characters of text, under the minimum of {min_chars} for an article"
    return None
