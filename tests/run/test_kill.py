"""SIGKILL an ingest at several moments: the database stays consistent, a rerun completes it,
and the stories come out as those of a run that was never killed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from bench.synthetic import article_text, edit, stream

from newsprism.store import SQLiteStore
from tests.helpers import write_jsonl
from tests.process import start_cli

ARTICLES = 3000


def _committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # schema not created yet


def _start(db: Path, inputs: Path, batch_size: int = 50) -> subprocess.Popen[bytes]:
    return start_cli(db, "ingest", str(inputs), "--batch-size", str(batch_size))


@pytest.mark.slow
def test_killed_ingest_loses_nothing_committed_and_completes_on_rerun(tmp_path: Path) -> None:
    inputs = tmp_path / "eingang"
    inputs.mkdir()
    records = [
        {"maintext": article_text(n, words=150), "url": f"https://www.beispiel.de/{n}"}
        for n in range(ARTICLES)
    ]
    # every 10th article also arrives as a lightly edited copy from a second outlet
    records += [
        {"maintext": edit(article_text(n, words=150), 0.05, n), "url": f"https://www.kopie.de/{n}"}
        for n in range(0, ARTICLES, 10)
    ]
    write_jsonl(inputs / "strom.jsonl", records)
    expected = len(records)
    db = tmp_path / "kill.db"

    seen = 0
    for target in (1, expected // 3, 2 * expected // 3):
        process = _start(db, inputs)
        while process.poll() is None and _committed(db) < max(target, seen + 1):
            time.sleep(0.01)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        count = _committed(db)
        assert count >= seen  # nothing committed was lost
        seen = count
        store = SQLiteStore(db)
        assert store.integrity_problems() == []
        store.close()

    final = _start(db, inputs)
    _, stderr = final.communicate(timeout=600)
    assert final.returncode == 0, stderr.decode()
    store = SQLiteStore(db)
    assert store.count_articles() == expected
    assert store.integrity_problems() == []
    ids = [a.id for a in store.articles()]
    assert len(ids) == len(set(ids))
    links = store.near_duplicates()
    assert len(links) == ARTICLES // 10  # each copy linked once, none lost, none doubled
    statuses = [r.status for r in store.runs()]
    assert statuses[-1] == "done"
    assert statuses.count("interrupted") == 3  # the killed runs are told apart from live ones
    store.close()


def _stories(db: Path) -> tuple[dict[str, str | None], dict[str, str]]:
    """Which story each article is in, and where each merged-away story went."""
    store = SQLiteStore(db)
    try:
        members = {article.id: store.story_of(article.id) for article in store.articles()}
        merged = {old: store.resolve_story_id(old) for old, _ in store.story_merges()}
    finally:
        store.close()
    return members, merged


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1])
def test_stories_after_killed_runs_are_those_of_an_uninterrupted_run(
    tmp_path: Path, seed: int
) -> None:
    """Dated articles in no order of time (each day of a month in turn), so that the clusterer
    prunes dormant stories and revives them for late articles; killed at seeded random points,
    mid-batch, the runs that follow must file every article as an uninterrupted run does."""
    rng = random.Random(seed)
    inputs = tmp_path / "eingang"
    inputs.mkdir()
    records = list(stream(1300, seed=seed, words=120))
    write_jsonl(inputs / "strom.jsonl", records)
    whole = _start(tmp_path / "whole.db", inputs, batch_size=40)  # alongside the killed runs

    db = tmp_path / "killed.db"
    kills = 0
    for target in sorted(rng.sample(range(1, len(records)), 4)):
        process = _start(db, inputs, batch_size=40)
        while process.poll() is None and _committed(db) < target:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.4))  # somewhere inside the next batch
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        process.wait()
    final = _start(db, inputs, batch_size=40)
    _, stderr = final.communicate(timeout=900)
    assert final.returncode == 0, stderr.decode()
    _, stderr = whole.communicate(timeout=900)
    assert whole.returncode == 0, stderr.decode()
    assert kills >= 3

    members, merged = _stories(db)
    expected_members, expected_merged = _stories(tmp_path / "whole.db")
    assert len(members) == len(records)
    moved = [a for a, story in expected_members.items() if members.get(a) != story]
    assert moved == [], (
        f"{len(moved)} articles in other stories: {len(set(members.values()))} stories and "
        f"{len(merged)} merges against {len(set(expected_members.values()))} and "
        f"{len(expected_merged)} uninterrupted"
    )
    assert merged == expected_merged
    assert len(expected_merged) >= 10  # merges happened, so the comparison says something
