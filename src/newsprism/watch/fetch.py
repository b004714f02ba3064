"""Polite HTTP for the watcher: httpx with per-host limits, robots.txt, retries and size caps.

- one clear User-Agent; connect and read timeouts, and a deadline for the whole body;
- conditional requests (If-None-Match / If-Modified-Since) answered by 304;
- per host at most `per_host` requests at once and `delay` seconds between request starts;
- robots.txt fetched once per host and obeyed, its Crawl-delay too (4xx: no rules; 5xx or
  unreachable: keep out for 5 minutes, as RFC 9309 asks);
- retries with exponential backoff on timeouts, network errors, 429 and 5xx; redirects followed
  up to a limit; bodies over `max_bytes` refused while streaming, compressed or not: the
  fetcher decodes gzip, deflate, brotli (and zstd) itself in bounded pieces (`decode.py`),
  so a compression bomb is cut off at the limit instead of inflated whole.

Every failure is a `FetchError` with a typed `reason`, never an exception from the client.
Tests pass a `transport`, so no test touches the network.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsprism import __version__
from newsprism.errors import ConfigError, FetchError, FetchReason
from newsprism.watch.decode import BodyDecoder, CorruptBody, UnsupportedEncoding, accepted_encodings

# Self-hosted: each user should add a contact with --user-agent.
ROBOTS_RETRY_SECONDS = 300.0
MAX_CRAWL_DELAY = 60.0  # a Crawl-delay above this is read as this
USER_AGENT = f"newsprism/{__version__} (self-hosted news research crawler)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    final_url: str
    status: int  # 200 or 304
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely and how patiently to fetch."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    deadline: float = 60.0  # for the whole response, however slowly it trickles
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 2
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    per_host: int = 2
    delay: float = 0.5  # seconds between request starts to one host
    max_redirects: int = 5
    respect_robots: bool = True

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "deadline"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be > 0 seconds, got {getattr(self, name)}")
        if self.per_host < 1:
            raise ConfigError(f"per_host must be at least 1 request, got {self.per_host}")
        if self.delay < 0 or self.backoff < 0 or self.retries < 0:
            raise ConfigError(
                f"delay, backoff and retries must not be negative, got "
                f"{self.delay}, {self.backoff}, {self.retries}"
            )
        if self.max_bytes < 1024:
            raise ConfigError(f"max_bytes must be at least 1024, got {self.max_bytes}")


@dataclass(slots=True)
class _Host:
    slots: threading.BoundedSemaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0
    robots: RobotFileParser | None = None
    robots_checked_at: float | None = None
    robots_problem: str | None = None  # why robots.txt could not be read, if it could not
    crawl_delay: float = 0.0  # robots.txt's Crawl-delay for us, when longer than ours


class Fetcher:
    """Thread-safe: the watcher's worker threads share one Fetcher."""

    def __init__(
        self, policy: FetchPolicy | None = None, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout),
            follow_redirects=False,  # followed in `_once`, so that no body is read unbounded
            # We decode ourselves (bounded), so we ask only for what we can decode.
            headers={
                "User-Agent": self.policy.user_agent,
                "Accept-Encoding": accepted_encodings(),
            },
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self.requests = 0  # sent, retries included (for the status line and the bench)

    def close(self) -> None:
        self._client.close()

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            host = self._hosts.get(key)
            if host is None:
                host = _Host(threading.BoundedSemaphore(self.policy.per_host))
                self._hosts[key] = host
            return host

    @contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        """At most `per_host` at once per host, starts at least `delay` apart."""
        host = self._host(url)
        with host.slots:
            with host.lock:
                now = time.monotonic()
                start = max(now, host.next_start)
                host.next_start = start + max(self.policy.delay, host.crawl_delay)
            if start > now:
                time.sleep(start - now)
            yield

    # -- robots.txt ----------------------------------------------------------------------------
    def allowed(self, url: str) -> bool:
        return self.robots_verdict(url) is None

    def robots_verdict(self, url: str) -> str | None:
        """None when robots.txt lets us fetch the URL, else why not."""
        if not self.policy.respect_robots:
            return None
        host = self._host(url)
        with host.lock:
            checked = host.robots_checked_at
        # Rules are kept for the run; "unreachable" only for a while, then asked again.
        stale = (
            checked is not None
            and host.robots_problem is not None
            and (time.monotonic() - checked > ROBOTS_RETRY_SECONDS)
        )
        if checked is None or stale:
            rules, problem = self._robots(url)
            delay = rules.crawl_delay(self.policy.user_agent) if rules is not None else None
            with host.lock:
                host.robots, host.robots_problem = rules, problem
                host.robots_checked_at = time.monotonic()
                host.crawl_delay = min(float(delay or 0.0), MAX_CRAWL_DELAY)
        if host.robots_problem is not None:
            return f"robots.txt unreachable ({host.robots_problem}): staying out for now"
        if host.robots is not None and not host.robots.can_fetch(self.policy.user_agent, url):
            return "robots.txt disallows it for our User-Agent"
        return None

    def _robots(self, url: str) -> tuple[RobotFileParser | None, str | None]:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        rules = RobotFileParser(robots_url)
        try:
            fetched = self._get(robots_url, {}, retries=self.policy.retries)
        except FetchError as error:
            if error.status is not None and 400 <= error.status < 500:
                return None, None  # no robots.txt: no rules
            return None, f"{error.reason}: {error.detail}"  # RFC 9309: stay out for now
        rules.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        return rules, None

    # -- requests ------------------------------------------------------------------------------
    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET with the policy; 200 or 304, else FetchError."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(FetchReason.BAD_URL, url, "only http and https URLs are fetched")
        verdict = self.robots_verdict(url)
        if verdict is not None:
            raise FetchError(FetchReason.ROBOTS, url, verdict)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, self.policy.retries)

    def _get(self, url: str, headers: dict[str, str], retries: int) -> Fetched:
        wait = self.policy.backoff
        for attempt in range(retries + 1):
            try:
                with self._slot(url):
                    return self._once(url, headers)
            except _Retry as retry:
                if attempt == retries:
                    raise retry.error from None
                time.sleep(max(wait, retry.after))
                wait *= 2
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        self.requests += 1
        started = time.monotonic()
        try:
            request = self._client.build_request("GET", url, headers=headers)
            # Redirects are followed here, not by httpx: httpx reads (and inflates) the whole
            # body of each redirect response, unbounded; here it is closed unread.
            for _ in range(self.policy.max_redirects + 1):
                response = self._client.send(request, stream=True)
                try:
                    if response.next_request is None:
                        return self._answer(url, response, started)
                    request = response.next_request
                finally:
                    response.close()
            raise FetchError(FetchReason.REDIRECTS, url, f"more than {self.policy.max_redirects}")
        except httpx.TimeoutException as error:
            raise _Retry(FetchError(FetchReason.TIMEOUT, url, type(error).__name__)) from error
        except (httpx.TransportError, httpx.DecodingError) as error:
            raise _Retry(
                FetchError(FetchReason.NETWORK, url, f"{type(error).__name__}: {error}")
            ) from error
        except httpx.InvalidURL as error:
            raise FetchError(FetchReason.BAD_URL, url, str(error)) from error

    def _answer(self, url: str, response: httpx.Response, started: float) -> Fetched:
        status = response.status_code
        if status == 304:
            return Fetched(url, str(response.url), 304)
        if status == 429 or status >= 500:
            raise _Retry(
                FetchError(
                    FetchReason.HTTP_ERROR, url, f"{status} {response.reason_phrase}", status
                ),
                _retry_after(response.headers.get("retry-after")),
            )
        if status >= 400:
            raise FetchError(
                FetchReason.HTTP_ERROR, url, f"{status} {response.reason_phrase}", status
            )
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise FetchError(
                FetchReason.TOO_LARGE,
                url,
                f"{declared} bytes declared, limit {self.policy.max_bytes}",
            )
        return Fetched(
            url,
            str(response.url),
            status,
            self._body(response, url, started),
            response.headers.get("content-type"),
            response.headers.get("etag"),
            response.headers.get("last-modified"),
        )

    def _body(self, response: httpx.Response, url: str, started: float) -> bytes:
        """The decoded body, read raw and decoded piece by piece; over `max_bytes` on the
        wire or decoded: too-large, at once, with no more inflated than one piece."""
        limit = self.policy.max_bytes
        if response.is_stream_consumed:
            # Only a response built in memory (a test's MockTransport) arrives already read,
            # and httpx decoded it then; nothing came over a network.
            if len(response.content) > limit:
                raise FetchError(FetchReason.TOO_LARGE, url, f"over {limit} bytes, not read on")
            return response.content
        try:
            decoder = BodyDecoder(response.headers.get("content-encoding"))
        except UnsupportedEncoding as error:
            raise FetchError(FetchReason.ENCODING, url, str(error)) from error
        pieces: list[bytes] = []
        received = size = 0

        def take(decoded: Iterator[bytes]) -> None:
            nonlocal size
            for piece in decoded:
                size += len(piece)
                if size > limit:
                    if not decoder.names:
                        raise FetchError(
                            FetchReason.TOO_LARGE, url, f"over {limit} bytes, not read on"
                        )
                    raise FetchError(
                        FetchReason.TOO_LARGE,
                        url,
                        f"over {limit} bytes decompressed ({', '.join(decoder.names)}) "
                        f"from {received} bytes received, not read on",
                    )
                pieces.append(piece)

        try:
            for raw in response.iter_raw():
                received += len(raw)
                if received > limit:
                    raise FetchError(FetchReason.TOO_LARGE, url, f"over {limit} bytes, not read on")
                if time.monotonic() - started > self.policy.deadline:
                    raise _Retry(
                        FetchError(
                            FetchReason.TIMEOUT, url, f"body not done in {self.policy.deadline} s"
                        )
                    )
                take(decoder.feed(raw))
            take(decoder.finish())
        except CorruptBody as error:
            # Often a body cut off on the way: worth another try, as a network error is.
            raise _Retry(
                FetchError(FetchReason.NETWORK, url, f"undecodable body: {error}")
            ) from error
        return b"".join(pieces)


class _Retry(Exception):
    """A failure worth another try (after at least `after` seconds)."""

    def __init__(self, error: FetchError, after: float = 0.0) -> None:
        super().__init__(str(error))
        self.error = error
        self.after = after


def _retry_after(value: str | None, cap: float = 60.0) -> float:
    if not value:
        return 0.0
    if value.strip().isdigit():
        return min(float(value), cap)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, min(cap, moment.timestamp() - time.time()))
