"""Malformed inputs of every kind newsprism reads, generated from a seed (deterministic).

Used by `tests/run/test_fuzz.py` and by `bench/fuzz_ingest.py`, which runs many more seeds
and prints the outcomes. Every text here is made up; nothing is copied from real pages.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tests.helpers import german_article, make_warc

# Characters that must never reach the store: C0/C1 controls (but newline), DEL, lone
# surrogates and bidi controls. Tabs are allowed in no stored text either (spaces are unified).
FORBIDDEN = [chr(c) for c in (*range(0, 10), *range(11, 32), *range(0x7F, 0xA0))] + [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
]

_NASTY = [
    "\x00",
    "\x1b[31m",
    "\x07",
    "\x7f",
    "\x85",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\u2028",
    "\r",
    "\t",
    "\x0c",
    "\x9b",
]
_WORDS = (
    "Die Stadt Mainz baut die Brücke neu. Bürgermeisterin Kettler sagte: „Wir halten den "
    "Zeitplan.“ Der Kämmerer erklärte, die Kosten stiegen auf 4,2 Millionen Euro. Merkel: "
    "Daten : Kurs 3.141 Prozent am Montag, dem 12. Mai. »Das ist falsch«, so Weber."
).split(" ")


def _german(rng: random.Random, words: int = 60) -> str:
    """German-looking text with the awkward things real text has: colons at line ends,
    quotes, numbers, long tokens, control characters."""
    parts: list[str] = []
    for _ in range(words):
        roll = rng.random()
        if roll < 0.05:
            parts.append(rng.choice(_NASTY))
        elif roll < 0.07:
            parts.append("9" * rng.choice([40, 400, 4000]))
        elif roll < 0.08:
            parts.append("Donaudampfschiff" * rng.choice([50, 2000]))
        elif roll < 0.12:
            parts.append(rng.choice(["Merkel:", "Data :", "Frage:", "„", "“", "»", ":"]) + "\n")
        else:
            parts.append(rng.choice(_WORDS))
    return " ".join(parts)


def _lone_surrogate_json(rng: random.Random) -> str:
    text = _german(rng, 40)
    return json.dumps({"maintext": text + " \ud800 Ende.", "title": "Titel \udfff"})


def _json_cases(rng: random.Random) -> list[tuple[str, bytes]]:
    deep = "[" * rng.choice([100, 5000]) + "]" * rng.choice([0, 100])
    records: list[object] = [
        [],
        {},
        None,
        123,
        "nur ein Text",
        [1, 2, 3],
        {"maintext": 123},
        {"maintext": ["Liste", "statt", "Text"]},
        {"maintext": {"text": "verschachtelt"}},
        {"maintext": _german(rng), "title": 5, "authors": "Eine Autorin"},
        {"maintext": _german(rng), "authors": [{"name": "X"}, None, 7]},
        {"maintext": _german(rng), "date_publish": rng.choice(["gestern", "99999-01-01", "0"])},
        {"maintext": _german(rng), "date_publish": 10**30},
        {"maintext": "\u200b\u00ad\u2060" * rng.randint(1, 50)},
        {"maintext": "\x00\x1b" + _german(rng), "title": "A\x00B\u202e", "url": "http://x/\x00"},
        {"maintext": "…" * 30},
        {"text": _german(rng), "source_domain": "\x1b[2J\u202eevil.example"},
    ]
    cases = [("json", json.dumps(rng.choice(records)).encode()) for _ in range(6)]
    cases += [
        ("json", _lone_surrogate_json(rng).encode()),
        ("json", deep.encode()),
        ("json", json.dumps({"maintext": _german(rng)}).encode()[: rng.randint(1, 40)]),
        ("json", "\ufeff".encode() + json.dumps({"maintext": _german(rng)}).encode()),
        ("json", json.dumps({"maintext": _german(rng)}).encode("utf-16")),
    ]
    lines = [
        json.dumps(rng.choice(records)) if rng.random() < 0.7 else rng.choice(["", "{", "[]", "x"])
        for _ in range(rng.randint(0, 8))
    ]
    cases.append(("jsonl", "\n".join(lines).encode()))
    cases.append(("jsonl", (_lone_surrogate_json(rng) + "\n" + deep).encode()))
    return cases


def _html_cases(rng: random.Random) -> list[tuple[str, bytes]]:
    body = _german(rng).replace("<", "&lt;")
    return [
        ("html", f"<html><body><article><p>{body}</p></article></body></html>".encode()),
        ("html", b"<html><head><meta charset='x-unknown-9'></head><body><p>" + body.encode()),
        ("html", b"<p>&#0; &#xD800; &#x1b; &#x202e; &#1114112;</p>" * 20),
        ("html", b"<div>" * rng.choice([100, 3000]) + body.encode()),
        ("html", b"<html><script>" + b"x" * 5000 + b"</script></html>"),
        ("html", bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 2000)))),
        ("html", f"<p title='{'a' * 50000}'>{body}</p>".encode("latin-1", "replace")),
    ]


def _feed_cases(rng: random.Random) -> list[tuple[str, bytes]]:
    text = _german(rng, 30).replace("<", "").replace("&", "")
    item = f"<item><title>T\x01</title><description><![CDATA[{text}]]></description></item>"
    return [
        ("xml", f"<?xml version='1.0'?><rss><channel>{item * 3}</channel></rss>".encode()),
        ("xml", b"<rss><channel><item><title>unclosed"),
        (
            "xml",
            b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b"<rss><channel><item><title>&b;</title></item></channel></rss>",
        ),
        ("xml", b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>&#xD800;</title>"),
        ("rss", bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 500)))),
        ("atom", b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>"),
    ]


def _warc_cases(rng: random.Random, scratch: Path) -> list[tuple[str, bytes]]:
    good = make_warc(
        scratch / "tmp.warc.gz",
        [
            (
                "https://www.beispiel.de/a",
                f"<html><body><article><p>{_german(rng)}</p></article></body></html>".encode(),
                "text/html; charset=utf-8",
            ),
            ("https://www.beispiel.de/b", b"\x00\xff garbage http block", "text/html"),
            ("https://www.beispiel.de/c", b"", "application/octet-stream"),
        ],
    ).read_bytes()
    raw = gzip.decompress(good)
    header_only = (
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n"
        b"WARC-Target-URI: https://x.example/\r\n\r\nHTTP/1.1 2\x00\x00 garbage garbage!\r\n\r\n"
    )
    return [
        ("warc.gz", good[: rng.randint(1, len(good) - 1)]),
        ("warc", raw[: rng.randint(1, len(raw))]),
        ("warc", header_only),
        ("warc", bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 800)))),
        ("warc.gz", gzip.compress(header_only)),
        ("warc.gz", b"\x1f\x8b" + bytes(rng.getrandbits(8) for _ in range(200))),
    ]


def _text_cases(rng: random.Random) -> list[tuple[str, bytes]]:
    return [
        ("txt", _german(rng, rng.randint(5, 200)).encode("utf-8", "surrogatepass")),
        ("txt", "\u200b\u00ad\ufeff\u2060\n".encode() * rng.randint(1, 20)),
        ("txt", b"   \n\t\n  "),
        ("txt", b"\xed\xa0\x80 lone surrogate in bytes " + _german(rng).encode()),
        ("txt", ("Merkel:\n" * rng.randint(1, 5) + _german(rng)).encode()),
        ("txt", ("1" * 400 + " Euro kostet es. " + _german(rng)).encode()),
        ("txt", ("x" * rng.choice([20_000, 100_000])).encode()),
        ("txt", _german(rng).encode("cp1252", "replace")),
    ]


def _parquet_cases(rng: random.Random) -> list[tuple[str, bytes]]:
    table = pa.table(
        {
            "maintext": [_german(rng), None, "\x00\u202e" + _german(rng)],
            "title": ["T\x00", None, "\ud800".encode("utf-8", "surrogatepass").decode("latin-1")],
        }
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    wrong = io.BytesIO()
    pq.write_table(pa.table({"nothing": [1, 2, 3]}), wrong)
    return [
        ("parquet", buffer.getvalue()),
        ("parquet", wrong.getvalue()),
        ("parquet", b"PAR1" + bytes(rng.getrandbits(8) for _ in range(300)) + b"PAR1"),
    ]


KINDS: list[Callable[[random.Random], list[tuple[str, bytes]]]] = [
    _json_cases,
    _html_cases,
    _feed_cases,
    _text_cases,
    _parquet_cases,
]


def write_corpus(root: Path, seed: int, rounds: int) -> tuple[list[Path], list[Path]]:
    """(malformed inputs, good inputs) written under `root`: each round adds a few dozen
    malformed files of every kind and one good article whose text is unique to it."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    scratch = root / ".scratch"
    scratch.mkdir(exist_ok=True)
    bad: list[Path] = []
    good: list[Path] = []
    for round_ in range(rounds):
        cases = [case for kind in KINDS for case in kind(rng)] + _warc_cases(rng, scratch)
        for number, (suffix, payload) in enumerate(cases):
            path = root / f"r{round_:03d}-{number:02d}.{suffix}"
            path.write_bytes(payload)
            bad.append(path)
        path = root / f"r{round_:03d}-gut.txt"
        path.write_text(german_article(f"die Vorlage {seed}-{round_}", round_), encoding="utf-8")
        good.append(path)
    for leftover in scratch.iterdir():
        leftover.unlink()
    scratch.rmdir()
    return bad, good
