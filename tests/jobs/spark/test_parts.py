"""The job's plain-Python parts, without a JVM: windows, per-window clustering, reading, CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsprism.cluster.features import ArticleFeatures
from newsprism.cluster.tracker import StoryTracker
from newsprism.errors import ConfigError
from newsprism.jobs.spark.tables import UNDATED, day_of
from newsprism.jobs.spark.tasks import ReadSettings, read_input
from newsprism.jobs.spark.windows import UNDATED_WINDOW, WindowPlan, cluster_window
from newsprism.store.memory import MemoryStore
from tests.helpers import run_cli


def test_windows_of_a_day() -> None:
    plan = WindowPlan(days=7, overlap=3)
    first = datetime(2026, 3, 2).toordinal() // 7 * 7  # a window's first day
    start = datetime.fromordinal(first).date()
    assert plan.windows_of(start.isoformat()) == [(first // 7, True)]
    last = (start + timedelta(days=6)).isoformat()
    assert plan.windows_of(last) == [(first // 7, True), (first // 7 + 1, False)]
    assert plan.windows_of((start + timedelta(days=3)).isoformat()) == [(first // 7, True)]
    assert plan.windows_of(UNDATED) == [(UNDATED_WINDOW, True)]


def test_windows_count_from_the_inputs_first_day() -> None:
    """An input of no more than `days` days is one window, wherever the calendar's weeks
    begin: the seed-23 test stream's first part (3-8 March) fell into two calendar windows,
    and the second window saw one story only from its context on."""
    plan = WindowPlan(days=7, overlap=3)
    days = [f"2026-03-0{day}" for day in range(3, 10)]
    assert {plan.windows_of(day, "2026-03-03")[0] for day in days} == {(0, True)}
    assert len({plan.windows_of(day)[0] for day in days}) == 2  # calendar windows split it
    assert plan.windows_of("2026-03-10", "2026-03-03") == [(1, True)]
    assert plan.windows_of("2026-03-09", "2026-03-03") == [(0, True), (1, False)]
    assert plan.windows_of(UNDATED, "2026-03-03") == [(UNDATED_WINDOW, True)]


@pytest.mark.parametrize(("days", "overlap"), [(0, 0), (3, 4), (3, -1)])
def test_bad_window_plans_say_what_to_use(days: int, overlap: int) -> None:
    with pytest.raises(ConfigError, match="try"):
        WindowPlan(days, overlap)


def test_day_of_uses_utc_then_fetch_date() -> None:
    late = datetime(2026, 3, 2, 23, 30, tzinfo=UTC).astimezone()
    assert day_of(late) == "2026-03-02"
    assert day_of(None, datetime(2026, 3, 4, tzinfo=UTC)) == "2026-03-04"
    assert day_of(None) == UNDATED


def _features(number: int, story: int) -> ArticleFeatures:
    return ArticleFeatures(
        article_id=f"a{number:03d}",
        published=datetime(2026, 3, 2, tzinfo=UTC) + timedelta(hours=number),
        language="de",
        terms={f"thema{story}x{i}": 1.0 for i in range(6)} | {f"wort{number}": 1.0},
        names={f"p:person{story}": 1.0},
        title=f"Titel {story}",
    )


def test_one_window_is_the_laptop_tracker() -> None:
    features = [_features(n, n % 3) for n in range(30)]
    members = [
        (0, 0, n, f.article_id, True, json.dumps(f.as_json()), "") for n, f in enumerate(features)
    ]
    found = list(cluster_window(5, reversed(members)))  # order given does not matter
    assigned = {value[1]: value[3] for kind, value in found if kind == "assigned"}
    tracker = StoryTracker(MemoryStore())
    report = tracker.add_features(features)
    laptop = {a.article_id: tracker.clusterer.story_of(a.story_id) for a in report.assignments}
    assert assigned == laptop
    stories = [value for kind, value in found if kind == "story"]
    assert {story[1] for story in stories} == set(laptop.values())
    assert len(stories) == 3


def test_read_input_turns_bad_records_into_rejects(tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        json.dumps(
            {
                "maintext": "Die Brücke über den Rhein bleibt gesperrt. Die Stadt prüft, ob "
                "die Träger noch sicher sind; ein Gutachten kommt im Mai.",
                "url": "https://a.example/1",
            }
        )
        + "\n{kaputt\n"
        + json.dumps({"title": "ohne Text"})
        + "\n",
        encoding="utf-8",
    )
    items = list(read_input(3, str(lines), ReadSettings()))
    kinds = [kind for kind, _ in items]
    assert kinds == ["article", "reject", "reject"]
    assert items[0][1][1:3] == (3, 1)  # file index and position: the arrival order
    assert [row[2] for kind, row in items if kind == "reject"] == ["bad-json", "bad-record"]
    unknown = list(read_input(0, str(tmp_path / "x.doc"), ReadSettings()))
    assert unknown[0][1][2] == "unsupported-type"


def test_import_parquet_refuses_a_folder_without_runs(tmp_path: Path) -> None:
    done = run_cli("--db", str(tmp_path / "x.db"), "import-parquet", str(tmp_path))
    assert done.returncode == 2
    assert "runs" in done.stderr and "spark run" in done.stderr


def test_spark_run_checks_arguments_before_starting_spark(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    done = run_cli(
        "spark",
        "run",
        "--input",
        str(tmp_path),
        "--output",
        str(tmp_path / "o"),
        "--window-days",
        "0",
    )
    assert done.returncode == 2
    assert "window days" in done.stderr
