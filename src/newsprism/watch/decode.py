"""Content-Encoding undone in bounded pieces, so that a compression bomb costs no memory.

httpx inflates each network chunk whole before anyone can count it: 1.6 KB of brotli became
2.3 GB in one call, 64 KiB of gzip 64 MiB, long before the fetcher's size limit could look.
So the fetcher reads the raw bytes and decodes them here. Every decoder hands its output on in
pieces of about `PIECE` bytes, lazily (generators): the fetcher counts each piece and stops
pulling once the body is over its limit, and nothing more is inflated.

- gzip (and x-gzip), deflate (zlib-wrapped as RFC 9110 says, or raw as some servers send
  it): zlib with `max_length`;
- br: brotli's `output_buffer_limit` (brotli ≥ 1.2). An older brotli cannot bound its
  output, so then br is not asked for, and a body sent with it anyway is refused;
- zstd: only when the optional `zstandard` package is installed (as for httpx). It cannot
  bound its output either, but the format does: no block inflates to more than 128 KiB and
  a block takes at least 3 bytes, so small input slices give small output;
- several encodings ("gzip, br"): undone in reverse order, each stage pulling from the one
  before, so the bound holds for every stage.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Iterator
from types import ModuleType
from typing import Protocol

import brotli  # type: ignore[import-untyped]

PIECE = 64 * 1024  # decoded bytes handed on at a time
MAX_ENCODINGS = 3  # more stacked encodings than this is no honest server
# zstd input fed at a time: at most 1 + 16/3 blocks of ≤ 128 KiB come out of one slice.
ZSTD_SLICE = 16

try:
    # Optional (imported by name so that type checking works with and without it).
    _zstandard: ModuleType | None = importlib.import_module("zstandard")
except ImportError:
    _zstandard = None

# brotli 1.2 added the output bound; without it a few bytes may inflate to gigabytes at once.
BROTLI_BOUNDED = hasattr(brotli.Decompressor(), "can_accept_more_data")


class UnsupportedEncoding(ValueError):
    """The body is encoded in a way we cannot (or will not) undo."""


class CorruptBody(ValueError):
    """The body does not decode as its Content-Encoding says."""


class _Stage(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decoded pieces of `data` (and of what came before), each about PIECE at most."""
        ...

    def finish(self) -> Iterator[bytes]:
        """What is left once the input has ended."""
        ...


def accepted_encodings() -> str:
    """The Accept-Encoding we send: only what we can decode within bounds."""
    names = ["gzip", "deflate"]
    if BROTLI_BOUNDED:
        names.append("br")
    if _zstandard is not None:
        names.append("zstd")
    return ", ".join(names)


class BodyDecoder:
    """Undoes a response's Content-Encoding; `feed` raw chunks, then `finish`."""

    def __init__(self, content_encoding: str | None) -> None:
        names = [
            name.strip().lower()
            for name in (content_encoding or "").split(",")
            if name.strip() and name.strip().lower() != "identity"
        ]
        if len(names) > MAX_ENCODINGS:
            raise UnsupportedEncoding(f"{len(names)} stacked encodings ({content_encoding})")
        self.names = names
        # Applied in the order listed, so undone from the last.
        self._stages = [_stage(name) for name in reversed(names)]

    def feed(self, raw: bytes) -> Iterator[bytes]:
        return self._through(0, raw)

    def finish(self) -> Iterator[bytes]:
        for index, stage in enumerate(self._stages):
            for piece in stage.finish():
                yield from self._through(index + 1, piece)

    def _through(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._stages):
            if data:
                yield data
            return
        try:
            for piece in self._stages[index].feed(data):
                yield from self._through(index + 1, piece)
        except (zlib.error, brotli.error) as error:
            raise CorruptBody(f"{self.names[-1 - index]}: {error}") from error
        except Exception as error:
            if _zstandard is not None and isinstance(error, _zstandard.ZstdError):
                raise CorruptBody(f"zstd: {error}") from error
            raise


def _stage(name: str) -> _Stage:
    if name in ("gzip", "x-gzip"):
        return _Zlib(16 + zlib.MAX_WBITS)
    if name == "deflate":
        return _Deflate()
    if name == "br":
        if not BROTLI_BOUNDED:
            raise UnsupportedEncoding("br needs brotli >= 1.2 to be read within a size limit")
        return _Brotli()
    if name == "zstd" and _zstandard is not None:
        return _Zstd(_zstandard)
    raise UnsupportedEncoding(f"{name!r} is not an encoding we asked for")


class _Zlib:
    def __init__(self, wbits: int) -> None:
        self._inflate = zlib.decompressobj(wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        while not self._inflate.eof:  # bytes after the end of the stream are ignored
            out = self._inflate.decompress(data, PIECE)
            data = self._inflate.unconsumed_tail
            if out:
                yield out
            # A full piece may leave output inside zlib even when all input is taken.
            if not data and len(out) < PIECE:
                return

    def finish(self) -> Iterator[bytes]:
        # `feed` drained zlib; a stream cut short gives what it had, as browsers do.
        return iter(())


class _Deflate:
    """ "deflate" is zlib-wrapped by the standard, raw deflate from some servers: the first
    two bytes tell (a zlib header is a multiple of 31 with method 8)."""

    def __init__(self) -> None:
        self._head = b""
        self._inner: _Zlib | None = None

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._inner is None:
            self._head += data
            if len(self._head) < 2:
                return
            first, second = self._head[0], self._head[1]
            wrapped = first & 0x0F == 8 and (first * 256 + second) % 31 == 0
            self._inner = _Zlib(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            data, self._head = self._head, b""
        yield from self._inner.feed(data)

    def finish(self) -> Iterator[bytes]:
        if self._inner is None and self._head:
            yield from _Zlib(-zlib.MAX_WBITS).feed(self._head)  # a one-byte body


class _Brotli:
    def __init__(self) -> None:
        self._decompressor = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        out: bytes = self._decompressor.process(data, output_buffer_limit=PIECE)
        if out:
            yield out
        # Until it can take input again, brotli has output left: take it a piece at a time.
        while not self._decompressor.can_accept_more_data():
            out = self._decompressor.process(b"", output_buffer_limit=PIECE)
            if not out:
                return
            yield out

    def finish(self) -> Iterator[bytes]:
        # Output may still wait inside brotli after the last input.
        while not self._decompressor.is_finished():
            out: bytes = self._decompressor.process(b"", output_buffer_limit=PIECE)
            if not out:
                return  # cut short: what it had, as for zlib
            yield out


class _Zstd:
    def __init__(self, module: ModuleType) -> None:
        self._module = module
        self._decompressor = module.ZstdDecompressor().decompressobj()

    def feed(self, data: bytes) -> Iterator[bytes]:
        for start in range(0, len(data), ZSTD_SLICE):
            if self._decompressor.eof:  # a frame ended with this slice: a new one follows
                self._decompressor = self._module.ZstdDecompressor().decompressobj()
            out: bytes = self._decompressor.decompress(data[start : start + ZSTD_SLICE])
            # A body of several frames: the next one starts in what this one left over.
            while self._decompressor.eof and self._decompressor.unused_data:
                rest: bytes = self._decompressor.unused_data
                self._decompressor = self._module.ZstdDecompressor().decompressobj()
                out += self._decompressor.decompress(rest)
            if out:
                yield out

    def finish(self) -> Iterator[bytes]:
        return iter(())
