"""A groups file that names outlets the database does not hold is warned about (with the name
probably meant); outlets in no group are listed; a group of unknown outlets is left out."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsprism.cli.main import cli
from newsprism.compare.blindspots import OutletGroups, check_groups, story_coverage
from newsprism.run import IngestOptions, ingest
from newsprism.store import SQLiteStore
from tests.helpers import write_jsonl

KNOWN = ["tagesblatt.de", "schnellpost.de", "radio-alpenland.de"]
GROUPS = OutletGroups(
    {
        "tagesblat.de": frozenset({"regional"}),  # misspelt
        "schnellpost.de": frozenset({"tabloid"}),
        "nirgendwo-zeitung.de": frozenset({"phantom"}),
    }
)


def test_check_groups() -> None:
    check = check_groups(GROUPS, KNOWN)
    assert check.unknown == ("nirgendwo-zeitung.de", "tagesblat.de")
    assert check.suggestions == {"tagesblat.de": "tagesblatt.de"}
    assert check.empty_groups == ("phantom", "regional")
    assert check.ungrouped == ("radio-alpenland.de", "tagesblatt.de")
    text = "\n".join(check.warnings())
    assert "did you mean 'tagesblatt.de'?" in text
    assert "2 outlet(s) in no group" in text and "radio-alpenland.de" in text


def test_a_group_of_unknown_outlets_ignores_nothing() -> None:
    restricted = GROUPS.restricted_to(KNOWN)
    [coverage] = story_coverage([("st-1", "Brücke", {"tagesblatt.de"})], restricted)
    assert coverage.ignored_by == {"tabloid"}  # not "phantom", not "regional"


def test_blindspots_command_warns(tmp_path: Path) -> None:
    records = [
        {
            "maintext": f"Bericht {n} aus Musterhausen über die gesperrte Rheinbrücke und die "
            "Umleitungen, die Pendler in den kommenden Wochen in Kauf nehmen müssen.",
            "source_domain": outlet,
        }
        for n, outlet in enumerate(KNOWN)
    ]
    db = tmp_path / "n.db"
    store = SQLiteStore(db)
    ingest([str(write_jsonl(tmp_path / "a.jsonl", records))], store, IngestOptions(analyse=False))
    store.close()
    groups = tmp_path / "groups.toml"
    groups.write_text(
        '[outlets]\n"tagesblat.de" = ["regional"]\n"schnellpost.de" = ["tabloid"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["--db", str(db), "blindspots", "--groups", str(groups)])
    assert result.exit_code == 0, result.output
    assert "'tagesblat.de'" in result.stderr and "did you mean 'tagesblatt.de'" in result.stderr
    assert "in no group" in result.stderr and "radio-alpenland.de" in result.stderr
    as_json = CliRunner().invoke(
        cli, ["--db", str(db), "blindspots", "--groups", str(groups), "--json"]
    )
    record = json.loads(as_json.stdout)
    assert record["groups"] == ["tabloid"]
    assert record["warnings"]["unknown_outlets"] == [
        {"outlet": "tagesblat.de", "did_you_mean": "tagesblatt.de"}
    ]
    assert record["warnings"]["ungrouped_outlets"] == ["radio-alpenland.de", "tagesblatt.de"]
