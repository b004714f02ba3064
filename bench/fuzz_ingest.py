"""Fuzzing campaign over `newsprism ingest`: malformed inputs of every kind, several seeds.

For each seed a folder of malformed files (JSON, JSONL, HTML, RSS/Atom, text, Parquet, WARC)
plus good articles is ingested by the real command in a child process, with a time limit.
Prints, per seed and in total: inputs, how many became articles or rejects (by reason), inputs
without an outcome, tracebacks (crashes), time-outs (hangs) and stored control characters.

    python bench/fuzz_ingest.py --seeds 10 --rounds 25 [--json]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the generator lives with the tests

from tests.run.fuzzing import FORBIDDEN, write_corpus  # noqa: E402


def campaign(seed: int, rounds: int, timeout: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "in"
        bad, good = write_corpus(folder, seed, rounds)
        db = Path(scratch) / "fuzz.db"
        started = time.perf_counter()
        command = [sys.executable, "-c", "from newsprism.cli.main import main; main()"]
        command += ["--db", str(db), "--quiet"]
        try:
            result = subprocess.run(
                [*command, "ingest", str(folder)], capture_output=True, text=True, timeout=timeout
            )
            hang, crashed, status = 0, int("Traceback" in result.stderr), result.returncode
        except subprocess.TimeoutExpired:
            hang, crashed, status = 1, 0, -1
        seconds = time.perf_counter() - started
        connection = sqlite3.connect(db)
        connection.text_factory = lambda raw: raw.decode("utf-8", "surrogateescape")
        stored = {
            Path(r[0]).name for r in connection.execute("SELECT source_path FROM article_sources")
        }
        reasons = Counter(r[0] for r in connection.execute("SELECT reason FROM rejects"))
        rejected = {Path(r[0]).name for r in connection.execute("SELECT source FROM rejects")}
        texts = [
            value
            for row in connection.execute(
                "SELECT text, coalesce(title, ''), coalesce(url, ''), coalesce(outlet, '') "
                "FROM articles"
            )
            for value in row
        ]
        connection.close()
    names = [p.name for p in [*bad, *good]]
    return {
        "seed": seed,
        "inputs": len(names),
        "good_inputs": len(good),
        "good_stored": sum(p.name in stored for p in good),
        "with_articles": sum(n in stored for n in names),
        "with_rejects": sum(n in rejected for n in names),
        "without_outcome": sum(n not in stored | rejected for n in names),
        "rejects_by_reason": dict(sorted(reasons.items())),
        "exit_status": status,
        "crashes": crashed,
        "hangs": hang,
        "stored_control_characters": sum(any(c in t for c in FORBIDDEN) for t in texts),
        "seconds": round(seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=25, help="rounds of inputs per seed")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per seed")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    runs = [campaign(seed, options.rounds, options.timeout) for seed in range(options.seeds)]
    total = {
        key: sum(int(run[key]) for run in runs)  # type: ignore[call-overload]
        for key in (
            "inputs",
            "good_inputs",
            "good_stored",
            "without_outcome",
            "crashes",
            "hangs",
            "stored_control_characters",
        )
    }
    reasons: Counter[str] = Counter()
    for run in runs:
        reasons.update(run["rejects_by_reason"])  # type: ignore[arg-type]
    summary = {"runs": runs, "total": total, "rejects_by_reason": dict(sorted(reasons.items()))}
    if options.json:
        print(json.dumps(summary, indent=2))
        return
    for run in runs:
        print(
            f"seed {run['seed']}: {run['inputs']} inputs, {run['without_outcome']} without "
            f"outcome, {run['crashes']} crashes, {run['hangs']} hangs, exit {run['exit_status']}, "
            f"{run['seconds']} s"
        )
    print("total:", json.dumps(total))
    print("rejects by reason:", json.dumps(summary["rejects_by_reason"]))


if __name__ == "__main__":
    main()
