"""Terminal listings at 80 columns: tables that fit or blocks, "…" on cut cells, id prefixes,
default limits with --all; and search's message when nothing matched."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from newsprism.cli.context import resolve_id
from newsprism.cli.listing import Column, cut, print_listing, when
from newsprism.cli.main import cli
from newsprism.errors import ConfigError, NotFound
from newsprism.run import IngestOptions, ingest
from newsprism.store import SQLiteStore
from tests.helpers import write_jsonl


def test_cut_at_a_word_with_an_ellipsis() -> None:
    assert cut("Kaltenbrück sperrt die Lindenbrücke wegen Rissen", 30) == "Kaltenbrück sperrt die…"
    assert cut("Kurz", 30) == "Kurz"
    assert cut("Donaudampfschifffahrtsgesellschaft", 10) == "Donaudamp…"
    assert cut("zwei\n  Zeilen", 30) == "zwei Zeilen"
    assert len(cut("a " * 100, 17)) <= 17


def _render(width: int, columns: tuple[Column, ...], rows: list[list[str]]) -> list[str]:
    out = io.StringIO()
    print_listing(Console(file=out, width=width, color_system=None), columns, rows)
    return out.getvalue().splitlines()


COLUMNS = (
    Column("id"),
    Column("published"),
    Column("outlet", flex=True, min_width=10, max_width=18),
    Column("title", flex=True, min_width=20),
)
ROWS = [
    [
        "01b802da703d4ee1",
        "2026-03-09",
        "rheinische-rundschau.de",
        "Die Stadt Kaltenbrück sperrt die Lindenbrücke über den Rhein von Dienstag an",
    ],
    ["976fbb9bf9185259", "2026-03-17", "euroledger.com", "North Sea nations sign pact"],
]


def test_a_table_at_80_columns_keeps_ids_whole_and_marks_cuts() -> None:
    lines = _render(80, COLUMNS, ROWS)
    assert len(lines) == 3  # header and one line per row: nothing wraps
    assert all(len(line) <= 80 for line in lines)
    assert "01b802da703d4ee1" in lines[1] and "…" in lines[1]
    assert "North Sea nations sign pact" in lines[2]


def test_too_narrow_for_a_table_each_row_is_a_block() -> None:
    lines = _render(44, COLUMNS, ROWS)
    assert lines[0].startswith("01b802da703d4ee1 2026-03-09")
    assert lines[1].strip() == "rheinische-rundschau.de"
    assert lines[2].startswith("    Die Stadt") and lines[2].endswith("…")
    assert all(len(line) <= 44 for line in lines)


def test_markup_in_cells_is_shown_as_text() -> None:
    lines = _render(80, (Column("id"), Column("title", flex=True)), [["x", "[red]böse[/red]"]])
    assert "[red]böse[/red]" in lines[1]


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    records = [
        {
            "maintext": f"Artikel Nummer {n}: Der Stadtrat von Musterhausen berät über die "
            f"Rheinbrücke und die Sanierung der Brücke im Jahr {2000 + n}.",
            "title": f"Bericht {n}",
            "source_domain": "bote-musterhausen.de",
            "date_publish": "2026-03-09 17:30:00",
        }
        for n in range(55)
    ]
    source = write_jsonl(tmp_path / "a.jsonl", records)
    path = tmp_path / "n.db"
    store = SQLiteStore(path)
    try:
        ingest([str(source)], store, IngestOptions(analyse=False))
    finally:
        store.close()
    return path


def test_id_prefixes(db: Path) -> None:
    store = SQLiteStore(db, readonly=True)
    try:
        ids = sorted(article.id for article in store.articles())
        one = ids[0]
        # the shortest prefix that only this id has
        length = next(n for n in range(1, 17) if sum(i.startswith(one[:n]) for i in ids) == 1)
        assert resolve_id(store, "article", one[:length]) == one
        assert resolve_id(store, "article", one.upper()) == one
        shared = next(i[:1] for i in ids if sum(j.startswith(i[:1]) for j in ids) > 1)
        with pytest.raises(ConfigError, match="ambiguous"):
            resolve_id(store, "article", shared)
        with pytest.raises(NotFound):
            resolve_id(store, "article", "zz")
    finally:
        store.close()
    result = CliRunner().invoke(cli, ["--db", str(db), "article", one[:length], "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["article"]["id"] == one


def test_default_limit_and_all(db: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(cli, ["--db", str(db), "articles"], env={"COLUMNS": "80"})
    assert shown.exit_code == 0
    assert "--all" in shown.stdout
    assert len([line for line in shown.stdout.splitlines() if "Bericht" in line]) == 50
    everything = runner.invoke(cli, ["--db", str(db), "articles", "--all"], env={"COLUMNS": "80"})
    assert len([line for line in everything.stdout.splitlines() if "Bericht" in line]) == 55
    assert "--all" not in everything.stdout
    assert all(len(line) <= 80 for line in everything.stdout.splitlines())
    as_json = runner.invoke(cli, ["--db", str(db), "articles", "--json"])
    assert len(json.loads(as_json.stdout)) == 55  # scripts get everything, as before


def test_search_says_when_nothing_matched(db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), "search", "Zeppelinhalle"])
    assert result.exit_code == 0
    assert "no article matches 'Zeppelinhalle'" in result.stderr
    found = CliRunner().invoke(cli, ["--db", str(db), "search", "Brücke", "--limit", "3"])
    assert "Bericht" in found.stdout


def test_times_are_shown_with_their_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    monkeypatch.setenv("NEWSPRISM_TZ", "Europe/Berlin")
    assert when(datetime(2026, 3, 9, 6, 15, tzinfo=UTC)) == "2026-03-09 07:15 CET"
    assert when(datetime(2026, 7, 9, 5, 15, tzinfo=UTC)) == "2026-07-09 07:15 CEST"
    assert when(None) == ""
    monkeypatch.setenv("NEWSPRISM_TZ", "Mars/Olympus")
    with pytest.raises(ConfigError, match="NEWSPRISM_TZ"):
        when(datetime(2026, 3, 9, tzinfo=UTC))


def test_tz_option_sets_the_zone_for_the_command(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSPRISM_TZ", raising=False)
    runner = CliRunner()
    store = SQLiteStore(db, readonly=True)
    first = next(iter(store.articles())).id
    store.close()
    shown = runner.invoke(cli, ["--db", str(db), "--tz", "Asia/Tokyo", "article", first[:10]])
    monkeypatch.delenv("NEWSPRISM_TZ", raising=False)
    assert shown.exit_code == 0, shown.output
    # 17:30 UTC (news-please's naive time) is 02:30 the next day in Tokyo
    assert "2026-03-10 02:30 JST" in shown.stdout
