"""`serve` reads while `ingest` writes the same database: no errors, no stale locks."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import httpx
import pytest

from newsprism.cli.demo import examples_path
from newsprism.present.web import WebSettings
from newsprism.run import IngestOptions, ingest
from newsprism.store import SQLiteStore
from tests.helpers import run_cli, write_jsonl
from tests.present.web.conftest import LiveServer

TOWNS = ("Altenburg", "Bergheim", "Dornstadt", "Eschwege", "Falkenau", "Gernsbach", "Hallstein")
TOPICS = (
    ("Hallenbad", "saniert", "Schwimmvereine"),
    ("Busdepot", "erweitert", "Fahrgastverband"),
    ("Stadtbibliothek", "geschlossen", "Leseclub"),
    ("Ortsumgehung", "gebaut", "Anwohnerinitiative"),
)


def _articles(count: int) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for number in range(count):
        town = TOWNS[number % len(TOWNS)]
        place, verb, group = TOPICS[(number // len(TOWNS)) % len(TOPICS)]
        records.append(
            {
                "title": f"{town}: {place} wird {verb}",
                "maintext": (
                    f"In {town} wird das {place} {verb}. Der Gemeinderat stimmte am Montag mit "
                    f"{12 + number % 9} zu {3 + number % 5} Stimmen dafür. Die Kosten liegen bei "
                    f"{2 + number % 7} Millionen Euro. Bürgermeister Lorenz Wieland sagte: "
                    f"„Das {place} ist für {town} unverzichtbar.“ Die {group} begrüßte den "
                    f"Beschluss. Meldung Nummer {number} aus dem Landkreis."
                ),
                "source_domain": f"bote{number % 5}.example",
                "date_publish": f"2026-04-{1 + number % 20:02d}T08:{number % 60:02d}:00+02:00",
                "language": "de",
            }
        )
    return records


@pytest.mark.slow
def test_serving_while_ingesting(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    store = SQLiteStore(db)
    try:
        ingest([str(examples_path())], store, IngestOptions())
        before = store.count_articles()
    finally:
        store.close()
    feed = write_jsonl(tmp_path / "more.jsonl", _articles(240))
    failures: list[str] = []
    served = 0
    done = threading.Event()
    with LiveServer(WebSettings(db=db)) as url:

        def read_pages() -> None:
            nonlocal served
            with httpx.Client(base_url=url, timeout=60) as client:
                while not done.is_set():
                    for path in ("/stories.json", "/stories", "/search.json?q=Gemeinderat"):
                        response = client.get(path)
                        served += 1
                        if response.status_code != 200:
                            failures.append(f"{path}: {response.status_code} {response.text[:200]}")
                    stories = client.get("/stories.json?per_page=3").json()["stories"]
                    for story in stories:
                        response = client.get(f"/stories/{story['id']}.json")
                        served += 1
                        if response.status_code != 200:
                            failures.append(f"story: {response.status_code} {response.text[:200]}")

        readers = [threading.Thread(target=read_pages) for _ in range(2)]
        for reader in readers:
            reader.start()
        try:
            ingested = run_cli("--db", str(db), "ingest", str(feed), "--batch-size", "20")
        finally:
            done.set()
            for reader in readers:
                reader.join(timeout=120)
        with httpx.Client(base_url=url) as client:
            total = client.get("/stories.json").json()["total"]
            seen = client.get("/search.json?q=Meldung").json()["articles"]
    assert ingested.returncode == 0, ingested.stderr[-2000:]
    assert failures == []
    assert served > 0 and total > 0 and seen  # the server sees what ingest committed
    # No stale lock: a writer gets the database at once, and it is consistent.
    writer = sqlite3.connect(db, timeout=1)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("ROLLBACK")
    writer.close()
    store = SQLiteStore(db)
    try:
        assert store.count_articles() == before + 240
        assert store.integrity_problems() == []
    finally:
        store.close()
