"""`newsprism watch` as a child process, and waiting for it to get somewhere."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def start_watch(db: Path, feeds: Path, *options: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from newsprism.cli.main import main; main()",
            "--db",
            str(db),
            "--quiet",
            "watch",
            str(feeds),
            "--delay",
            "0",
            *options,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until(
    done: Callable[[], bool], process: subprocess.Popen[bytes], seconds: float = 60
) -> None:
    """Poll `done` until true; fail when the watcher exits or time runs out."""
    deadline = time.monotonic() + seconds
    while not done():
        if process.poll() is not None:
            raise AssertionError(process.communicate()[1].decode()[-2000:])
        assert time.monotonic() < deadline, "the watcher did not get there in time"
        time.sleep(0.05)
