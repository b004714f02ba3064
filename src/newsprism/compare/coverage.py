"""Per outlet: the facts only it reports, and the facts most others report that it leaves out."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.errors import ConfigError
from newsprism.model.comparison import Fact


def unique_facts(facts: Sequence[Fact], outlets: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """Indexes of the facts that one outlet alone reports, per outlet."""
    return {
        outlet: tuple(n for n, fact in enumerate(facts) if fact.outlets == {outlet})
        for outlet in outlets
    }


def omissions(
    facts: Sequence[Fact], outlets: Sequence[str], majority: float = 0.5
) -> dict[str, tuple[int, ...]]:
    """Facts an outlet leaves out although more than `majority` of the other outlets report them.

    With four outlets and the default 0.5, a fact is an omission of the fourth when at least two
    of the other three report it. One outlet alone never defines an omission.
    """
    if not 0 <= majority < 1:
        raise ConfigError(f"majority must be in [0, 1), got {majority}; 0.5 means 'more than half'")
    result: dict[str, tuple[int, ...]] = {}
    for outlet in outlets:
        others = len(outlets) - 1
        missing = []
        for number, fact in enumerate(facts):
            if outlet in fact.outlets:
                continue
            reporting = len(fact.outlets)
            if reporting >= 2 and others and reporting / others > majority:
                missing.append(number)
        result[outlet] = tuple(missing)
    return result
