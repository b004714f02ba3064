"""How often near-duplicate detection links real article pairs, by their human similarity.

    python bench/near_duplicates_semeval.py [--data PATH/training_set.csv]

The default path is ../shared/data/semeval2022-task8-hfl-sample/training_set.csv.

SemEval-2022 Task 8 pairs carry an `Overall` score (1 = same story … 4 = unrelated). Pairs about
the same story by different outlets are usually independent reports, not copies, so a good
detector links few of them and none of the unrelated ones. Prints one JSON line per score band
(pairs, linked, link rate, mean estimated Jaccard). Exits quietly if the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprism.dedup import MemorySignatureIndex, NearDuplicateDetector

DEFAULT = Path(__file__).resolve().parent.parent.parent / (
    "shared/data/semeval2022-task8-hfl-sample/training_set.csv"
)


def band(overall: float) -> str:
    if overall <= 1.5:
        return "1-1.5 same story"
    if overall < 3.5:
        return "1.5-3.5 related"
    return "3.5-4 unrelated"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.data.exists():
        print(json.dumps({"skipped": f"{args.data} not found"}))
        return
    csv.field_size_limit(1 << 30)
    stats: dict[str, list[float]] = defaultdict(list)
    linked: dict[str, int] = defaultdict(int)
    with args.data.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["lang1"] != row["lang2"] or not row["text1"] or not row["text2"]:
                continue
            detector = NearDuplicateDetector(MemorySignatureIndex())
            detector.insert("a", row["text1"])
            link = detector.query("b", row["text2"])
            key = band(float(row["Overall"]))
            a = detector.signature("a", row["text1"])
            b = detector.signature("b", row["text2"])
            stats[key].append(a.jaccard(b))
            linked[key] += link is not None
    for key in sorted(stats):
        values = stats[key]
        print(
            json.dumps(
                {
                    "overall": key,
                    "pairs": len(values),
                    "linked": linked[key],
                    "link_rate": round(linked[key] / len(values), 4),
                    "mean_jaccard": round(sum(values) / len(values), 4),
                }
            )
        )


if __name__ == "__main__":
    main()
