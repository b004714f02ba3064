"""Article text as readers see it: no consent or embed placeholders, no paragraphs glued
together, no headline or kicker repeated as the first paragraph, and the lead kept.

The text comes one paragraph per line (trafilatura's output); every rule works on lines.
"""

from __future__ import annotations

import re

# Placeholders that stand where an embed (a video, a post, a map) or a consent banner was.
# Matched only on short paragraphs: an article about privacy settings keeps its text.
_PLACEHOLDER = re.compile(
    r"externe[rn]? inhalt|inhalte? von drittanbieter|drittanbieter-inhalt|"
    r"privatsphäre-einstellung|datenschutz-einstellung|cookie-einstellung|"
    r"einwilligung (?:widerrufen|erteilen)|ich bin damit einverstanden, dass mir externe|"
    r"um (?:diesen|den) inhalt (?:zu sehen|anzuzeigen|zu laden)|"
    r"zum anzeigen (?:dieses|des) inhalts|inhalt (?:laden|aktivieren|nicht verfügbar)|"
    r"aktivieren sie javascript|javascript (?:aktivieren|ist deaktiviert)|"
    r"empfohlener redaktioneller inhalt|"
    r"an dieser stelle finden sie (?:einen )?(?:externen )?inhalt|"
    r"this content is (?:not available|blocked)|privacy (?:settings|preferences)|"
    r"enable javascript|accept (?:all )?cookies|"
    r"(?:youtube|twitter|x|instagram|facebook|tiktok|podigee|spotify|datawrapper)-inhalt",
)
# Every placeholder holds one of these: lines without any are passed over cheaply.
_PLACEHOLDER_WORDS = (
    "inhalt",
    "einstellung",
    "einwillig",
    "einverstanden",
    "javascript",
    "content",
    "privacy",
    "cookie",
)
_PLACEHOLDER_MAX = 400
# Two paragraphs glued without a space: "…zur Migration.Chiesa ruft …", "…Hafen„Wir …".
_GLUED_SENTENCE = re.compile(r"(?<=[a-zäöüß]{2}[.!?])(?=[„\"»]?[A-ZÄÖÜ][a-zäöüß])")
# A short heading glued to its paragraph: "Streit um die MigrationChiesa ruft …". Only a long
# lower-case word end before the capital (brands like "BahnCard" have short ones) and only
# when what comes before has no sentence end, as a heading would not.
_GLUED_HEADING = re.compile(r"(?<=[a-zäöüß]{6})(?=[A-ZÄÖÜ][a-zäöüß]{2,}\s)")
_HEADING_MAX = 120


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-zäöüß]", "", text.casefold())


def is_placeholder(line: str) -> bool:
    if len(line) > _PLACEHOLDER_MAX:
        return False
    lowered = line.lower()
    if not any(word in lowered for word in _PLACEHOLDER_WORDS):
        return False
    return _PLACEHOLDER.search(lowered) is not None


def _split_glued(line: str) -> list[str]:
    parts: list[str] = []
    for piece in _GLUED_SENTENCE.split(line):
        match = _GLUED_HEADING.search(piece)
        if (
            match
            and match.start() <= _HEADING_MAX
            and not re.search(r"[.!?:]", piece[: match.start()])
        ):
            parts.extend([piece[: match.start()], piece[match.start() :]])
        else:
            parts.append(piece)
    return [p.strip() for p in parts if p.strip()]


def _is_repeat(line: str, title: str | None, kickers: list[str]) -> bool:
    """The headline, a kicker, or both in one line, repeated at the top of the text."""
    squashed = _squash(line)
    if not squashed:
        return True
    known = [_squash(k) for k in kickers if _squash(k)]
    if title:
        heading = _squash(title)
        known.append(heading)
        known.extend(k + heading for k in list(known[:-1]))
    return squashed in known


def clean_text(
    text: str,
    *,
    title: str | None = None,
    kickers: list[str] | None = None,
    lead: str | None = None,
) -> str:
    """The text with placeholders dropped, glued paragraphs split, the headline and kicker
    not repeated at the top, and the lead first when it was left out."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or is_placeholder(line):
            continue
        lines.extend(_split_glued(line))
    kickers = kickers or []
    while lines and _is_repeat(lines[0], title, kickers):
        lines.pop(0)
    if lead:
        lead = " ".join(lead.split())
        body = _squash(" ".join(lines))
        if len(lead) >= 60 and _squash(lead)[:200] not in body:
            lines.insert(0, lead)
    return "\n".join(lines)
