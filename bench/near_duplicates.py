"""Near-duplicate detection: precision and recall on generated copies with 0–30 % edits.

    python bench/near_duplicates.py [--originals 1000] [--threshold 0.5]

Each original gets copies edited by 0, 5, 10, 20 and 30 % of its words (replaced words, cut
sentences, added sentences, mixed at random) plus shortened copies (first 40–80 % of the text).
Distinct originals share vocabulary (a Zipf law over one word list), so unrelated pairs are
not trivially far apart. A copy counts as found when it is linked to its own original or to
another copy of the same original. Prints one JSON line per edit level and a total.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import article_text, edit
from newsprism.dedup import MemorySignatureIndex, NearDuplicateDetector

LEVELS = (0.0, 0.05, 0.10, 0.20, 0.30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--originals", type=int, default=1000)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--containment", type=float, default=0.8)
    parser.add_argument("--words", type=int, default=400)
    args = parser.parse_args()

    rng = random.Random(42)
    family: dict[str, int] = {}
    level_of: dict[str, str] = {}
    documents: list[tuple[str, str]] = []
    for number in range(args.originals):
        original = article_text(10_000 + number, words=args.words)
        documents.append((f"o{number}", original))
        family[f"o{number}"] = number
        for level in LEVELS:
            key = f"c{number}-{level}"
            documents.append((key, edit(original, level, seed=rng.randrange(1 << 30))))
            family[key], level_of[key] = number, f"edit {int(level * 100)}%"
        paragraphs = original.split("\n")
        keep = max(1, round(len(paragraphs) * rng.uniform(0.4, 0.8)))
        key = f"s{number}"
        documents.append((key, "\n".join(paragraphs[:keep])))
        family[key], level_of[key] = number, "shortened 40-80%"
    # Originals first, copies later and shuffled: copies arrive after what they copy.
    originals = [d for d in documents if d[0].startswith("o")]
    copies = [d for d in documents if not d[0].startswith("o")]
    rng.shuffle(copies)

    detector = NearDuplicateDetector(
        MemorySignatureIndex(), threshold=args.threshold, containment_threshold=args.containment
    )
    started = time.perf_counter()
    links = {}
    for key, text in originals + copies:
        link = detector.insert(key, text)
        if link is not None:
            links[key] = link.copy_of
    elapsed = time.perf_counter() - started

    found: dict[str, list[bool]] = defaultdict(list)
    false_links = 0
    for key, _ in originals + copies:
        linked = links.get(key)
        if key in level_of:
            found[level_of[key]].append(linked is not None and family[linked] == family[key])
        if linked is not None and family[linked] != family[key]:
            false_links += 1
    for level, hits in sorted(found.items()):
        print(
            json.dumps({"copies": level, "n": len(hits), "recall": round(sum(hits) / len(hits), 4)})
        )
    total_links = len(links)
    all_hits = [h for hits in found.values() for h in hits]
    print(
        json.dumps(
            {
                "documents": len(documents),
                "threshold": args.threshold,
                "containment_threshold": args.containment,
                "precision": round((total_links - false_links) / total_links, 4)
                if total_links
                else 1.0,
                "recall": round(sum(all_hits) / len(all_hits), 4),
                "false_links": false_links,
                "originals_linked_to_anything": sum(1 for k, _ in originals if k in links),
                "docs_per_s": round(len(documents) / elapsed),
            }
        )
    )


if __name__ == "__main__":
    main()
