"""The `newsprism` command as a child process, as a user starts it: for the tests that kill it
(ingest, watch) or let it run beside them, and for waiting until it gets somewhere."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

CLI = [sys.executable, "-c", "from newsprism.cli.main import main; main()"]


def start_cli(db: Path, *args: str) -> subprocess.Popen[bytes]:
    """`newsprism --db DB --quiet ARGS…` in the background; stderr kept for failures."""
    return subprocess.Popen(
        [*CLI, "--db", str(db), "--quiet", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until(
    done: Callable[[], bool], process: subprocess.Popen[bytes], seconds: float = 60
) -> None:
    """Poll `done` until true; fail when the process exits or time runs out."""
    deadline = time.monotonic() + seconds
    while not done():
        if process.poll() is not None:
            raise AssertionError(process.communicate()[1].decode()[-2000:])
        assert time.monotonic() < deadline, "the process did not get there in time"
        time.sleep(0.05)


def children(pid: int) -> set[int]:
    """The processes `pid` started that still have it as parent (Linux: /proc)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(child) for child in path.read_text().split()} if path.exists() else set()


def alive(pid: int) -> bool:
    """Whether the process runs (one that finished and waits to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
