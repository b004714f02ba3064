"""A database with the example corpus and two hostile articles, and the app over it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from newsprism.cli.demo import example_groups_path, examples_path
from newsprism.compare.blindspots import OutletGroups, load_groups
from newsprism.present.web import WebSettings, create_app
from newsprism.present.web.drawing import Drawer
from newsprism.run import IngestOptions, ingest
from newsprism.store import SQLiteStore
from tests.helpers import write_jsonl

SCRIPT = "<script>window.pwned = 1; alert('pwned')</script>"
HOSTILE_OUTLET = 'evil"><img src=x onerror=alert(1)>.example'
HOSTILE_TITLE = "</title><script>alert('title')</script> Stadtrat Wendelstein stoppt Seilbahn"
HOSTILE = [
    {
        "title": HOSTILE_TITLE,
        "maintext": (
            f"Der Stadtrat von Wendelstein hat die geplante Seilbahn zum Kalkberg gestoppt. {SCRIPT}\n"
            "Bürgermeisterin Henrike Auerbach sagte: „Wir können uns 48 Millionen Euro für die "
            "Seilbahn nicht leisten.“ <img src=x onerror=\"alert('img')\"> Die Opposition sprach "
            "von einem schwarzen Tag für den Tourismus am Kalkberg.\n"
            "<a href=\"javascript:alert('link')\">Mehr zur Seilbahn</a> \ue000 \ue001 "
            "Die Entscheidung fiel mit 21 zu 14 Stimmen."
        ),
        "url": "javascript:alert('url')",
        "source_domain": HOSTILE_OUTLET,
        "date_publish": "2026-03-27T09:00:00+01:00",
        "authors": ["<b onmouseover=alert('author')>Mallory</b>"],
        "description": "<svg onload=alert('description')>",
        "language": "de",
    },
    {
        "title": "Seilbahn zum Kalkberg gestoppt <iframe src=javascript:alert('frame')>",
        "maintext": (
            "Wendelstein verzichtet auf die Seilbahn zum Kalkberg. Der Stadtrat stimmte mit 21 zu "
            "14 Stimmen gegen das 48 Millionen Euro teure Projekt. "
            "Bürgermeisterin Henrike Auerbach sagte, die Stadt könne sich die Seilbahn nicht "
            f"leisten. {SCRIPT} Tourismusverbände am Kalkberg zeigten sich enttäuscht."
        ),
        "url": "https://seilbahn.example/wendelstein?x=<script>",
        "source_domain": "talbote.example",
        "date_publish": "2026-03-27T11:30:00+01:00",
        "language": "de",
    },
]
_QUOTED_OUTLET = HOSTILE_OUTLET.replace('"', '\\"')
HOSTILE_GROUPS = (
    "[outlets]\n"
    f'"{_QUOTED_OUTLET}" = ["<script>alert(\'group\')</script>"]\n'
    '"talbote.example" = ["regional"]\n'
)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    hostile = write_jsonl(folder / "hostile.jsonl", HOSTILE)
    path = folder / "web.db"
    store = SQLiteStore(path)
    try:
        # The writer draws what it compares, as `ingest --compare` does: pages come drawn.
        options = IngestOptions(compare=True, draw=Drawer(path))
        ingest([str(examples_path()), str(hostile)], store, options)
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def web_groups(tmp_path_factory: pytest.TempPathFactory) -> OutletGroups:
    example = load_groups(example_groups_path())
    extra_file = tmp_path_factory.mktemp("groups") / "hostile.toml"
    extra_file.write_text(HOSTILE_GROUPS, encoding="utf-8")
    extra = load_groups(extra_file)
    return OutletGroups({**example.groups_of, **extra.groups_of})


@pytest.fixture(scope="session")
def client(web_db: Path, web_groups: OutletGroups) -> Iterator[TestClient]:
    app = create_app(WebSettings(db=web_db, groups=web_groups))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


class LiveServer:
    """The app under uvicorn on a free loopback port, in a thread."""

    def __init__(self, settings: WebSettings) -> None:
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_url(web_db: Path, web_groups: OutletGroups) -> Iterator[str]:
    with LiveServer(WebSettings(db=web_db, groups=web_groups)) as url:
        yield url
