"""Compression bombs: a small compressed body that inflates to far more than `max_bytes` is cut
off while it is decompressed, so memory stays near the limit whatever the encoding.

Memory is measured with tracemalloc (the server runs in this process too, but its bodies are
built before the measurement starts). Before the fetcher decoded bounded pieces itself, httpx
inflated a whole network chunk at once: a 64 MiB brotli bomb peaked above 64 MiB.
"""

from __future__ import annotations

import gzip
import random
import tracemalloc
import zlib
from collections.abc import Callable, Iterator

import brotli
import pytest

from newsprism.errors import FetchError
from newsprism.watch.decode import PIECE, BodyDecoder
from newsprism.watch.fetch import Fetched, Fetcher, FetchPolicy
from tests.watch.server import LocalWeb, Response

LIMIT = 1024 * 1024
POLICY = FetchPolicy(
    max_bytes=LIMIT, retries=0, delay=0.0, read_timeout=5, connect_timeout=2, deadline=20
)
BOMB_SIZE = 64 * 1024 * 1024  # what each bomb inflates to
# Room for the body itself (the limit), one decoded piece per stage, the raw chunks in flight
# and Python's own allocations; far below one undivided network chunk of a bomb.
PEAK_ALLOWED = 3 * LIMIT


def _zeros(encode: Callable[[bytes], bytes], finish: Callable[[], bytes]) -> bytes:
    block = b"\0" * (1024 * 1024)
    return b"".join([encode(block) for _ in range(BOMB_SIZE // len(block))] + [finish()])


def _zlib_bomb(wbits: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return _zeros(compressor.compress, compressor.flush)


def _brotli_bomb() -> bytes:
    compressor = brotli.Compressor(quality=5)
    return _zeros(compressor.process, compressor.finish)


def _text(size: int) -> bytes:
    """Article-like HTML that compresses as real pages do (not all zeros)."""
    rng = random.Random(7)
    words = "Stadtrat Hochwasser Pegel Landkreis beschließt Kosten Bahn Klinikum sagte".split()
    paragraphs = []
    length = 0
    while length < size:
        paragraph = "<p>" + " ".join(rng.choice(words) for _ in range(60)) + "</p>\n"
        paragraphs.append(paragraph)
        length += len(paragraph)
    return "".join(paragraphs).encode()[:size]


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    gzip_bomb = _zlib_bomb(16 + zlib.MAX_WBITS)
    return {
        "gzip": gzip_bomb,
        "deflate": _zlib_bomb(zlib.MAX_WBITS),  # zlib-wrapped, as RFC 9110 means it
        "raw-deflate": _zlib_bomb(-zlib.MAX_WBITS),  # what some servers send as "deflate"
        "br": _brotli_bomb(),
        # Nested: gzip applied first, then brotli, so brotli is undone first.
        "gzip, br": brotli.compress(gzip_bomb, quality=5),
    }


def _encoding(name: str) -> str:
    return "deflate" if name == "raw-deflate" else name


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    fetcher = Fetcher(POLICY)
    yield fetcher
    fetcher.close()


def _measured(fetch: Callable[[], Fetched]) -> tuple[int, Fetched | FetchError]:
    """Peak of Python's allocations while `fetch` runs, and what it gave."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        try:
            outcome: Fetched | FetchError = fetch()
        except FetchError as error:
            outcome = error
        return tracemalloc.get_traced_memory()[1], outcome
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("name", ["gzip", "deflate", "raw-deflate", "br", "gzip, br"])
def test_a_bomb_is_cut_off_near_the_limit(
    web: LocalWeb, fetcher: Fetcher, bombs: dict[str, bytes], name: str
) -> None:
    body = bombs[name]
    assert len(body) < LIMIT // 4  # small on the wire: only decompression makes it big
    web.routes["/bomb"] = Response(body, headers={"Content-Encoding": _encoding(name)})
    assert fetcher.robots_verdict(web.url("/bomb")) is None  # robots.txt read before measuring
    peak, outcome = _measured(lambda: fetcher.get(web.url("/bomb")))
    assert isinstance(outcome, FetchError), outcome
    assert outcome.reason == "too-large"
    assert "decompressed" in outcome.detail and str(LIMIT) in outcome.detail
    assert peak < PEAK_ALLOWED, f"{name}: peak {peak / 2**20:.1f} MiB"


@pytest.mark.parametrize("name", ["gzip", "deflate", "raw-deflate", "br", "gzip, br"])
def test_compressed_bodies_under_the_limit_come_whole(
    web: LocalWeb, fetcher: Fetcher, name: str
) -> None:
    page = _text(LIMIT - 100)  # just under: all of it arrives
    encoders: dict[str, Callable[[bytes], bytes]] = {
        "gzip": gzip.compress,
        "deflate": zlib.compress,
        "raw-deflate": lambda data: _raw_deflate(data),
        "br": lambda data: brotli.compress(data, quality=5),
        "gzip, br": lambda data: brotli.compress(gzip.compress(data), quality=5),
    }
    header = {"Content-Encoding": _encoding(name)}
    web.routes["/page"] = Response(encoders[name](page), headers=header)
    assert fetcher.get(web.url("/page")).body == page
    over = _text(LIMIT + 1)  # one byte over: refused
    web.routes["/over"] = Response(encoders[name](over), headers=header)
    with pytest.raises(FetchError) as raised:
        fetcher.get(web.url("/over"))
    assert raised.value.reason == "too-large"


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def test_zstd_when_zstandard_is_installed(web: LocalWeb, fetcher: Fetcher) -> None:
    zstandard = pytest.importorskip("zstandard")
    assert "zstd" in fetcher._client.headers["accept-encoding"]
    page = _text(LIMIT - 100)
    # Two frames, as a server that compresses a stream in parts sends them.
    compressor = zstandard.ZstdCompressor(level=3)
    half = len(page) // 2
    body = compressor.compress(page[:half]) + compressor.compress(page[half:])
    web.routes["/page"] = Response(body, headers={"Content-Encoding": "zstd"})
    assert fetcher.get(web.url("/page")).body == page
    writer = zstandard.ZstdCompressor(level=19).compressobj()
    block = b"\0" * (1024 * 1024)
    bomb = b"".join([writer.compress(block) for _ in range(BOMB_SIZE // len(block))])
    bomb += writer.flush()
    assert len(bomb) < LIMIT // 4
    web.routes["/bomb"] = Response(bomb, headers={"Content-Encoding": "zstd"})
    assert fetcher.robots_verdict(web.url("/bomb")) is None
    peak, outcome = _measured(lambda: fetcher.get(web.url("/bomb")))
    assert isinstance(outcome, FetchError) and outcome.reason == "too-large", outcome
    assert peak < PEAK_ALLOWED, f"zstd: peak {peak / 2**20:.1f} MiB"


def test_what_we_cannot_decode_is_refused_with_a_reason(web: LocalWeb, fetcher: Fetcher) -> None:
    asked = fetcher._client.headers["accept-encoding"]
    assert asked.startswith("gzip, deflate, br")  # only what we decode within bounds
    cases = {
        "/compress": ({"Content-Encoding": "compress"}, b"\x1f\x9d...", "encoding"),
        "/stacked": ({"Content-Encoding": "gzip, gzip, gzip, gzip"}, b"", "encoding"),
        "/broken": ({"Content-Encoding": "gzip"}, b"\x1f\x8b not gzip at all", "network"),
    }
    for path, (headers, body, reason) in cases.items():
        web.routes[path] = Response(body, headers=headers)
        with pytest.raises(FetchError) as raised:
            fetcher.get(web.url(path))
        assert raised.value.reason == reason, (path, raised.value)
    web.routes["/plain"] = Response(b"<p>ok</p>", headers={"Content-Encoding": "identity"})
    assert fetcher.get(web.url("/plain")).body == b"<p>ok</p>"


def test_without_a_bounded_brotli_br_is_not_asked_for(
    web: LocalWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsprism.watch import decode

    monkeypatch.setattr(decode, "BROTLI_BOUNDED", False)  # as with brotli < 1.2
    fetcher = Fetcher(POLICY)
    try:
        assert "br" not in fetcher._client.headers["accept-encoding"]
        web.routes["/br"] = Response(
            brotli.compress(b"<p>x</p>"), headers={"Content-Encoding": "br"}
        )
        with pytest.raises(FetchError, match=r"brotli >= 1\.2") as raised:
            fetcher.get(web.url("/br"))
        assert raised.value.reason == "encoding"
    finally:
        fetcher.close()


def test_a_redirect_body_is_never_inflated(web: LocalWeb, fetcher: Fetcher) -> None:
    """httpx reads each redirect's body whole when it follows redirects itself; a bomb there
    peaked at 64 MiB. The fetcher follows them and closes their bodies unread."""
    web.routes["/ok"] = Response(b"<p>ok</p>")
    web.routes["/hop"] = Response(
        _brotli_bomb(), status=302, headers={"Location": "/ok", "Content-Encoding": "br"}
    )
    assert fetcher.robots_verdict(web.url("/hop")) is None
    peak, outcome = _measured(lambda: fetcher.get(web.url("/hop")))
    assert isinstance(outcome, Fetched), outcome
    assert outcome.body == b"<p>ok</p>" and outcome.final_url == web.url("/ok")
    assert peak < PEAK_ALLOWED, f"peak {peak / 2**20:.1f} MiB"


@pytest.mark.parametrize("name", ["gzip", "deflate", "raw-deflate", "br", "gzip, br"])
def test_decoding_does_not_depend_on_how_the_bytes_are_cut(name: str) -> None:
    """However the network cuts the body (here: a byte at a time), the same page comes out."""
    page = _text(200_000)
    encoded = {
        "gzip": gzip.compress(page),
        "deflate": zlib.compress(page),
        "raw-deflate": _raw_deflate(page),
        "br": brotli.compress(page, quality=5),
        "gzip, br": brotli.compress(gzip.compress(page), quality=5),
    }[name]
    decoder = BodyDecoder(_encoding(name))
    pieces = [piece for i in range(len(encoded)) for piece in decoder.feed(encoded[i : i + 1])]
    pieces += list(decoder.finish())
    assert b"".join(pieces) == page
    assert max(len(piece) for piece in pieces) <= 2 * PIECE
