from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.helpers import run_cli


@pytest.mark.slow
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
    text = record["article"]["text"]
    assert record["article"]["kind"] == "agency"
    assert text.startswith("Kaltenbrück (zpa)")
    assert record["near_duplicates"], "the agency text has near-copies in the corpus"
    assert record["story"] and record["failures"] == []

    quotes = record["annotations"]["quotes"]
    speakers = {q["speaker"]["canonical"] for q in quotes if q["speaker"]}
    assert "Jonas Brettschneider" in speakers
    assert all(text[q["start"] : q["end"]] == q["text"] for q in quotes)
    entities = {e["canonical"] for e in record["annotations"]["entities"]}
    assert "Kaltenbrück" in entities

    human = run_cli("--db", str(db), "article", agency["id"])
    assert "Lindenbrücke" in human.stdout and "near-duplicate" in human.stdout
    assert "Jonas Brettschneider" in human.stdout and "quotes" in human.stdout

    hits = json.loads(run_cli("--db", str(db), "search", "Lindenbrücke", "--json").stdout)
    assert {h["outlet"] for h in hits} >= {"zpa.de", "schnellpost.de"}
    assert json.loads(run_cli("--db", str(db), "rejects", "--json").stdout) == []
    runs = json.loads(run_cli("--db", str(db), "runs", "--json").stdout)
    assert runs[-1]["status"] == "done"

    assert "stories" in demo.stdout
    assert "How each outlet told" in demo.stdout and "facts (" in demo.stdout  # largest story
    stories = json.loads(run_cli("--db", str(db), "stories", "--json").stdout)
    assert len(stories) == 6
    assert sum(story["articles"] for story in stories) == 25
    times = [story["last_seen"] for story in stories]
    assert times == sorted(times, reverse=True)  # newest activity first
    bridge = next(s for s in stories if "zpa.de" in s["outlets"])
    assert len(bridge["outlets"]) == 5 and bridge["label"] and bridge["languages"]
    one = json.loads(run_cli("--db", str(db), "story", bridge["id"], "--json").stdout)
    assert one["story"]["id"] == bridge["id"] and one["story"]["keywords"]
    assert {a["outlet"] for a in one["articles"]} == set(bridge["outlets"])
    comparison = one["comparison"]
    assert any(len(fact["outlets"]) >= 3 for fact in comparison["facts"])
    assert {w["agency_article_id"] for w in comparison["wire"]} == {agency["id"]}
    assert "agency" in {f["kind"] for f in comparison["framing"]}
    for merged in one["merged_ids"]:  # an id merged away still finds its story
        again_found = json.loads(run_cli("--db", str(db), "story", merged, "--json").stdout)
        assert again_found["story"]["id"] == bridge["id"] and again_found["requested_id"] == merged
    report = tmp_path / "story.html"
    assert run_cli("--db", str(db), "story", bridge["id"], "--html", str(report)).returncode == 0
    assert "Wire copies" in report.read_text(encoding="utf-8")
    shown_story = run_cli("--db", str(db), "story", bridge["id"])
    assert "zpa.de" in shown_story.stdout and bridge["id"] in shown_story.stdout
    unknown = run_cli("--db", str(db), "story", "st-nothing")
    assert unknown.returncode == 1 and "newsprism stories" in unknown.stderr

    again = run_cli("demo", cwd=tmp_path)  # the default demo database is rebuilt
    assert again.returncode == 0
    refused = run_cli("--db", str(db), "demo")  # an explicit --db is never overwritten silently
    assert refused.returncode == 2 and "--replace" in refused.stderr


@pytest.mark.slow
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


@pytest.mark.slow
def test_eval_commands_print_one_json_object(tmp_path: Path) -> None:
    folder = tmp_path / "wikinews"
    folder.mkdir()
    text = "„Wir bleiben“, sagte Anna Wagner."
    tokens = [(0, 1), (1, 12), (12, 13), (13, 14), (15, 20), (21, 25), (26, 32), (32, 33)]
    record = {
        "originalText": text,
        "tokens": [{"charBegin": a, "charEnd": b, "sentence": 1} for a, b in tokens],
        "annotations": [
            {
                "quote": {"tokenIds": [1]},
                "speaker": {"tokenIds": [5, 6]},
                "cue": {"tokenIds": [4]},
                "type": "Direct",
            }
        ],
    }
    (folder / "1 - Beispiel.json").write_text(json.dumps(record), encoding="utf-8")
    result = run_cli("eval", "quotes", "--data", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["joint"]["f1"] == 1.0
    table = run_cli("eval", "quotes", "--data", str(folder))
    assert "joint" in table.stdout

    tsv = tmp_path / "gold.tsv"
    tsv.write_text("1\tAnna\tB-PER\tO\n2\tWagner\tI-PER\tO\n3\tsprach\tO\tO\n\n", "utf-8")
    result = run_cli("eval", "entities", "--data", str(tsv), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["overall"]["gold"] == 1

    stream = tmp_path / "stream.jsonl"
    lines = [
        {
            "id": str(i),
            "date": "2026-03-09",
            "lang": "de",
            "title": title,
            "text": text,
            "cluster": c,
        }
        for i, (title, text, c) in enumerate(
            [
                (
                    "Brücke gesperrt",
                    "Die Lindenbrücke in Kaltenbrück ist wegen Rissen gesperrt.",
                    "b",
                ),
                ("Lindenbrücke zu", "Risse: Kaltenbrück sperrt die Lindenbrücke für Autos.", "b"),
            ]
        )
    ]
    stream.write_text("\n".join(json.dumps(line) for line in lines) + "\n", "utf-8")
    result = run_cli("eval", "clustering", "--data", str(stream), "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["gold_clusters"] == 1 and "articles_per_second" in figures

    missing = run_cli("eval", "quotes", "--data", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "nowhere" in missing.stderr


@pytest.mark.slow
def test_stories_do_not_depend_on_the_hash_seed(tmp_path: Path, examples: Path) -> None:
    results = []
    for seed in ("1", "2"):
        db = tmp_path / f"seed{seed}.db"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        ingested = run_cli("--db", str(db), "ingest", "-q", str(examples), env=env)
        assert ingested.returncode == 0, ingested.stderr
        stories = json.loads(run_cli("--db", str(db), "stories", "--json", env=env).stdout)
        results.append(sorted((s["id"], s["articles"], s["label"]) for s in stories))
    assert results[0] == results[1]


@pytest.mark.slow
def test_compare_analyses_files_without_a_database(tmp_path: Path, examples: Path) -> None:
    files = [str(p) for p in sorted((examples / "schnellpost.de").glob("*.txt"))[:2]]
    result = run_cli("compare", *files, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert len(record["articles"]) == 2 and record["rejects"] == []
    for article in record["articles"]:
        annotations = article["annotations"]
        assert annotations["analysed"] and annotations["sentences"]
        for quote in annotations["quotes"]:
            assert article["maintext"][quote["start"] : quote["end"]] == quote["text"]
    assert not list(tmp_path.glob("*.db"))  # nothing written
    comparison = record["comparison"]
    assert set(comparison["outlets"]) == {"schnellpost.de"} and comparison["facts"]
    shown = run_cli("compare", *files, cwd=tmp_path)
    assert "quotes" in shown.stdout and "schnellpost.de" in shown.stdout
    assert "facts" in shown.stdout


@pytest.mark.slow
def test_blindspots_over_the_demo_stories(tmp_path: Path, examples: Path) -> None:
    db = tmp_path / "b.db"
    assert run_cli("--db", str(db), "ingest", "-q", str(examples)).returncode == 0
    groups = tmp_path / "groups.toml"
    groups.write_text(
        '[outlets]\n"schnellpost.de" = ["tabloid"]\n"radio-alpenland.de" = ["public"]\n', "utf-8"
    )
    result = run_cli("--db", str(db), "blindspots", "--groups", str(groups), "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["groups"] == ["public", "tabloid"] and len(record["stories"]) == 6
    ignored_by_tabloid = next(
        b["stories"] for b in record["blindspots"] if b["ignored_by"] == "tabloid"
    )
    assert ignored_by_tabloid  # the tabloid covered four of the six stories
    bad = run_cli("--db", str(db), "blindspots", "--groups", str(tmp_path / "none.toml"))
    assert bad.returncode == 2 and "none.toml" in bad.stderr
