"""SIGKILL an ingest at several moments: the database stays consistent and a rerun completes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench.synthetic import article_text, edit

from newsprism.store import SQLiteStore
from tests.helpers import write_jsonl

ARTICLES = 3000


def _committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # schema not created yet


def _start(db: Path, inputs: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from newsprism.cli.main import main; main()",
            "--db",
            str(db),
            "--quiet",
            "ingest",
            str(inputs),
            "--batch-size",
            "50",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


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
