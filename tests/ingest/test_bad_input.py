"""A batch of hostile inputs: each becomes a typed reject naming the file; the rest goes in."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsprism.run import IngestOptions, ingest
from newsprism.store import SQLiteStore
from tests.helpers import german_article, make_warc, run_cli


def _bad_folder(root: Path) -> dict[str, str]:
    """Writes one file per kind of bad input; returns file name -> expected reason."""
    root.mkdir()
    (root / "leer.txt").write_bytes(b"")
    (root / "bild.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "kaputt.txt").write_bytes(bytes([0xFF, 0xFE, 0xFD]) + bytes(range(0x80, 0xFF)) * 3)
    (root / "navigation.html").write_bytes(
        b"<html><body><nav><a href='/'>Start</a> <a href='/b'>Sport</a></nav></body></html>"
    )
    # Line 1 is long enough for an article (the gate rejects shorter texts as too-short).
    good_line = json.dumps({"maintext": german_article("die Zeile eins", 1, sentences=2)})
    (root / "zeilen.jsonl").write_text(good_line + "\n{kaputt\n")
    warc = make_warc(
        root / "gross.warc.gz",
        [
            (
                f"https://www.beispiel.de/{n}",
                f"<html><body><article><p>{german_article('den Hafen', n)}</p></article></body></html>".encode(),
                "text/html; charset=utf-8",
            )
            for n in range(3)
        ],
    )
    (root / "abgeschnitten.warc.gz").write_bytes(warc.read_bytes()[:-100])
    warc.unlink()
    (root / "riesig.txt").touch()
    with (root / "riesig.txt").open("r+b") as handle:  # sparse: 200 MB without using the disk
        handle.truncate(200 * 1024 * 1024)
    (root / "tabelle.xlsx").write_bytes(b"PK\x03\x04 not really")
    (root / "gut.txt").write_text(german_article("die Umgehungsstraße", 1), encoding="utf-8")
    return {
        "leer.txt": "empty",
        "bild.txt": "binary",
        "kaputt.txt": "undecodable",
        "navigation.html": "no-text",
        "zeilen.jsonl": "bad-json",
        "abgeschnitten.warc.gz": "truncated",
        "riesig.txt": "too-large",
    }


def test_every_bad_input_is_a_typed_reject_and_the_batch_goes_on(tmp_path: Path) -> None:
    expected = _bad_folder(tmp_path / "eingang")
    store = SQLiteStore(tmp_path / "bad.db")
    report = ingest(
        [
            str(tmp_path / "eingang"),
            str(tmp_path / "eingang" / "tabelle.xlsx"),
            str(tmp_path / "fehlt" / "*.txt"),
        ],
        store,
        IngestOptions(),
    )
    by_file = {Path(r.source).name: r.reason.value for r in report.rejects}
    for name, reason in expected.items():
        assert by_file.get(name) == reason, f"{name}: {by_file.get(name)}"
    assert by_file["tabelle.xlsx"] == "unsupported-type"
    assert by_file["*.txt"] == "not-found"
    # good articles: gut.txt, line 1 of zeilen.jsonl, two complete WARC records
    assert report.ingested == 4
    assert report.exit_status == 1
    assert {Path(r.reject.source).name for r in store.rejects()} >= set(expected)
    store.close()


@pytest.mark.slow
def test_cli_exit_status_and_no_traceback(tmp_path: Path) -> None:
    _bad_folder(tmp_path / "eingang")
    db = str(tmp_path / "cli.db")
    result = run_cli("--db", db, "ingest", str(tmp_path / "eingang"), "--json")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    summary = json.loads(result.stdout)
    assert summary["rejected_by_reason"]["too-large"] == 1
    assert all(Path(r["source"]).name and r["detail"] for r in summary["rejects"])

    good = tmp_path / "gut"
    good.mkdir()
    (good / "a.txt").write_text(german_article("den Marktplatz", 2), encoding="utf-8")
    ok = run_cli("--db", db, "--quiet", "ingest", str(good))
    assert ok.returncode == 0, ok.stderr

    usage = run_cli("--db", db, "ingest")
    assert usage.returncode == 2
    missing = run_cli("--db", db, "article", "ffffffffffffffff")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "no article with id" in missing.stderr


def test_gzip_text_that_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "daten.warc.gz"
    path.write_bytes(gzip.compress(b"Dies ist kein WARC, nur Text.\n" * 10))
    store = SQLiteStore(tmp_path / "g.db")
    report = ingest([str(path)], store)
    assert [r.reason.value for r in report.rejects] == ["bad-warc"]
    store.close()
