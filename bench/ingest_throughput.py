"""Ingest throughput and peak memory for JSONL, .txt and WARC inputs (one process each).

    python bench/ingest_throughput.py [--articles 10000] [--warc-articles 2000] [--analyse]

Prints one line per run: format, articles, seconds, articles/s, peak RSS in MiB.
Each run is a fresh child process on a fresh database, so peak memory is its own.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import stream


def make_jsonl(folder: Path, count: int) -> Path:
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for record in stream(count, seed=1):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def make_txt(folder: Path, count: int) -> Path:
    root = folder / "txt"
    for number, record in enumerate(stream(count, seed=2)):
        outlet = root / str(record["source_domain"])
        outlet.mkdir(parents=True, exist_ok=True)
        (outlet / f"{number}.txt").write_text(str(record["maintext"]), encoding="utf-8")
    return root


def make_warc(folder: Path, count: int) -> Path:
    # warcio comes with the test extra and only this step needs it.
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = folder / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for record in stream(count, seed=3):
            paragraphs = "".join(f"<p>{p}</p>" for p in str(record["maintext"]).split("\n"))
            html = (
                f"<html><head><title>{record['title']}</title></head><body><nav>Start "
                f"Politik Sport</nav><article><h1>{record['title']}</h1>{paragraphs}"
                f"</article><footer>Impressum</footer></body></html>"
            ).encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    str(record["url"]), "response", payload=io.BytesIO(html), http_headers=headers
                )
            )
    return path


CHILD = """
import resource, sys, time
from newsprism.run import ingest
from newsprism.run import IngestOptions
from newsprism.store import SQLiteStore
store = SQLiteStore(sys.argv[1])
started = time.perf_counter()
report = ingest([sys.argv[2]], store, IngestOptions(analyse=sys.argv[3] == "analyse"))
elapsed = time.perf_counter() - started
store.close()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(report.ingested, len(report.rejects), elapsed, peak)
"""


def measure(label: str, source: Path, workdir: Path, analyse: bool) -> dict[str, float | str]:
    db = workdir / f"{label}-{time.monotonic_ns()}.db"
    mode = "analyse" if analyse else "no-analyse"
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(source), mode],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"{label}: the ingest child failed:\n{result.stderr}")
    ingested, rejected, elapsed, peak = result.stdout.split()
    row = {
        "format": label,
        "analysis": analyse,
        "articles": int(ingested),
        "rejected": int(rejected),
        "seconds": round(float(elapsed), 2),
        "articles_per_s": round(int(ingested) / float(elapsed)),
        "peak_rss_mib": round(float(peak)),
    }
    print(json.dumps(row), flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--warc-articles", type=int, default=2_000)
    parser.add_argument(
        "--analyse", action="store_true", help="with analysis (sentences, entities, quotes)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for count in (args.articles // 4, args.articles // 2, args.articles):
            sub = folder / f"jsonl-{count}"
            sub.mkdir()
            measure(f"jsonl-{count}", make_jsonl(sub, count), folder, args.analyse)
        measure(f"txt-{args.articles}", make_txt(folder, args.articles), folder, args.analyse)
        measure(
            f"warc-{args.warc_articles}",
            make_warc(folder, args.warc_articles),
            folder,
            args.analyse,
        )
    print(f"# parent max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")


if __name__ == "__main__":
    main()
