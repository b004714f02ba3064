from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.cli.demo import examples_path
from newsprism.store import SQLiteStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    db = SQLiteStore(tmp_path / "test.db")
    yield db
    db.close()


@pytest.fixture(scope="session")
def examples() -> Path:
    return examples_path()
