"""Paywall teasers: a page that shows the start of an article and asks for a subscription.

A teaser is stored (it says the outlet covered the story) but marked, and comparisons do not
hold its missing facts against the outlet. The signals: schema.org's `isAccessibleForFree:
false`, paywall markup, or German and English subscription calls — together with a short text.
"""

from __future__ import annotations

import re

# Longer than this, the page gave the article whatever its markup says.
TEASER_MAX_CHARS = 1500

_MARKERS = re.compile(
    r"\"isAccessibleForFree\"\s*:\s*\"?false|class=\"[^\"]*\b(paywall|paid-content|plus-teaser|"
    r"premium-teaser)\b|Jetzt weiterlesen|Weiterlesen mit|(?:nur|exklusiv) für Abonnent|"
    r"Jetzt abonnieren|Abo abschließen|Sie haben bereits ein Abo|Plus-Artikel|"
    r"Subscribe to (?:continue|read)|subscribers only",
    re.IGNORECASE,
)


def is_teaser(markup: str, text: str) -> bool:
    return len(text) <= TEASER_MAX_CHARS and _MARKERS.search(markup) is not None
