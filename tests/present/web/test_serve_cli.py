"""`newsprism serve` and `newsprism demo --serve` as a user runs them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.helpers import run_cli
from tests.process import CLI, alive, children


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen[str], seconds: float = 120) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.communicate()[1][-2000:]}")
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in {seconds} s")


def test_serve_needs_an_existing_database(tmp_path: Path) -> None:
    missing = run_cli("--db", str(tmp_path / "none.db"), "serve")
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr and "newsprism demo" in missing.stderr
    assert not (tmp_path / "none.db").exists()  # serving never creates a database


@pytest.mark.slow
def test_demo_serve_builds_and_serves_the_example_database(tmp_path: Path) -> None:
    port = _free_port()
    process = _newsprism(
        "--db", str(tmp_path / "demo.db"), "--quiet", "demo", "--serve", "--port", str(port)
    )
    try:
        stories = _wait_for(f"http://127.0.0.1:{port}/stories.json", process).json()
        assert stories["total"] >= 6
        assert "tabloid" in stories["choices"]["groups"]  # the example groups come along
        for story in stories["stories"]:
            page = httpx.get(f"http://127.0.0.1:{port}/stories/{story['id']}", timeout=60)
            assert page.status_code == 200 and "article-column" in page.text
    finally:
        _stop(process)
    listening = [line for line in (process.stderr.read() if process.stderr else "").splitlines()]
    assert any(f"127.0.0.1:{port}" in line for line in listening), listening


@pytest.mark.slow
def test_ingest_compare_stores_the_comparisons_drawn(tmp_path: Path, examples: Path) -> None:
    import sqlite3

    db = tmp_path / "compared.db"
    plain = run_cli("--db", str(tmp_path / "plain.db"), "--quiet", "ingest", str(examples))
    assert plain.returncode == 0, plain.stderr
    made = run_cli("--db", str(db), "--quiet", "ingest", "--compare", str(examples))
    assert made.returncode == 0, made.stderr
    connection = sqlite3.connect(db)
    stories = connection.execute("SELECT count(*) FROM stories WHERE merged_into IS NULL")
    compared = connection.execute("SELECT count(*) FROM story_comparisons WHERE drawn NOT NULL")
    assert compared.fetchone()[0] == stories.fetchone()[0] > 0
    connection.close()
    connection = sqlite3.connect(tmp_path / "plain.db")
    assert connection.execute("SELECT count(*) FROM story_comparisons").fetchone()[0] == 0
    connection.close()


def _newsprism(*args: str) -> subprocess.Popen[str]:
    """`newsprism ARGS…` in the background, as a user starts it; stderr kept."""
    return subprocess.Popen(
        [*CLI, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _stop(process: subprocess.Popen[str]) -> None:
    """Ctrl-C, as a user stops the server."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_serve_in_several_processes_answers_with_its_settings_and_leaves_none_behind(
    web_db: Path,
) -> None:
    from newsprism.cli.demo import example_groups_path

    port = _free_port()
    process = _newsprism(
        "--db", str(web_db), "serve", "--port", str(port), "--workers", "2",
        "--groups", str(example_groups_path()),
    )  # fmt: skip
    workers: set[int] = set()
    try:
        base = f"http://127.0.0.1:{port}"
        stories = _wait_for(f"{base}/stories.json", process).json()
        assert "tabloid" in stories["choices"]["groups"]  # --groups reached the workers
        for story in stories["stories"][:4]:
            page = httpx.get(f"{base}/stories/{story['id']}", timeout=60)
            assert page.status_code == 200 and "article-column" in page.text
        workers = children(process.pid)
        assert len(workers) >= 2, workers
    finally:
        _stop(process)
    assert "in 2 processes" in (process.stderr.read() if process.stderr else "")
    deadline = time.monotonic() + 20
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(alive, workers)), "processes left behind"
