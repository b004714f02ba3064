"""`newsprism eval clustering` on the example corpus, in file order and in shuffled orders.

    python bench/clustering_examples.py [--orders 10] [--gold examples|facts|both] [--embeddings]

Writes the corpus as a `{"id","date","lang","title","text","cluster"}` stream and prints one
JSON line per order: BCubed, pairwise, clusters. `--gold examples` (the default): the example
corpus, gold stories from tests/data/example_stories.json; `facts`: the nine stories of the
fact gold (tests/data/facts_gold.json: German and English articles of one event each, an
agency text with reprints, commentaries); `both`: the two streams as one. `--embeddings`: with
the article vector by meaning (`LeadEmbedder`) as `--embeddings` gives it.
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
from newsprism.cluster.embeddings import LeadEmbedder
from newsprism.eval.clustering import evaluate_clustering
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore

GOLD = Path(__file__).parents[1] / "tests" / "data" / "example_stories.json"
FACTS = Path(__file__).parents[1] / "tests" / "data" / "facts_gold.json"


def example_records() -> list[dict[str, object]]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["stories"]
    store = MemoryStore()
    ingest([str(examples_path())], store, IngestOptions(analyse=False))
    return [
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


def fact_gold_records() -> list[dict[str, object]]:
    stories = json.loads(FACTS.read_text(encoding="utf-8"))["stories"]
    return [
        {
            "id": f"{story['story']}/{key}",
            "date": article["published"],
            "lang": article["language"],
            "title": article["title"],
            "text": article["text"],
            "cluster": "facts:" + story["story"],
        }
        for story in stories
        for key, article in story["articles"].items()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=10)
    parser.add_argument("--gold", choices=("examples", "facts", "both"), default="examples")
    parser.add_argument("--embeddings", action="store_true")
    arguments = parser.parse_args()
    records = []
    if arguments.gold in {"examples", "both"}:
        records.extend(example_records())
    if arguments.gold in {"facts", "both"}:
        records.extend(fact_gold_records())
    embedder = LeadEmbedder() if arguments.embeddings else None
    with tempfile.TemporaryDirectory() as folder:
        for order in range(arguments.orders):
            shuffled = list(records)
            if order:
                random.Random(order).shuffle(shuffled)
            path = Path(folder) / f"order{order}.jsonl"
            path.write_text(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in shuffled), "utf-8"
            )
            result = evaluate_clustering(path, embedder=embedder)
            print(
                json.dumps(
                    {
                        "gold": arguments.gold,
                        "embeddings": arguments.embeddings,
                        "order": "file" if order == 0 else f"shuffled {order}",
                        "bcubed_f1": result["bcubed"]["f1"],  # type: ignore[index]
                        "pairwise_f1": result["pairwise"]["f1"],  # type: ignore[index]
                        "gold_stories": result["gold_clusters"],
                        "predicted": result["predicted_clusters"],
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
