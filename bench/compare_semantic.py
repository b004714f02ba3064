"""Time to compare one story of 20 articles by meaning, cold and with cached vectors.

    python bench/compare_semantic.py [--articles 20] [--repeat 5]

Goal: a 20-article story compares in ≤ 2 s cold (no vector in
the store: every unit and sentence encoded) and ≤ 0.2 s with cached vectors. Both include
the analysis of the articles, as `compare_articles` always analyses; the sentence encoder is
loaded before timing (its one-off load is printed on its own).

Articles: the example corpus's bridge-closure texts, repeated with small edits to reach the
count (so they share facts as a story's articles do), one outlet each, as in
bench/compare_speed.py. Prints one JSON object: median wall and CPU seconds of each, the
ratio to its goal (under 1 is met), the analysis alone, and the load average at the start.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprism.analyse.annotate import analyse_articles
from newsprism.analyse.encoder import default_encoder
from newsprism.analyse.pipeline import default_pipeline
from newsprism.cli.demo import examples_path
from newsprism.compare.story import compare_articles
from newsprism.model.article import Article
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore

COLD_GOAL = 2.0
WARM_GOAL = 0.2


def story(count: int) -> list[Article]:
    store = MemoryStore()
    ingest([str(examples_path())], store, IngestOptions(analyse=False, cluster=False))
    bridge = [
        a for a in store.articles() if "Lindenbrücke" in a.text or "Brücke" in (a.title or "")
    ]
    articles: list[Article] = []
    while len(articles) < count:
        source = bridge[len(articles) % len(bridge)]
        edited = source.text.replace("Dienstag", "Mittwoch") + f"\nNachtrag {len(articles)}."
        articles.append(
            Article.from_text(edited, outlet=f"outlet{len(articles)}.de", title=source.title)
        )
    return articles


def timed(work: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each run."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    load = os.getloadavg()[0]
    articles = story(arguments.articles)
    default_pipeline().analyse("Warm-up.", "de")
    started = time.perf_counter()
    default_encoder().load()
    model_load = time.perf_counter() - started
    compare_articles(articles[:2])  # first-use costs of the stages, not of this story
    cold_wall, cold_cpu = timed(
        lambda: compare_articles(articles, store=MemoryStore()), arguments.repeat
    )
    cache = MemoryStore()
    compare_articles(articles, store=cache)
    warm_wall, warm_cpu = timed(lambda: compare_articles(articles, store=cache), arguments.repeat)
    analysis_wall, _ = timed(lambda: analyse_articles(articles), arguments.repeat)
    result = compare_articles(articles, store=cache).comparison
    cold, warm = statistics.median(cold_wall), statistics.median(warm_wall)
    print(
        json.dumps(
            {
                "articles": len(articles),
                "load_average_1min": round(load, 2),
                "model_load_seconds": round(model_load, 3),
                "cold_seconds": round(cold, 3),
                "cold_cpu_seconds": round(statistics.median(cold_cpu), 3),
                "cold_ratio_to_goal": round(cold / COLD_GOAL, 2),
                "warm_seconds": round(warm, 3),
                "warm_cpu_seconds": round(statistics.median(warm_cpu), 3),
                "warm_ratio_to_goal": round(warm / WARM_GOAL, 2),
                "analysis_alone_seconds": round(statistics.median(analysis_wall), 3),
                "facts": len(result.facts),
                "shared_facts": sum(1 for f in result.facts if len(f.voices) > 1),
            }
        )
    )


if __name__ == "__main__":
    main()
