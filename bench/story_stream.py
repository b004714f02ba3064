"""A synthetic news stream for clustering speed and quality: features only, no text.

    python bench/story_stream.py [--sizes 10000,100000,1000000] [--per-day 3500] [--windows 7]

Stories start at random times over as many days as it takes at `per_day` articles a day (so
the number of active stories is the same at every size); their sizes follow a Zipf law (most
stories have one or two articles, a few have hundreds); each story has its own names, numbers
and topic words,
and shares popular names ("Berlin", "Bundesregierung") and general words with every other
story. Articles of a story come over one to five days, arrive slightly out of order, and 5 %
have no date. The clusterer gets `ArticleFeatures` directly, so the figure is assignment alone.
Prints one JSON line per size: articles/s, BCubed, stories, and time per 10k articles.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprism.cluster.features import ArticleFeatures
from newsprism.cluster.online import OnlineClusterer
from newsprism.eval.clustering import bcubed

START = datetime(2026, 1, 5, tzinfo=UTC)


def _zipf_size(rng: random.Random, exponent: float = 2.0, cap: int = 400) -> int:
    while True:
        size = int(rng.paretovariate(exponent - 1))
        if 1 <= size <= cap:
            return size


def stream(count: int, days: int = 28, seed: int = 5) -> Iterator[tuple[ArticleFeatures, str]]:
    """(features, gold story) in arrival order."""
    rng = random.Random(seed)
    general = [f"wort{i}" for i in range(5000)]
    popular_names = [f"n:beliebt{i}" for i in range(200)]
    events: list[tuple[datetime, ArticleFeatures, str]] = []
    story = 0
    while len(events) < count:
        story += 1
        size = min(_zipf_size(rng), count - len(events))
        start = START + timedelta(seconds=rng.uniform(0, days * 86400))
        topic = [f"thema{story}x{i}" for i in range(12)]
        names = [f"p:person{story}x{i}" for i in range(rng.randint(1, 3))]
        names += [f"n:ort{story}x{i}" for i in range(rng.randint(1, 2))]
        shared = rng.sample(popular_names, 2)
        numbers = [str(rng.randint(100, 99999)) for _ in range(rng.randint(0, 3))]
        language = "de" if rng.random() < 0.9 else "en"
        for number in range(size):
            moment = start + timedelta(hours=min(rng.expovariate(1 / 30), 120.0))
            terms: dict[str, float] = {}
            for term in rng.sample(topic, rng.randint(4, 9)):
                terms[term] = float(rng.randint(1, 4))
            for term in rng.sample(general, rng.randint(25, 60)):
                terms[term] = terms.get(term, 0.0) + 1.0
            article_names = {
                name: float(rng.randint(1, 3))
                for name in rng.sample(names, max(1, len(names) - rng.randint(0, 1)))
            }
            for name in shared:
                if rng.random() < 0.5:
                    article_names[name] = 1.0
            for name in rng.sample(popular_names, 2):
                article_names[name] = 1.0
            article_language = (
                language if rng.random() < 0.97 else ("en" if language == "de" else "de")
            )
            if article_language != language:
                terms = {f"en{term}": weight for term, weight in terms.items()}
            features = ArticleFeatures(
                article_id=f"a{story}x{number}",
                published=None if rng.random() < 0.05 else moment,
                language=article_language,
                terms=terms,
                names=article_names,
                numbers=frozenset(n for n in numbers if rng.random() < 0.6),
                title=f"Story {story}",
            )
            arrival = moment + timedelta(minutes=rng.uniform(-90, 90))
            events.append((arrival, features, f"s{story}"))
    events.sort(key=lambda event: event[0])
    for _, features, gold in events[:count]:
        yield features, gold


def measure(count: int, per_day: int, window_days: float = 7.0) -> dict[str, object]:
    days = max(1, round(count / per_day))
    items = list(stream(count, days=days))
    # The generated stream is held in memory only for the benchmark (ingest never holds it):
    # keep the cyclic garbage collector from walking a million feature objects again and again.
    gc.collect()
    gc.freeze()
    clusterer = OnlineClusterer(window=timedelta(days=window_days))
    predicted: dict[str, str] = {}
    gold = {features.article_id: story for features, story in items}
    checkpoints: list[float] = []
    started = time.perf_counter()
    for first in range(0, len(items), 1000):
        assignments, _ = clusterer.partial_fit(
            [features for features, _ in items[first : first + 1000]]
        )
        for assignment in assignments:
            predicted[assignment.article_id] = assignment.story_id
        if (first + 1000) % 10_000 == 0:
            checkpoints.append(time.perf_counter() - started)
    seconds = time.perf_counter() - started
    final = {article: clusterer.story_of(story) for article, story in predicted.items()}
    score = bcubed(final, gold)
    gc.unfreeze()
    per_10k = [round(b - a, 2) for a, b in zip([0.0, *checkpoints], checkpoints, strict=False)]
    return {
        "articles": len(items),
        "days": days,
        "window_days": window_days,
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(items) / seconds),
        "seconds_per_10k_first_last": [per_10k[0], per_10k[-1]] if per_10k else None,
        "gold_stories": len(set(gold.values())),
        "predicted_stories": len(set(final.values())),
        "bcubed": {"precision": score.precision, "recall": score.recall, "f1": score.f1},
        "active_stories_at_end": len(clusterer.stories_),
        "index_keys_at_end": len(clusterer.index_),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--per-day", type=int, default=3500)
    parser.add_argument("--windows", default="7", help="dormancy windows in days, e.g. 1,3,7,14")
    arguments = parser.parse_args()
    for size in (int(part) for part in arguments.sizes.split(",")):
        for window in (float(part) for part in arguments.windows.split(",")):
            print(json.dumps(measure(size, arguments.per_day, window)), flush=True)


if __name__ == "__main__":
    main()
