"""How long `newsprism` takes to start, against a bare Python start-up in the same run.

    python bench/startup.py [--repeat 7]

Prints one JSON line per command: the median wall seconds of `--repeat` runs and the ratio to
`python -c pass` (the floor no command can go below). Goals:
`--version` and `--help` ≤ 0.15 s, `stories` on a small database ≤ 0.3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprism.cli.demo import examples_path

CLI = [sys.executable, "-c", "from newsprism.cli.main import main; main()"]


def median_seconds(command: list[str], repeat: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env=env, timeout=120)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "NEWSPRISM_DB": str(Path(folder) / "small.db")}
        subprocess.run(
            [*CLI, "-q", "ingest", str(examples_path())], capture_output=True, check=True, env=env
        )
        floor = median_seconds([sys.executable, "-c", "pass"], arguments.repeat, env)
        print(json.dumps({"command": "python -c pass", "seconds": round(floor, 3)}), flush=True)
        for args, goal in ((["--version"], 0.15), (["--help"], 0.15), (["stories"], 0.3)):
            seconds = median_seconds([*CLI, *args], arguments.repeat, env)
            print(
                json.dumps(
                    {
                        "command": "newsprism " + " ".join(args),
                        "seconds": round(seconds, 3),
                        "ratio_to_python": round(seconds / floor, 1),
                        "goal": goal,
                        "ratio_to_goal": round(seconds / goal, 2),
                        "load_average_1min": round(os.getloadavg()[0], 2),
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
