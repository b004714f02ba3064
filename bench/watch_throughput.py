"""`newsprism watch --once` end to end against a local web of many feeds and pages.

    python bench/watch_throughput.py [--feeds 200] [--pages 20000] [--hosts 20]
                                     [--workers 8] [--per-host 2] [--no-analyse]

A server process on 127.0.0.1–127.0.0.N (N hosts: loopback addresses, so per-host limits
apply as on the web) serves `--feeds` RSS feeds spread over the hosts and `--pages` generated
German article pages (edited copies of a few hundred texts, so they form stories), and counts
the requests each host has open at once. The real `newsprism watch --once` runs as a child
process. Prints one JSON object: articles/s end to end, the watcher's peak memory (max RSS),
requests, and the most requests any host had open at once against the --per-host limit.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import article_text, edit


def serve(port: int, feeds: int, pages: int, hosts: int) -> None:
    per_feed = max(1, pages // feeds)
    bases = [article_text(seed, words=260) for seed in range(max(1, pages // 8))]
    lock = threading.Lock()
    active: dict[str, int] = {}
    most: dict[str, int] = {}
    served = [0]

    def host_of_feed(feed: int) -> str:
        return f"127.0.0.{1 + feed % hosts}:{port}"

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: object) -> None:
            pass

        def do_GET(self) -> None:
            host = self.headers.get("Host", "")
            with lock:
                active[host] = active.get(host, 0) + 1
                most[host] = max(most.get(host, 0), active[host])
                served[0] += 1
            try:
                self._answer()
            finally:
                with lock:
                    active[host] -= 1

        def _send(self, body: bytes, kind: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _answer(self) -> None:
            path = self.path
            if path == "/robots.txt":
                self._send(b"User-agent: *\nAllow: /\n", "text/plain")
            elif path == "/stats":
                with lock:
                    body = json.dumps({"max_open": most, "requests": served[0]}).encode()
                self._send(body, "application/json")
            elif path.startswith("/feed/"):
                feed = int(path.rsplit("/", 1)[1])
                items = "".join(
                    f"<item><title>Meldung {n}</title>"
                    f"<link>http://{host_of_feed(feed)}/artikel/{n}</link></item>"
                    for n in range(feed * per_feed, (feed + 1) * per_feed)
                )
                body = (
                    '<?xml version="1.0"?><rss version="2.0"><channel>'
                    f"<title>Feed {feed}</title>{items}</channel></rss>"
                )
                self._send(body.encode(), "application/rss+xml")
            elif path.startswith("/artikel/"):
                n = int(path.rsplit("/", 1)[1])
                text = edit(bases[n % len(bases)], 0.2, seed=n)
                paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
                body = (
                    f'<html lang="de"><head><meta charset="utf-8"><title>Meldung {n}</title>'
                    '<meta property="article:published_time" content="2026-11-20T08:00:00+01:00">'
                    f"</head><body><nav>Start</nav><article><h1>Meldung {n}</h1>{paragraphs}"
                    "</article><footer>Impressum</footer></body></html>"
                )
                self._send(body.encode(), "text/html; charset=utf-8")
            else:
                self._send(b"not here", "text/plain", 404)

    server = ThreadingHTTPServer(("", port), Handler)
    server.daemon_threads = True
    server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--no-analyse", action="store_true")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve:
        serve(arguments.serve, arguments.feeds, arguments.pages, arguments.hosts)
        return
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--serve",
            str(port),
            "--feeds",
            str(arguments.feeds),
            "--pages",
            str(arguments.pages),
            "--hosts",
            str(arguments.hosts),
        ]
    )
    try:
        with tempfile.TemporaryDirectory() as folder:
            feeds = Path(folder) / "feeds.txt"
            feeds.write_text(
                "\n".join(
                    f"http://127.0.0.{1 + feed % arguments.hosts}:{port}/feed/{feed}"
                    for feed in range(arguments.feeds)
                ),
                encoding="utf-8",
            )
            import urllib.request

            for _ in range(600):  # the server builds its texts first
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            command = [
                sys.executable,
                "-c",
                "from newsprism.cli.main import main; main()",
                "--db",
                str(Path(folder) / "watch.db"),
                "--quiet",
                "watch",
                str(feeds),
                "--once",
                "--delay",
                "0",
                "--workers",
                str(arguments.workers),
                "--per-host",
                str(arguments.per_host),
            ]
            if arguments.no_analyse:
                command.append("--no-analyse")
            started = time.perf_counter()
            finished = subprocess.run(command, capture_output=True, text=True)
            elapsed = time.perf_counter() - started
            if finished.returncode not in (0, 1):
                raise SystemExit(finished.stderr[-3000:])
            peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            import sqlite3

            connection = sqlite3.connect(Path(folder) / "watch.db")
            articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
            failed = connection.execute(
                "SELECT count(*) FROM fetched_urls WHERE status != 'done'"
            ).fetchone()[0]
            stories = connection.execute(
                "SELECT count(*) FROM stories WHERE merged_into IS NULL"
            ).fetchone()[0]
            feed_errors = connection.execute(
                "SELECT last_error, count(*) FROM feeds WHERE failures > 0 GROUP BY last_error"
            ).fetchall()
            connection.close()

            with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats") as response:
                stats = json.load(response)
    finally:
        server.terminate()
        server.wait()
    print(
        json.dumps(
            {
                "feeds": arguments.feeds,
                "pages": arguments.pages,
                "hosts": arguments.hosts,
                "workers": arguments.workers,
                "per_host_limit": arguments.per_host,
                "analyse": not arguments.no_analyse,
                "articles": articles,
                "urls_failed": failed,
                "feeds_failed": {str(error): count for error, count in feed_errors},
                "stories": stories,
                "seconds": round(elapsed, 1),
                "articles_per_s": round(articles / elapsed, 1),
                "peak_rss_mib": round(peak_mib),
                "requests": stats["requests"],
                "most_open_per_host": max(stats["max_open"].values()),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
