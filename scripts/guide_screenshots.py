"""Screenshots of the web app for the user guide (docs/guide.md), made from the demo database.

    python scripts/guide_screenshots.py [--out docs/img] [--width 1280]

Builds the demo database in a temporary folder, serves it on a free local port, and lets
Debian's chromium (through Playwright; nothing is downloaded) photograph the stories list, the
largest story and one commentary's article page. Needs the test extra (`pip install -e
'.[test]'`) and a chromium on the PATH.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.helpers import CHROMIUM_FLAGS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
    if chromium is None:
        print("no chromium on the PATH (Debian: apt install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright  # the test extra; only this script needs it

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        newsprism = [sys.executable, "-m", "newsprism", "--db", str(db)]
        subprocess.run([*newsprism, "demo"], check=True, capture_output=True)
        port = _free_port()
        server = subprocess.Popen([*newsprism, "serve", "--port", str(port)])
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for(base)
            with sync_playwright() as driver:
                context = driver.chromium.launch_persistent_context(
                    str(Path(folder) / "profile"),
                    executable_path=chromium,
                    args=CHROMIUM_FLAGS,
                    headless=True,
                    viewport={"width": args.width, "height": 900},
                )
                page = context.new_page()
                for name, path in _pages(base):
                    page.goto(base + path)
                    # The story page is long: its first screen is what a reader sees first.
                    page.screenshot(path=str(args.out / f"{name}.png"), full_page=name != "story")
                    print(args.out / f"{name}.png")
                context.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


def _pages(base: str) -> list[tuple[str, str]]:
    """The stories list, the story with most outlets, and a commentary's article page."""
    import json  # read the JSON twins of the pages to find what to photograph

    stories = json.loads(urllib.request.urlopen(base + "/stories.json").read())["stories"]
    largest = max(stories, key=lambda story: len(story["outlets"]))
    story = json.loads(urllib.request.urlopen(f"{base}/stories/{largest['id']}.json").read())
    framing = story.get("comparison", {}).get("framing", [])
    commentary = next((f["article_id"] for f in framing if f["kind"] == "commentary"), None)
    pages = [("stories", "/stories"), ("story", f"/stories/{largest['id']}")]
    if commentary is not None:
        pages.append(("article", f"/articles/{commentary}"))
    return pages


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(base: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/stories.json", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the app did not answer at {base}")


if __name__ == "__main__":
    sys.exit(main())
