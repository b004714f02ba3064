"""A fuzzing campaign in the suite: a few hundred malformed inputs of every kind, one batch.

No traceback, exit status 0 or 1, every input file has an outcome (an article or a reject that
names it), the good files of the same batch are stored, and nothing stored holds a control
character, a lone surrogate or a bidi override.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.run.fuzzing import FORBIDDEN, write_corpus


def _stored_texts(db: Path) -> list[tuple[str, str]]:
    """(table.column, value) for every text value in every ordinary table."""
    connection = sqlite3.connect(db)
    connection.text_factory = lambda raw: raw.decode("utf-8", "surrogateescape")
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'"
                " AND name NOT LIKE '%fts%'"
            )
        ]
        found: list[tuple[str, str]] = []
        for table in tables:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            for row in connection.execute(f"SELECT * FROM {table}"):
                found.extend(
                    (f"{table}.{column}", value)
                    for column, value in zip(columns, row, strict=True)
                    if isinstance(value, str)
                )
        return found
    finally:
        connection.close()


def _outcomes(db: Path) -> tuple[set[str], set[str]]:
    """(file names with a stored source, file names with a reject)."""
    connection = sqlite3.connect(db)
    try:
        stored = {
            Path(row[0]).name
            for row in connection.execute("SELECT source_path FROM article_sources")
        }
        rejected = {Path(row[0]).name for row in connection.execute("SELECT source FROM rejects")}
        return stored, rejected
    finally:
        connection.close()


def _campaign(tmp_path: Path, seed: int, rounds: int) -> None:
    bad, good = write_corpus(tmp_path / "eingang", seed, rounds)
    db = tmp_path / "fuzz.db"
    result = run_cli("--db", str(db), "--quiet", "ingest", str(tmp_path / "eingang"), timeout=900)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 1), result.stderr[-3000:]
    stored, rejected = _outcomes(db)
    without = [p.name for p in [*bad, *good] if p.name not in stored | rejected]
    assert without == [], f"{len(without)} inputs left no trace, e.g. {without[:5]}"
    assert {p.name for p in good} <= stored
    dirty = [
        (where, repr(value[:80]))
        for where, value in _stored_texts(db)
        if any(character in value for character in FORBIDDEN)
        or any("\ud800" <= character <= "\udfff" for character in value)
    ]
    assert dirty == [], dirty[:5]


@pytest.mark.slow
def test_a_batch_of_malformed_inputs_of_every_kind(tmp_path: Path) -> None:
    _campaign(tmp_path, seed=15, rounds=6)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_longer_fuzzing_campaign(tmp_path: Path, seed: int) -> None:
    _campaign(tmp_path, seed=seed, rounds=25)
