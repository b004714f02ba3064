"""`newsprism watch` as a child process (the launcher is shared with the ingest kill tests)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.process import start_cli, wait_until

__all__ = ["start_watch", "wait_until"]


def start_watch(db: Path, feeds: Path, *options: str) -> subprocess.Popen[bytes]:
    return start_cli(db, "watch", str(feeds), "--delay", "0", *options)
