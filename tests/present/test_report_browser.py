"""The HTML report opens in a real browser: headless Chromium renders it to a screenshot."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import ARTIFACTS, CHROMIUM_FLAGS, find_chromium, run_cli

pytestmark = pytest.mark.browser


def test_report_renders_in_headless_chromium(tmp_path: Path, examples: Path) -> None:
    browser = find_chromium()
    report = tmp_path / "report.html"
    made = run_cli(
        "compare",
        str(examples / "zpa.de"),
        str(examples / "rheinische-rundschau.de" / "2026-03-09-lindenbruecke.txt"),
        str(examples / "schnellpost.de" / "bruecken-schock.txt"),
        "--html",
        str(report),
    )
    assert made.returncode == 0, made.stderr
    shot = tmp_path / "report.png"
    rendered = subprocess.run(
        [
            browser,
            "--headless",
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1400,1000",
            f"--screenshot={shot}",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert rendered.returncode == 0, rendered.stderr[-2000:]
    image = shot.read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(image) > 20_000  # a page of coloured columns, not a blank one
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "compare-report.png").write_bytes(image)
