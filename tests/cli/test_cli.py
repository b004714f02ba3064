from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq

from tests.helpers import run_cli


def test_demo_builds_a_database_and_listings_work(tmp_path: Path) -> None:
    demo = run_cli("demo", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    db = tmp_path / "newsprism-demo.db"
    assert db.exists()
    assert "zpa.de" in demo.stdout and "tagesblatt.de" in demo.stdout

    listed = run_cli("--db", str(db), "articles", "--json")
    articles = json.loads(listed.stdout)
    assert len(articles) >= 24
    agency = next(a for a in articles if a["outlet"] == "zpa.de")

    shown = run_cli("--db", str(db), "article", agency["id"], "--json")
    record = json.loads(shown.stdout)
    assert record["kind"] == "agency"
    assert record["maintext"].startswith("Kaltenbrück (zpa)")
    assert record["near_duplicates"], "the agency text has near-copies in the corpus"

    human = run_cli("--db", str(db), "article", agency["id"])
    assert "Lindenbrücke" in human.stdout and "near-duplicate" in human.stdout

    hits = json.loads(run_cli("--db", str(db), "search", "Lindenbrücke", "--json").stdout)
    assert {h["outlet"] for h in hits} >= {"zpa.de", "schnellpost.de"}
    assert json.loads(run_cli("--db", str(db), "rejects", "--json").stdout) == []
    runs = json.loads(run_cli("--db", str(db), "runs", "--json").stdout)
    assert runs[-1]["status"] == "done"

    again = run_cli("demo", cwd=tmp_path)  # the default demo database is rebuilt
    assert again.returncode == 0
    refused = run_cli("--db", str(db), "demo")  # an explicit --db is never overwritten silently
    assert refused.returncode == 2 and "--replace" in refused.stderr


def test_db_from_environment_and_exports(tmp_path: Path, examples: Path) -> None:
    env_db = tmp_path / "env.db"
    env = {**os.environ, "NEWSPRISM_DB": str(env_db)}
    result = run_cli("--quiet", "ingest", str(examples / "tagesblatt.de"), env=env)
    assert result.returncode == 0, result.stderr
    assert env_db.exists()
    jsonl = run_cli("export", "--format", "jsonl", env=env)
    lines = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(lines) == 6
    assert {"maintext", "date_publish", "source_domain", "authors", "id"} <= set(lines[0])
    csv_out = run_cli("export", "--format", "csv", env=env)
    assert csv_out.stdout.splitlines()[0].startswith("url,source_domain,title")
    no_file = run_cli("export", "--format", "parquet", env=env)
    assert no_file.returncode == 2 and "--output" in no_file.stderr
    parquet = tmp_path / "a.parquet"
    assert run_cli("export", "--format", "parquet", "-o", str(parquet), env=env).returncode == 0
    assert pq.read_table(parquet).num_rows == 6


def test_command_options_work_after_the_command(tmp_path: Path, examples: Path) -> None:
    db = tmp_path / "late.db"
    result = run_cli("ingest", str(examples / "zpa.de"), "--db", str(db), "--quiet", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["ingested"] == 1
    assert result.stderr == ""
