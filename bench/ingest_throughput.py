"""Ingest throughput and peak memory for JSONL, .txt and WARC inputs (one process each).

    python bench/ingest_throughput.py [--articles 10000] [--warc-articles 2000] [--analyse]
                                      [--before SRC] [--workers 0,1]

Prints one line per run: format, articles, seconds, articles/s, peak RSS in MiB. Each run is
a fresh child process on a fresh database, so peak memory is its own. Beside the JSONL runs,
two baselines over the same file, in the same run:

- `read`: only reading the news-please records (one `json.loads` per line), the floor of any
  JSONL reader;
- `sqlite-bulk`: the same rows written straight into the store's schema, one `executemany`
  per 500 and the search index filled per batch: the physical limit of storing them here.

`ratio_to_bulk` is our articles/s over the bulk insert's. `--before SRC` runs the JSONL
ingest once more with another checkout's `src` folder first on the path (the code before a
change), so that before and after are measured side by side. `--workers 0,1` runs each JSONL
ingest once per count of worker processes preparing articles beside the writer (`IngestOptions.
workers`; 0: all in one process), the others with the default; `cpu_s` is the writer's CPU
time, `worker_cpu_s` and `worker_peak_rss_mib` its workers' (start-up included).
"""

from __future__ import annotations

import argparse
import io
import json
import os
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


# datasketch (and scipy, about a second) is imported before the clock starts: the code before
# the worker process imported it with `newsprism.run`, the code after only when a run starts,
# and the figures are of ingesting, not of starting Python.
CHILD = """
import resource, sys, time
import datasketch
from newsprism.run import ingest
from newsprism.run import IngestOptions
from newsprism.store import SQLiteStore
store = SQLiteStore(sys.argv[1])
try:  # "default": what `newsprism ingest` does (a release before workers has none)
    from newsprism.run.prepare import default_workers
    workers = {"workers": default_workers() if sys.argv[4] == "default" else int(sys.argv[4])}
except ImportError:
    workers = {}
started = time.perf_counter()
report = ingest([sys.argv[2]], store, IngestOptions(analyse=sys.argv[3] == "analyse", **workers))
elapsed = time.perf_counter() - started
store.close()
me, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(report.ingested, len(report.rejects), elapsed, me.ru_maxrss / 1024,
      me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime, children.ru_maxrss / 1024)
"""


BASELINES = """
import hashlib, json, sys, time
from newsprism.store import SQLiteStore
path, db = sys.argv[1], sys.argv[2]
started = time.perf_counter()
with open(path, encoding="utf-8") as handle:
    records = [json.loads(line) for line in handle]
read = time.perf_counter() - started
store = SQLiteStore(db)  # the store's own schema, migrated
connection = store._db
started = time.perf_counter()
for first in range(0, len(records), 500):
    rows = [
        (hashlib.sha256(r["maintext"].encode()).hexdigest()[:16], r["url"], r["title"],
         r["maintext"], r["date_publish"])
        for r in records[first : first + 500]
    ]
    connection.execute("BEGIN IMMEDIATE")
    (last,) = connection.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()
    connection.executemany(
        "INSERT INTO articles (id, url, title, text, published, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00+00:00')", rows)
    connection.execute(
        "INSERT INTO articles_fts (rowid, title, text) "
        "SELECT seq, title, text FROM articles WHERE seq > ?", (last,))
    connection.executemany(
        "INSERT INTO article_sources (article_id, url, seen_at) "
        "VALUES (?, ?, '2026-01-01T00:00:00+00:00')", [(r[0], r[1]) for r in rows])
    connection.execute("COMMIT")
bulk = time.perf_counter() - started
print(len(records), read, bulk)
"""


def baselines(source: Path, workdir: Path) -> dict[str, float]:
    """articles/s of reading the records and of the plain bulk insert (see the docstring)."""
    db = workdir / f"bulk-{time.monotonic_ns()}.db"
    result = subprocess.run(
        [sys.executable, "-c", BASELINES, str(source), str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"baselines: the child failed:\n{result.stderr}")
    count, read, bulk = (float(value) for value in result.stdout.split())
    rows = {"read": count / read, "sqlite-bulk": count / bulk}
    for label, rate in rows.items():
        print(json.dumps({"format": label, "articles": int(count), "articles_per_s": round(rate)}))
    return rows


def measure(
    label: str,
    source: Path,
    workdir: Path,
    analyse: bool,
    src: str | None = None,
    workers: int | None = None,
) -> dict[str, float | str]:
    db = workdir / f"{label}-{time.monotonic_ns()}.db"
    mode = "analyse" if analyse else "no-analyse"
    environment = dict(os.environ)
    if src is not None:  # another checkout's code, for a before/after pair in one run
        environment["PYTHONPATH"] = src
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(db),
            str(source),
            mode,
            "default" if workers is None else str(workers),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    if result.returncode != 0:
        sys.exit(f"{label}: the ingest child failed:\n{result.stderr}")
    ingested, rejected, elapsed, peak, cpu, worker_cpu, worker_peak = result.stdout.split()
    row = {
        "format": label,
        "analysis": analyse,
        "articles": int(ingested),
        "rejected": int(rejected),
        "seconds": round(float(elapsed), 2),
        "articles_per_s": round(int(ingested) / float(elapsed)),
        "peak_rss_mib": round(float(peak)),
        "cpu_s": round(float(cpu), 2),
        "worker_cpu_s": round(float(worker_cpu), 2),
        "worker_peak_rss_mib": round(float(worker_peak)),
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
    parser.add_argument("--before", help="another checkout's src folder, run side by side")
    parser.add_argument(
        "--workers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[None],
        help="comma-separated worker counts to run each JSONL ingest with (default: the default)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for count in (args.articles // 4, args.articles // 2, args.articles):
            sub = folder / f"jsonl-{count}"
            sub.mkdir()
            jsonl = make_jsonl(sub, count)
            limits = baselines(jsonl, folder)
            if args.before:
                before = measure(f"jsonl-{count}-before", jsonl, folder, args.analyse, args.before)
            for workers in args.workers:
                label = f"jsonl-{count}" + ("" if workers is None else f"-workers{workers}")
                row = measure(label, jsonl, folder, args.analyse, workers=workers)
                rate = float(row["articles_per_s"])
                ratios = {"ratio_to_bulk": rate / limits["sqlite-bulk"]}
                if args.before:
                    ratios["ratio_to_before"] = rate / float(before["articles_per_s"])
                print(json.dumps({"format": label} | {k: round(v, 2) for k, v in ratios.items()}))
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
