"""`newsprism eval clustering` on the example corpus, in file order and in shuffled orders.

    python bench/clustering_examples.py [--orders 10]

Writes the corpus as a `{"id","date","lang","title","text","cluster"}` stream (gold stories from
tests/data/example_stories.json) and prints one JSON line per order: BCubed, pairwise, clusters.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprism.cli.demo import examples_path
from newsprism.eval.clustering import evaluate_clustering
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore

GOLD = Path(__file__).parents[1] / "tests" / "data" / "example_stories.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=10)
    arguments = parser.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["stories"]
    store = MemoryStore()
    ingest([str(examples_path())], store, IngestOptions(analyse=False))
    records = [
        {
            "id": article.id,
            "date": article.published.isoformat() if article.published else None,
            "lang": article.language,
            "title": article.title,
            "text": article.text,
            "cluster": gold[article.id],
        }
        for article in store.articles()
    ]
    with tempfile.TemporaryDirectory() as folder:
        for order in range(arguments.orders):
            shuffled = list(records)
            if order:
                random.Random(order).shuffle(shuffled)
            path = Path(folder) / f"order{order}.jsonl"
            path.write_text(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in shuffled), "utf-8"
            )
            result = evaluate_clustering(path)
            print(
                json.dumps(
                    {
                        "order": "file" if order == 0 else f"shuffled {order}",
                        "bcubed_f1": result["bcubed"]["f1"],  # type: ignore[index]
                        "pairwise_f1": result["pairwise"]["f1"],  # type: ignore[index]
                        "gold": result["gold_clusters"],
                        "predicted": result["predicted_clusters"],
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
