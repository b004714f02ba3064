"""A real HTTP server on 127.0.0.1 for the watcher's tests: feeds, pages, robots.txt, and
every way the web goes wrong. It records each request (path, conditional headers, status)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Response:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answers If-None-Match with 304
    stall: float = 0.0  # seconds before answering
    stream: int = 0  # send this many bytes (no Content-Length) instead of body


Route = Callable[[], Response] | Response


@dataclass
class Hit:
    path: str
    status: int
    if_none_match: str | None
    host: str
    started: float
    ended: float = 0.0


class LocalWeb:
    """Routes by path; `hits` lists what was asked. Thread-safe counters of concurrency."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.active: dict[str, int] = {}
        self.max_active: dict[str, int] = {}
        self.page_delay = 0.0
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                web.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        path = urlsplit(request.path).path
        host = request.headers.get("Host", "")
        hit = Hit(path, 0, request.headers.get("If-None-Match"), host, time.monotonic())
        with self.lock:
            self.hits.append(hit)
            self.active[host] = self.active.get(host, 0) + 1
            self.max_active[host] = max(self.max_active.get(host, 0), self.active[host])
        try:
            route = self.routes.get(path)
            response = route() if callable(route) else route
            if response is None:
                response = Response(b"<h1>404</h1>", status=404)
            if path.startswith("/articles/") and self.page_delay:
                time.sleep(self.page_delay)
            if response.stall:
                time.sleep(response.stall)
            if response.etag and hit.if_none_match == response.etag:
                hit.status = 304
                request.send_response(304)
                request.send_header("ETag", response.etag)
                request.send_header("Content-Length", "0")
                request.end_headers()
                return
            hit.status = response.status
            request.send_response(response.status)
            request.send_header("Content-Type", response.content_type)
            for name, value in response.headers.items():
                request.send_header(name, value)
            if response.etag:
                request.send_header("ETag", response.etag)
            if response.stream:
                request.send_header("Connection", "close")
                request.end_headers()
                chunk = b"<p>" + b"x" * 65_536 + b"</p>"
                sent = 0
                while sent < response.stream:
                    request.wfile.write(chunk)
                    sent += len(chunk)
                return
            request.send_header("Content-Length", str(len(response.body)))
            request.end_headers()
            request.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size limit, timeout): that is the point
        finally:
            hit.ended = time.monotonic()
            with self.lock:
                self.active[host] -= 1

    def max_overlap(self, exclude: tuple[str, ...] = ()) -> int:
        """Most requests one host had open at once, from their start and end times. Requests
        the client abandoned (a stall, a body over the limit) may be left out: the server
        still sits on them after the client has moved on."""
        with self.lock:
            hits = [h for h in self.hits if h.path not in exclude and h.ended]
        most = 0
        for hit in hits:
            at_once = sum(
                1
                for other in hits
                if other.host == hit.host and other.started <= hit.started < other.ended
            )
            most = max(most, at_once)
        return most

    def requests_for(self, path: str) -> list[Hit]:
        with self.lock:
            return [hit for hit in self.hits if hit.path == path]

    @contextmanager
    def running(self) -> Iterator[LocalWeb]:
        self.thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()
