"""Helpers shared by the tests: the CLI in a child process, JSONL and WARC builders."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a child process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-c", "from newsprism.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
    )


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def make_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> Path:
    """A gzipped WARC with one response record per (url, body, content type)."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for url, body, content_type in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    return path


def german_article(topic: str, n: int, sentences: int = 8) -> str:
    """Made-up but German-looking text; `topic` and `n` make it distinct."""
    parts = []
    for i in range(sentences):
        parts.append(
            f"Im Streit um {topic} hat der Stadtrat am {i + 1}. Sitzungstag über Vorlage {n}-{i} "
            f"beraten, wobei die Fraktionen ihre Positionen zu Kosten, Zeitplan und Beteiligung "
            f"der Anwohner erneut darlegten."
        )
    return "\n".join(parts)


# The flags DEVELOPERS.md gives for a headless chromium in this sandbox.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def find_chromium() -> str:
    """The system's chromium, or skip: `.ci/run` installs Debian's."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no chromium here; .ci/run installs Debian's chromium")
