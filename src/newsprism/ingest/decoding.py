"""Bytes to text: size and binary checks, charset from header, meta tag or BOM, then detection."""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes
from w3lib.encoding import html_to_unicode, http_content_type_encoding, read_bom

from newsprism.errors import InputRejected, RejectReason

_SNIFF = 8192


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The whole file, after checking its size; never reads more than `max_bytes`."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputRejected(
                RejectReason.TOO_LARGE, source, f"{size} bytes is over the limit of {max_bytes}"
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputRejected(RejectReason.UNREADABLE, source, str(error)) from error
    if len(raw) > max_bytes:
        raise InputRejected(
            RejectReason.TOO_LARGE, source, f"more than {max_bytes} bytes (file grew while read)"
        )
    return raw


def check_text_bytes(raw: bytes, source: str, locator: str | None = None) -> None:
    if not raw.strip():
        raise InputRejected(RejectReason.EMPTY, source, "no content", locator)
    head = raw[:_SNIFF]
    has_utf16_bom = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head and not has_utf16_bom:
        offset = head.index(b"\x00")
        raise InputRejected(RejectReason.BINARY, source, f"NUL byte at offset {offset}", locator)


def decode_text(raw: bytes, source: str, locator: str | None = None) -> str:
    """UTF-8 (with or without BOM) first; otherwise the detected encoding, if any fits."""
    check_text_bytes(raw, source, locator)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        best = from_bytes(raw).best()
        if best is None or best.encoding is None:
            raise InputRejected(
                RejectReason.UNDECODABLE,
                source,
                f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                "and no other encoding fits",
                locator,
            ) from utf8_error
        return str(best)


def _detect(raw: bytes) -> str | None:
    best = from_bytes(raw).best()
    return None if best is None else best.encoding


def decode_html(
    raw: bytes, source: str, content_type: str | None = None, locator: str | None = None
) -> str:
    """BOM, then the HTTP (or WARC) Content-Type charset, then valid UTF-8, then <meta>, then
    detection.

    Bytes that are valid UTF-8 and not plain ASCII are UTF-8 whatever the <meta> claims: no
    real ISO-8859-1 text with umlauts is valid UTF-8 by chance, and pages that moved to UTF-8
    often kept their old <meta> ("GÃ¼nstige" otherwise, and the same page from a WARC, whose
    header says UTF-8, would be a second article). w3lib maps ISO-8859-1 to cp1252 as
    browsers do, so € and „…“ on such pages survive.
    """
    check_text_bytes(raw, source, locator)
    header_charset = http_content_type_encoding(content_type) if content_type else None
    if header_charset is None and read_bom(raw) == (None, None) and not raw.isascii():
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass  # not UTF-8: the <meta> or detection decides
    try:
        _, text = html_to_unicode(content_type, raw, auto_detect_fun=_detect)
    except (LookupError, ValueError) as error:
        raise InputRejected(RejectReason.UNDECODABLE, source, str(error), locator) from error
    return str(text)
