"""Authors as persons: bylines split, prefixes ("Von", "Autor:") cut, organisations, the
outlet itself, agencies and places dropped.

A person's name here is two to five words, each capitalised or a name particle ("von",
"de", "van der"), with no digits, no address and no word that names an organisation
("GmbH", "Zeitung", "Online", "Redaktion", …). A single word ("dpa", "Frankfurt") is not
taken for a person: the cost is an author missed, not a place shown as one.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"\s*(?:;|,|\||/|&|\bund\b|\band\b|\bmit\b)\s*")
# "Von Anna Muster", "Capital Von Anna Muster" (a brand glued on), "Autorin: …", "By …".
_PREFIX = re.compile(
    r"^(?:[A-ZÄÖÜ][\w.-]*\s+)?(?:Von|VON|By|BY)\s*:?\s+|^(?:von|by)\s+|"
    r"^(?:Autor(?:in)?|Autoren|Text|Interview|Kommentar|Ein Kommentar von)\s*:?\s+",
)
_PARTICLES = frozenset(
    "von vom van der den de del della di da du la le al el bin ter ten zu zum und y".split()
)
_ORGANISATION_WORDS = frozenset(
    """gmbh ag kg mbh se ev e.v. inc ltd llc verlag verlagsgesellschaft gruppe group zeitung
    zeitungen online redaktion redaktionen newsroom desk team staff medien media news
    nachrichten agentur agenturen presse press welle rundfunk fernsehen tv radio magazin
    magazine tagblatt tageblatt anzeiger rundschau kurier times daily journal allgemeine
    de com net org germany deutschland österreich schweiz austria switzerland
    gastbeitrag gastautor gastautorin leserbrief""".split()
)
_AGENCIES = frozenset("dpa afp ap reuters kna epd sid apa sda ddp dts".split())
_NOT_A_NAME = re.compile(r"\d|@|https?:|www\.|\.(?:de|com|at|ch)\b", re.IGNORECASE)


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-zäöüß]", "", text.casefold())


def _is_person(name: str, outlet_names: set[str]) -> bool:
    if _NOT_A_NAME.search(name):
        return False
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    squashed = _squash(name)
    if any(n and (n == squashed or (len(n) >= 4 and n in squashed)) for n in outlet_names):
        return False
    for word in words:
        low = word.casefold().strip(".,()")
        if word.islower() and low in _PARTICLES:
            continue  # "von", "de": a particle as written in names, not "De" for a domain
        if low in _ORGANISATION_WORDS or low in _AGENCIES:
            return False
        if not word[0].isupper() or (len(word) > 2 and word.isupper()):
            return False
    return words[-1].casefold() not in _PARTICLES


def _outlet_names(site_names: tuple[str, ...], host: str | None) -> set[str]:
    names = {_squash(n) for n in site_names}
    if host:
        parts = host.lower().removeprefix("www.").split(".")
        names.add(_squash(".".join(parts)))
        if len(parts) >= 2:
            names.add(_squash(parts[-2]))
    return {n for n in names if n}


_LAST_FIRST = re.compile(r"^([A-ZÄÖÜ][\w'-]+),\s*([A-ZÄÖÜ][\w'-]+)$")


def clean_author(raw: str) -> list[str]:
    """One byline's names, prefixes cut; not yet filtered."""
    text = " ".join(raw.split()).strip(" -–:·")
    inverted = _LAST_FIRST.match(text)
    if inverted:  # "Muster, Anna" is one person, not two words
        return [f"{inverted.group(2)} {inverted.group(1)}"]
    names = []
    for part in _SPLIT.split(text):
        part = part.strip(" -–:·()")
        previous = None
        while previous != part:
            previous = part
            part = _PREFIX.sub("", part).strip(" -–:·")
        if part:
            names.append(part)
    return names


def clean_authors(
    raws: list[str], *, site_names: tuple[str, ...] = (), host: str | None = None
) -> tuple[str, ...]:
    """The persons among the bylines, in order, each once."""
    outlet_names = _outlet_names(site_names, host)
    persons: dict[str, None] = {}
    for raw in raws:
        for name in clean_author(raw):
            if _is_person(name, outlet_names):
                persons.setdefault(name, None)
    return tuple(persons)
