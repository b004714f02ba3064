from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.watch.fetch import FetchPolicy
from tests.watch.server import LocalWeb
from tests.watch.site import build, feeds_toml

# Short timeouts and backoff so that the failures are quick; still the real code paths.
TEST_POLICY = FetchPolicy(
    read_timeout=1.0,
    connect_timeout=1.0,
    deadline=4.0,
    max_bytes=1024 * 1024,
    retries=1,
    backoff=0.05,
    per_host=2,
    delay=0.0,
)


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    local = LocalWeb()
    build(local)
    with local.running():
        yield local


@pytest.fixture
def feeds_file(web: LocalWeb, tmp_path: Path) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(feeds_toml(web), encoding="utf-8")
    return path
