from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.cli.demo import examples_path
from newsprism.store import SQLiteStore

# Plain `pytest` is the quick run: it leaves out the tests with these markers. `pytest --full` (or
# NEWSPRISM_FULL_TESTS=1) runs everything, as CI does; an explicit `-m` chooses for itself, and a
# test file named on the command line (`pytest tests/jobs/spark/test_spark_job.py`) runs whole.
FULL_ONLY_MARKERS = ("slow", "spark", "browser")
FULL_ENV = "NEWSPRISM_FULL_TESTS"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--full",
        action="store_true",
        default=False,
        help=f"also run the {', '.join(FULL_ONLY_MARKERS)} tests (as CI does); or set {FULL_ENV}=1",
    )


def _quick(config: pytest.Config) -> bool:
    full = config.getoption("--full") or os.environ.get(FULL_ENV, "") not in ("", "0")
    return not full and not config.getoption("markexpr")


def _named_files(config: pytest.Config) -> set[Path]:
    """Test files named on the command line, alone or with a test (`file.py::test`)."""
    here = config.invocation_params.dir
    named = (Path(here, arg.split("::")[0]).resolve() for arg in config.args)
    return {path for path in named if path.suffix == ".py"}


def pytest_report_header(config: pytest.Config) -> str:
    if _quick(config):
        return (
            f"quick run: {', '.join(FULL_ONLY_MARKERS)} tests are deselected; "
            "pytest --full runs them too"
        )
    return "full run: all tests"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not _quick(config):
        return
    named = _named_files(config)
    keep: list[pytest.Item] = []
    left_out: list[pytest.Item] = []
    for item in items:
        marked = any(item.get_closest_marker(name) for name in FULL_ONLY_MARKERS)
        (left_out if marked and item.path not in named else keep).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = keep


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    db = SQLiteStore(tmp_path / "test.db")
    yield db
    db.close()


@pytest.fixture(scope="session")
def examples() -> Path:
    return examples_path()


# The public gold sets: a `shared/data` folder beside the repository, or wherever
# $NEWSPRISM_SHARED_DATA points (as for the bench scripts).
SHARED_DATA = Path(
    os.environ.get("NEWSPRISM_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip: the gold data sets are never part of the project."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is not there")
    return SHARED_DATA
