"""Spark job speed: records per second per core on local[1] and local[2], the overhead
against the laptop pipeline on the same data, and agreement of their stories (BCubed).

    python bench/spark_scaling.py [--articles 20000] [--files 8]

Generated articles (bench/news_corpus.py) as news-please JSONL split over `--files` files.
Each configuration runs in its own process, pinned to as many cores as it may use (the local
pipeline and local[1] to one). Comparisons are off in all runs (the same per-story cost on
both sides). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.news_corpus import corpus


def write_corpus(folder: Path, articles: int, files: int) -> list[str]:
    stories = max(1, articles // 16)
    records = corpus(stories=stories, articles_per_story=(4, 28), seed=3)[:articles]
    paths = [folder / f"part-{i:03d}.jsonl" for i in range(files)]
    handles = [p.open("w", encoding="utf-8") for p in paths]
    for index, record in enumerate(records):
        record = {k: v for k, v in record.items() if k not in ("story", "made")}
        handles[index * files // len(records)].write(json.dumps(record, ensure_ascii=False) + "\n")
    for handle in handles:
        handle.close()
    return [str(p) for p in paths]


def run_local(paths: list[str], db: str) -> float:
    from newsprism.run import IngestOptions, ingest
    from newsprism.store import SQLiteStore

    store = SQLiteStore(db)
    started = time.perf_counter()
    ingest(paths, store, IngestOptions())
    seconds = time.perf_counter() - started
    store.close()
    return seconds


def run_spark(paths: list[str], output: str, master: str) -> float:
    from newsprism.jobs.spark.job import SparkJobOptions, run_job
    from newsprism.jobs.spark.session import spark_session

    spark = spark_session(master)
    started = time.perf_counter()
    run_job(spark, paths, output, SparkJobOptions(compare=False))
    seconds = time.perf_counter() - started
    spark.stop()
    return seconds


def agreement(db: str, output: str) -> dict[str, float]:
    from newsprism.eval.clustering import bcubed
    from newsprism.jobs.spark import tables
    from newsprism.jobs.spark.importer import table_dataset
    from newsprism.store import SQLiteStore

    store = SQLiteStore(db, readonly=True)
    local = {a.id: store.resolve_story_id(store.story_of(a.id) or "") for a in store.articles()}
    rows = table_dataset(Path(output), tables.STORY_ARTICLES).to_table().to_pylist()
    spark = {r["article_id"]: r["story_id"] for r in rows}
    scores = bcubed(spark, local)
    return {"precision": scores.precision, "recall": scores.recall, "f1": scores.f1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--part", default=None, help=argparse.SUPPRESS)  # one configuration
    parser.add_argument("--folder", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part is not None:
        # Pin the whole configuration (Python driver, the JVM and its Python workers inherit
        # it) to as many cores as the master has, so that local[1] cannot borrow the second
        # core for the JVM's share of the work and flatter the per-core baseline.
        inside = args.part.removeprefix("local[").removesuffix("]")
        cores = 1 if args.part == "local" else int(inside)
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:cores]))
        folder = Path(args.folder)
        paths = sorted(str(p) for p in folder.glob("part-*.jsonl"))
        if args.part == "local":
            seconds = run_local(paths, str(folder / "local.db"))
        else:
            seconds = run_spark(paths, str(folder / f"out-{args.part}"), args.part)
        print(json.dumps({"seconds": seconds}))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(folder, args.articles, args.files)
        timings: dict[str, float] = {}
        for part in ("local", "local[1]", "local[2]"):
            done = subprocess.run(
                [sys.executable, __file__, "--part", part, "--folder", str(folder)],
                capture_output=True,
                text=True,
                check=True,
                env=os.environ | {"PYTHONHASHSEED": "0"},
            )
            timings[part] = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
        n = args.articles
        one = n / timings["local[1]"]
        two = n / timings["local[2]"] / 2
        print(
            json.dumps(
                {
                    "articles": n,
                    "files": args.files,
                    "local_pipeline_per_s": round(n / timings["local"], 1),
                    "spark_local1_per_s_per_core": round(one, 1),
                    "spark_local2_per_s_per_core": round(two, 1),
                    "scaling_efficiency": round(two / one, 3),
                    "spark_overhead_vs_local": round(timings["local[1]"] / timings["local"], 3),
                    "seconds": {k: round(v, 1) for k, v in timings.items()},
                    "stories_bcubed_spark_vs_local": agreement(
                        str(folder / "local.db"), str(folder / "out-local[1]")
                    ),
                    "cores": os.cpu_count(),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
