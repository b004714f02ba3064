"""URLs among `ingest`'s and `compare`'s arguments: fetched politely (watch's fetcher), stored
with their URL and fetch time, and rejected with a clear reason when they cannot be read.
A local HTTP server on 127.0.0.1 stands in for the outlets: no test touches the network."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli
from newsprism.errors import RejectReason
from newsprism.ingest.sources import is_url
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore, SQLiteStore
from newsprism.watch.fetch import Fetcher, FetchPolicy

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>{title}</title><meta property="og:title" content="{title}">
<meta property="article:published_time" content="2026-03-09T18:30:00+01:00"></head>
<body><article><h1>{title}</h1>
<p>{body} Die Stadtverwaltung von Musterhausen teilte am Montag mit, dass die Arbeiten an der
Brücke mindestens drei Wochen dauern werden und Pendler Umwege fahren müssen.</p>
<p>„Wir haben keine andere Wahl“, sagte Bürgermeisterin Erika Beispiel am Abend. Die
Opposition im Stadtrat kritisierte, die Sperrung sei zu spät angekündigt worden.</p>
</article></body></html>"""

PAGES = {
    "/bote/bruecke.html": PAGE.format(
        title="Rheinbrücke in Musterhausen gesperrt",
        body="Die Rheinbrücke in Musterhausen ist seit Montag für Autos gesperrt.",
    ),
    "/kurier/bruecke.html": PAGE.format(
        title="Brückensperrung ärgert Pendler",
        body="Pendler in Musterhausen müssen wegen der gesperrten Rheinbrücke Umwege fahren.",
    ),
}
ROBOTS = "User-agent: *\nDisallow: /geheim/\n"
NOTE = (
    "---\ntitle: Brücke bleibt zu\noutlet: bote-musterhausen.de\n---\n"
    "Die Rheinbrücke in Musterhausen bleibt bis Ende Mai gesperrt, teilte die Stadt mit. "
    "Pendler sollen die Fähre nutzen."
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self._send(200, ROBOTS, "text/plain")
        elif self.path in PAGES:
            self._send(200, PAGES[self.path], "text/html; charset=utf-8")
        elif self.path == "/notiz.txt":
            self._send(200, NOTE, "text/plain; charset=utf-8")
        elif self.path == "/bild.png":
            self._send(200, "\x89PNG", "image/png")
        else:
            self._send(404, "nicht gefunden", "text/plain")

    def _send(self, status: int, body: str, kind: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _fetcher() -> Fetcher:
    return Fetcher(FetchPolicy(delay=0.0, retries=1, backoff=0.0))


def test_is_url() -> None:
    assert is_url("https://www.tagesblatt.de/a") and is_url("HTTP://x.de")
    assert not is_url("artikel/https.txt") and not is_url("ftp://x.de/a")


def test_urls_are_fetched_and_stored_with_url_and_fetch_time(server: str) -> None:
    store = MemoryStore()
    fetcher = _fetcher()
    urls = [f"{server}/bote/bruecke.html", f"{server}/kurier/bruecke.html"]
    report = ingest(urls, store, IngestOptions(cluster=False, analyse=False, fetcher=fetcher))
    fetcher.close()
    assert report.rejects == [] and report.ingested == 2 and report.files == 2
    articles = {a.url: a for a in store.articles()}
    assert set(articles) == set(urls)
    article = articles[urls[0]]
    assert article.title == "Rheinbrücke in Musterhausen gesperrt"
    assert article.fetched is not None and article.fetched.tzinfo is not None
    assert article.outlet == "127.0.0.1"  # the host names the outlet, as for any URL


def test_unreadable_urls_are_rejects_that_say_why(server: str) -> None:
    store = MemoryStore()
    fetcher = _fetcher()
    bad = [f"{server}/fehlt.html", f"{server}/geheim/a.html", f"{server}/bild.png"]
    report = ingest(
        [*bad, f"{server}/bote/bruecke.html"],
        store,
        IngestOptions(cluster=False, analyse=False, fetcher=fetcher),
    )
    fetcher.close()
    assert report.ingested == 1, "the rest of the batch goes on"
    reasons = {r.source: (r.reason, r.detail) for r in report.rejects}
    assert set(reasons) == set(bad)
    assert reasons[bad[0]][0] is RejectReason.FETCH_FAILED and "404" in reasons[bad[0]][1]
    assert "robots.txt" in reasons[bad[1]][1]
    assert reasons[bad[2]][0] is RejectReason.UNSUPPORTED and "image/png" in reasons[bad[2]][1]


def test_without_a_fetcher_a_url_is_rejected_not_not_found() -> None:
    report = ingest(["https://example.invalid/a"], MemoryStore(), IngestOptions(analyse=False))
    [reject] = report.rejects
    assert reject.reason is RejectReason.UNSUPPORTED and "fetcher" in reject.detail


def test_ingest_command_takes_urls(server: str, tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(db),
            "ingest",
            "--no-analyse",
            "--json",
            f"{server}/bote/bruecke.html",
            f"{server}/fehlt.html",
        ],
    )
    assert result.exit_code == 1, result.output  # one reject
    report = json.loads(result.stdout)
    assert report["ingested"] == 1
    [reject] = report["rejects"]
    assert reject["source"].endswith("/fehlt.html") and "404" in reject["detail"]
    store = SQLiteStore(db, readonly=True)
    try:
        [article] = list(store.articles())
        assert article.url == f"{server}/bote/bruecke.html" and article.fetched is not None
    finally:
        store.close()


def test_compare_command_takes_urls(server: str) -> None:
    result = CliRunner().invoke(
        cli, ["compare", "--json", f"{server}/bote/bruecke.html", f"{server}/kurier/bruecke.html"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert len(record["articles"]) == 2 and record["comparison"] is not None
    assert {a["url"] for a in record["articles"]} == {
        f"{server}/bote/bruecke.html",
        f"{server}/kurier/bruecke.html",
    }


def test_a_plain_text_url_with_front_matter(server: str) -> None:
    store = MemoryStore()
    fetcher = _fetcher()
    report = ingest(
        [f"{server}/notiz.txt"], store, IngestOptions(cluster=False, analyse=False, fetcher=fetcher)
    )
    fetcher.close()
    assert report.rejects == []
    [article] = list(store.articles())
    assert article.title == "Brücke bleibt zu" and article.outlet == "bote-musterhausen.de"
    assert article.url == f"{server}/notiz.txt" and article.fetched is not None
