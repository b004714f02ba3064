"""Per outlet: the facts only it reports, and the facts most others report that it does not.

Counting is by voice, not by outlet: an agency text and the articles that reprint it (wire
copies, `compare/wire.py`) are one voice. So two outlets running one agency text do not make a
fact "widely reported", and a fact only that agency text has is "only here" for each outlet that
ran it (the page says which).

An outlet is charged with a fact (an `Omission`) when more than `majority` of the other voices
report it, at least two of them, and neither the outlet nor the voice it speaks with does — an
article that shortened the agency text is not charged with what the agency text has. The charge
is `left-out` only when the outlet's articles are full texts (no paywall teaser) and none of
their units comes near the fact (score below `MAYBE`, and no telling number of the fact
stated); otherwise it is `not-found`, with the closest unit, so that a reader can judge.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from newsprism.compare.align import ALIGN
from newsprism.errors import ConfigError
from newsprism.model.article import Article, ArticleKind
from newsprism.model.comparison import Closest, Fact, Omission, OmissionStatus, WireCopy

# (outlet, fact number) -> the unit of the outlet's articles closest to the fact, if any, and
# whether something there may state the fact after all (then it is "not found", not "left out").
ClosestOf = Callable[[str, int], tuple[Closest | None, bool]]


def voices(articles: Sequence[Article], wire: Sequence[WireCopy]) -> dict[str, str]:
    """Each article's voice: an agency text and every article that copies it (or copies a
    copy of it) are one family, named by its agency text — the article whose metadata says
    `agency`, else the one most others copy, else the first. Other articles are their own."""
    family = {article.id: article.id for article in articles}

    def find(node: str) -> str:
        while family[node] != node:
            family[node] = family[family[node]]
            node = family[node]
        return node

    copied: dict[str, int] = {}
    for copy in wire:
        if copy.article_id in family and copy.agency_article_id in family:
            family[find(copy.article_id)] = find(copy.agency_article_id)
            copied[copy.agency_article_id] = copied.get(copy.agency_article_id, 0) + 1
    order = {article.id: number for number, article in enumerate(articles)}
    members: dict[str, list[Article]] = {}
    for article in articles:
        members.setdefault(find(article.id), []).append(article)
    found: dict[str, str] = {}
    for group in members.values():
        head = min(
            group,
            key=lambda a: (a.kind is not ArticleKind.AGENCY, -copied.get(a.id, 0), order[a.id]),
        )
        found.update({article.id: head.id for article in group})
    return {article.id: found[article.id] for article in articles}


def unique_facts(facts: Sequence[Fact], outlets: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """Facts that one voice alone reports, per outlet that carries them."""
    return {
        outlet: tuple(
            n
            for n, fact in enumerate(facts)
            if outlet in fact.outlets and len(set(fact.voices)) == 1
        )
        for outlet in outlets
    }


def omissions(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    voice_of: Mapping[str, str],
    closest_of: ClosestOf,
    majority: float = 0.5,
) -> dict[str, tuple[Omission, ...]]:
    """The facts each outlet is charged with not reporting (see the module's doc).

    With four independent voices and the default 0.5, a fact is charged to the fourth when at
    least two of the other three report it; one voice alone never defines an omission.
    """
    if not 0 <= majority < 1:
        raise ConfigError(f"majority must be in [0, 1), got {majority}; 0.5 means 'more than half'")
    by_outlet: dict[str, list[Article]] = {}
    for article in articles:
        by_outlet.setdefault(article.outlet or "", []).append(article)
    everyone = set(voice_of.values())
    result: dict[str, tuple[Omission, ...]] = {}
    for outlet, own in by_outlet.items():
        own_voices = {voice_of.get(a.id, a.id) for a in own}
        others = len(everyone - own_voices)
        teaser = all(a.teaser for a in own)
        charged = []
        for number, fact in enumerate(facts):
            if outlet in fact.outlets or own_voices & set(fact.voices):
                continue
            reporting = len(set(fact.voices) - own_voices)
            if reporting < 2 or not others or reporting / others <= majority:
                continue
            closest, near = closest_of(outlet, number)
            if closest is not None and closest.score >= ALIGN:
                # A unit of the outlet reports it as well as any member does: it stands in
                # another fact (a unit is in one fact only), and the outlet is not charged.
                continue
            status = OmissionStatus.NOT_FOUND if teaser or near else OmissionStatus.LEFT_OUT
            charged.append(Omission(number, status, closest))
        result[outlet] = tuple(charged)
    return result
