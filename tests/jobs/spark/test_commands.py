"""The job as users start it: `newsprism spark run` and spark-submit, then `import-parquet`
and `stories` on the imported database, each in a child process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.jobs.spark.corpus import story_records, write_inputs

pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def small_inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17 on PATH")
    records = story_records(seed=5)[:40]
    return write_inputs(tmp_path_factory.mktemp("cmd"), records, "small")


def test_spark_run_then_import_and_browse(small_inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["spark", "run", "--master", "local[2]", "--output", str(out), "--json"]
    done = run_cli(*args, *(part for path in small_inputs for part in ("--input", path)))
    assert done.returncode == 1, done.stderr  # the inputs hold bad records on purpose
    report = json.loads(done.stdout)
    assert report["counts"]["ingested"] > 20
    assert report["rejected_by_reason"]["bad-json"] == 1
    again = run_cli(*args, "--input", small_inputs[0])
    assert again.returncode == 2 and "--attach" in again.stderr  # no silent second run
    later = write_inputs(tmp_path / "later", story_records(seed=6)[:12], "later")
    attached = run_cli(*args, "--attach", "--input", later[0])
    assert attached.returncode == 1, attached.stderr  # the WARC's empty page
    added = json.loads(attached.stdout)["counts"]
    assert added["ingested"] > 0 and added["rejected"] == 1
    report["counts"]["ingested"] += added["ingested"]
    db = str(tmp_path / "imported.db")
    imported = run_cli("--db", db, "import-parquet", str(out), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["articles"] == report["counts"]["ingested"]
    stories = run_cli("--db", db, "stories", "--json")
    assert stories.returncode == 0
    listed = json.loads(stories.stdout)
    assert len(listed) >= report["counts"]["stories_touched"]


def test_spark_submit_entry_point(small_inputs: list[str], tmp_path: Path) -> None:
    import pyspark

    submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    script = Path(__file__).parents[3] / "src" / "newsprism" / "jobs" / "spark" / "submit.py"
    out = tmp_path / "out"
    env = os.environ | {"PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    done = subprocess.run(
        [
            str(submit),
            "--master",
            "local[2]",
            str(script),
            "--input",
            small_inputs[1],
            "--output",
            str(out),
            "--no-compare",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 1, done.stderr[-2000:]  # the JSONL has two bad lines
    report = json.loads(done.stdout)
    assert report["counts"]["ingested"] == 6 and report["counts"]["rejected"] == 2
    assert (out / "articles").is_dir() and (out / "runs").is_dir()
