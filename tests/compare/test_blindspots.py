from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.compare.blindspots import blindspots, load_groups, story_coverage
from newsprism.errors import ConfigError


def _groups(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "groups.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_groups_coverage_and_blindspots_by_hand(tmp_path: Path) -> None:
    groups = load_groups(
        _groups(
            tmp_path,
            '[outlets]\n"a.de" = ["regional", "left"]\n"b.de" = ["tabloid"]\n"c.de" = "public"\n',
        )
    )
    coverage = story_coverage(
        [("s1", "Brücke", ["a.de", "b.de"]), ("s2", "Tarif", ["c.de", "x.de"])], groups
    )
    assert coverage[0].covered_by == {"regional", "left", "tabloid"}
    assert coverage[0].ignored_by == {"public"}
    assert coverage[1].covered_by == {"public"}  # x.de is in no group
    spots = blindspots(coverage)
    assert spots[("tabloid", "public")] == ["s1"]
    assert spots[("public", "tabloid")] == ["s2"]
    assert ("tabloid", "regional") not in spots


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[outlets", "not valid TOML"),
        ("[other]\nx = 1\n", "no \\[outlets\\]"),
        ('[outlets]\n"a.de" = 3\n', "list of group names"),
    ],
)
def test_bad_group_files_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_groups(_groups(tmp_path, text))
