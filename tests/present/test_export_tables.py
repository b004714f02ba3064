"""`export` of every table: articles, stories, memberships, quotes, entities, facts, omissions,
discrepancies — JSONL, CSV (and CSV for Excel) and Parquet, with --story and date filters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli
from newsprism.present.export import TABLES, ExportSource, Selection, write_rows
from newsprism.run import IngestOptions, ingest
from newsprism.store import SQLiteStore

# Invented articles: one story told by three outlets, and one unrelated article.
ARTICLES = {
    "bote.txt": (
        "---\ntitle: Rheinbrücke gesperrt\ndate: 2026-03-09T18:30:00+01:00\n"
        "outlet: bote-musterhausen.de\n---\n"
        "Die Stadt Musterhausen sperrt die Rheinbrücke ab Dienstag für Autos. Ingenieure haben "
        "bei einer Prüfung Risse in zwei Trägern gefunden. „Wir haben keine andere Wahl“, sagte "
        "Bürgermeisterin Erika Beispiel am Montag. Die Sperrung soll drei Wochen dauern. "
        "Rund 40.000 Fahrzeuge überqueren die Brücke jeden Tag.\n"
        '=HYPERLINK("http://x") steht hier als Text.'
    ),
    "kurier.txt": (
        "---\ntitle: Brückensperrung in Musterhausen\ndate: 2026-03-09T19:10:00+01:00\n"
        "outlet: kurier-musterhausen.de\n---\n"
        "Musterhausen sperrt die Rheinbrücke ab Dienstag für den Autoverkehr. Bei einer "
        "Prüfung seien Risse in zwei Trägern entdeckt worden, sagte Bürgermeisterin Erika "
        "Beispiel. Die Sperrung soll vier Wochen dauern. Pendler müssen Umwege fahren. "
        "Rund 35.000 Fahrzeuge überqueren die Brücke täglich."
    ),
    "zeitung.txt": (
        "---\ntitle: Risse in der Rheinbrücke\ndate: 2026-03-10T07:15:00+01:00\n"
        "outlet: zeitung-am-rhein.de\n---\n"
        "Die Rheinbrücke in Musterhausen wird ab Dienstag für Autos gesperrt. Ingenieure "
        "fanden Risse in zwei Trägern. Die Sperrung soll drei Wochen dauern. Die Opposition "
        "kritisierte, die Stadt habe die Brücke jahrelang vernachlässigt."
    ),
    "sport.txt": (
        "---\ntitle: Trainer entlassen\ndate: 2026-03-20T12:00:00+01:00\n"
        "outlet: kurier-musterhausen.de\n---\n"
        "Der FC Musterhausen hat nach sechs Niederlagen in Folge seinen Trainer Paul Probst "
        "entlassen. Der Verein teilte am Freitag mit, ein Nachfolger werde bis Montag gesucht. "
        "Die Mannschaft steht auf dem vorletzten Tabellenplatz der Liga."
    ),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "n.db"
    store = SQLiteStore(path)
    try:
        report = ingest([str(folder)], store, IngestOptions())
        assert report.rejects == []
    finally:
        store.close()
    return path


def _export(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), "export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _bridge_story(db: Path) -> str:
    stories = [json.loads(line) for line in _export(db, "--table", "stories").splitlines()]
    [bridge] = [s for s in stories if "bote-musterhausen.de" in s["outlets"]]
    assert len(bridge["outlets"]) == 3
    return str(bridge["story_id"])


def test_every_table_as_jsonl(db: Path) -> None:
    story = _bridge_story(db)
    members = [json.loads(x) for x in _export(db, "--table", "memberships").splitlines()]
    assert {m["story_id"] for m in members} >= {story} and len(members) == 4
    quotes = [json.loads(x) for x in _export(db, "--table", "quotes").splitlines()]
    assert quotes, "the direct quote of the Bürgermeisterin"
    for quote in quotes:
        assert quote["kind"] in {"direct", "indirect", "mixed"}
        assert quote["verbatim"] == (quote["kind"] == "direct")  # reported speech is not verbatim
    assert any(q["kind"] == "direct" and "keine andere Wahl" in q["text"] for q in quotes)
    entities = [json.loads(x) for x in _export(db, "--table", "entities").splitlines()]
    assert any(e["canonical"] == "Musterhausen" for e in entities)
    facts = [json.loads(x) for x in _export(db, "--table", "facts").splitlines()]
    assert facts and all(f["story_id"] == story for f in facts)
    assert max(f["outlet_count"] for f in facts) >= 2
    omissions = [json.loads(x) for x in _export(db, "--table", "omissions").splitlines()]
    assert all(o["fact_text"] for o in omissions)
    discrepancies = [json.loads(x) for x in _export(db, "--table", "discrepancies").splitlines()]
    for row in discrepancies:
        assert row["field"] in {"number", "date", "name"} and row["outlets"]


def test_story_filter_by_prefix_and_dates(db: Path) -> None:
    story = _bridge_story(db)
    articles = [json.loads(x) for x in _export(db, "--story", story[:8]).splitlines()]
    assert len(articles) == 3
    assert all(a["date_publish"] for a in articles)
    # the offsets stay as written: +01:00 in, an offset out
    early = _export(db, "--until", "2026-03-09")
    assert len(early.splitlines()) == 2
    late = _export(db, "--since", "2026-03-10T00:00:00+01:00", "--table", "memberships")
    assert len(late.splitlines()) == 2  # zeitung and sport


def test_csv_for_excel_has_bom_semicolons_and_no_formulas(db: Path) -> None:
    text = _export(db, "--format", "csv", "--excel")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 4 and "maintext" in rows[0]
    assert any("Brücke" in row["maintext"] for row in rows)
    plain = _export(db, "--format", "csv")
    assert not plain.startswith("\ufeff") and plain.split("\n", 1)[0].count(",") > 3


def test_excel_cells_never_start_a_formula() -> None:
    rows = [{"story_id": "=1+1", "fact": 0, "field": "@SUM(A1)", "value": "-3", "outlets": []}]
    out = io.StringIO()
    write_rows(rows, "discrepancies", "csv", out, excel=True)
    assert "'=1+1" in out.getvalue() and "'@SUM(A1)" in out.getvalue()


def test_all_tables_as_parquet_and_csv(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    _export(db, "--table", "all", "--format", "parquet", "-o", str(folder))
    assert sorted(p.stem for p in folder.iterdir()) == sorted(TABLES)
    assert pq.read_table(folder / "articles.parquet").num_rows == 4
    quotes = pq.read_table(folder / "quotes.parquet")
    assert "speaker" in quotes.column_names and "verbatim" in quotes.column_names
    assert pq.read_table(folder / "facts.parquet").num_rows > 0
    csvs = tmp_path / "csv"
    _export(db, "--table", "all", "--format", "csv", "-o", str(csvs))
    assert (csvs / "omissions.csv").read_text(encoding="utf-8").startswith("story_id,")


def test_unknown_story_and_bad_date_are_clear_errors(db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), "export", "--story", "st-ffff0000"])
    assert result.exit_code == 1 and "no story" in result.output
    result = CliRunner().invoke(cli, ["--db", str(db), "export", "--since", "gestern"])
    assert result.exit_code == 2 and "'gestern' is not a date" in result.output


def test_selection_by_outlet(db: Path) -> None:
    store = SQLiteStore(db, readonly=True)
    try:
        source = ExportSource(store, Selection(outlet="kurier-musterhausen.de"))
        assert len(list(source.articles())) == 2
        assert {row["outlet"] for row in source.rows("entities")} == {"kurier-musterhausen.de"}
    finally:
        store.close()
