"""Blindspots: which groups of outlets covered a story, and which left it out.

Groups come from a small TOML file the user writes, an outlet to any number of groups:

    [outlets]
    "tagesblatt.de" = ["regional", "broadsheet"]
    "schnellpost.de" = ["tabloid"]
    "radio-alpenland.de" = ["public broadcaster"]
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import ConfigError


@dataclass(frozen=True, slots=True)
class OutletGroups:
    groups_of: Mapping[str, frozenset[str]]

    @property
    def groups(self) -> frozenset[str]:
        return frozenset(g for groups in self.groups_of.values() for g in groups)

    def covering(self, outlets: Iterable[str]) -> frozenset[str]:
        return frozenset(g for outlet in outlets for g in self.groups_of.get(outlet, ()))

    def restricted_to(self, outlets: Iterable[str]) -> OutletGroups:
        """Only these outlets: a group none of whose outlets the database knows is dropped,
        rather than "ignoring" every story."""
        known = set(outlets)
        return OutletGroups({o: g for o, g in self.groups_of.items() if o in known})


@dataclass(frozen=True, slots=True)
class GroupCheck:
    """How a groups file fits the outlets a database holds."""

    unknown: tuple[str, ...]  # in the file, never seen in the database
    suggestions: Mapping[str, str]  # an unknown outlet -> the known one it is probably meant as
    empty_groups: tuple[str, ...]  # groups with no known outlet: left out of blindspots
    ungrouped: tuple[str, ...]  # in the database, in no group: not counted for any group

    def warnings(self) -> list[str]:
        lines = []
        for outlet in self.unknown:
            hint = self.suggestions.get(outlet)
            lines.append(
                f"outlet {outlet!r} in the groups file is not in the database"
                + (f" (did you mean {hint!r}?)" if hint else "")
            )
        for group in self.empty_groups:
            lines.append(
                f"group {group!r} has no outlet the database knows: left out, "
                "so that it does not seem to ignore every story"
            )
        if self.ungrouped:
            lines.append(
                f"{len(self.ungrouped)} outlet(s) in no group, not counted for any group: "
                + ", ".join(self.ungrouped)
            )
        return lines

    def record(self) -> dict[str, object]:
        return {
            "unknown_outlets": [
                {"outlet": o, "did_you_mean": self.suggestions.get(o)} for o in self.unknown
            ],
            "empty_groups": list(self.empty_groups),
            "ungrouped_outlets": list(self.ungrouped),
        }


def check_groups(groups: OutletGroups, outlets: Iterable[str]) -> GroupCheck:
    """Which outlets of `groups` the database does not know (with the closest known name),
    which groups are left with none, and which known outlets are in no group."""
    known = sorted(set(outlets))
    unknown = tuple(sorted(o for o in groups.groups_of if o not in set(known)))
    suggestions = {}
    for outlet in unknown:
        close = difflib.get_close_matches(outlet, known, n=1, cutoff=0.75)
        if close:
            suggestions[outlet] = close[0]
    kept = groups.restricted_to(known)
    return GroupCheck(
        unknown=unknown,
        suggestions=suggestions,
        empty_groups=tuple(sorted(groups.groups - kept.groups)),
        ungrouped=tuple(o for o in known if not groups.groups_of.get(o)),
    )


def load_groups(path: Path) -> OutletGroups:
    try:
        record = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"cannot read outlet groups {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error
    outlets = record.get("outlets")
    if not isinstance(outlets, dict) or not outlets:
        raise ConfigError(
            f'{path} has no [outlets] table; write e.g. [outlets] "tagesblatt.de" = ["regional"]'
        )
    groups_of: dict[str, frozenset[str]] = {}
    for outlet, groups in outlets.items():
        if isinstance(groups, str):
            groups = [groups]
        if not isinstance(groups, list) or not all(isinstance(g, str) and g for g in groups):
            raise ConfigError(
                f"{path}: outlet {outlet!r} needs a list of group names, got {groups!r}"
            )
        groups_of[outlet] = frozenset(groups)
    return OutletGroups(groups_of)


@dataclass(frozen=True, slots=True)
class StoryCoverage:
    story_id: str
    label: str
    covered_by: frozenset[str]
    ignored_by: frozenset[str]


def story_coverage(
    stories: Iterable[tuple[str, str, Iterable[str]]], groups: OutletGroups
) -> list[StoryCoverage]:
    """(story id, label, outlets) → which groups covered each story and which did not."""
    every = groups.groups
    result = []
    for story_id, label, outlets in stories:
        covered = groups.covering(outlets)
        result.append(StoryCoverage(story_id, label, covered, every - covered))
    return result


def blindspots(coverage: Iterable[StoryCoverage]) -> dict[tuple[str, str], list[str]]:
    """(group A, group B) → stories covered by A and ignored by B."""
    found: dict[tuple[str, str], list[str]] = {}
    for story in coverage:
        for covering in sorted(story.covered_by):
            for ignoring in sorted(story.ignored_by):
                found.setdefault((covering, ignoring), []).append(story.story_id)
    return found
