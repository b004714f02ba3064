"""A seeded stream of article features with the shapes that stress the clusterer's state:
stories over many weeks (so stories go dormant and pruning runs), twin stories that later
merge, articles that arrive days late (revival), undated articles, and shared names; with
`dimensions`, most articles also carry a vector by meaning near their story's direction
(candidates by meaning, cluster/neighbours.py)."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

from newsprism.cluster.features import ArticleFeatures

START = datetime(2026, 1, 5, 6, tzinfo=UTC)


def _vocabulary(rng: random.Random, size: int, prefix: str) -> list[str]:
    syllables = ("ba", "ke", "lo", "mu", "ri", "sa", "te", "wo", "zu", "fa", "ne", "po")
    words: set[str] = set()
    while len(words) < size:
        words.add(prefix + "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _direction(rng: random.Random, dimensions: int, near: list[float] | None = None) -> list[float]:
    values = [rng.gauss(0, 1) + (2 * near[i] if near else 0.0) for i in range(dimensions)]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [v / norm for v in values]


def feature_stream(count: int = 2600, seed: int = 3, dimensions: int = 0) -> list[ArticleFeatures]:
    """About `count` articles of a few hundred stories over ~70 days, in arrival order.

    dimensions: the length of the article vectors (0: none). Vectors come from a random source
    of their own, so the rest of the stream is the same with and without them."""
    rng = random.Random(seed)
    vectors = random.Random(seed + 1000)
    directions: dict[int, list[float]] = {}
    background = _vocabulary(rng, 2500, "")
    weights = [1.0 / (rank + 1) for rank in range(len(background))]
    people = [f"p:{name}" for name in _vocabulary(rng, 400, "P")]
    places = [f"n:{name}" for name in _vocabulary(rng, 150, "O")]
    topics: list[tuple[list[str], list[str], list[str], datetime, float]] = []
    while len(topics) * 9 < count:
        terms = rng.sample(background[200:], 14)
        names = [*rng.sample(people, 3), rng.choice(places)]  # places recur across stories
        numbers = [str(rng.randint(11, 99_999)) for _ in range(2)] + [f"y{rng.randint(2020, 2027)}"]
        begin = START + timedelta(hours=rng.uniform(0, 70 * 24))
        topics.append((terms, names, numbers, begin, rng.uniform(0.5, 9)))
        if rng.random() < 0.25:  # a twin: the same event told with other words, a bit later
            twin_terms = terms[:7] + rng.sample(background[200:], 7)
            later = begin + timedelta(hours=rng.uniform(1, 30))
            topics.append((twin_terms, [*names[:2], rng.choice(people)], numbers, later, 3.0))
    articles: list[tuple[datetime, ArticleFeatures]] = []
    for number in range(count):
        topic = rng.choice(topics)
        terms, names, numbers, begin, days = topic
        embedding = None
        if dimensions and vectors.random() < 0.8:
            if id(topic) not in directions:  # the topics live as long as `directions`
                directions[id(topic)] = _direction(vectors, dimensions)
            direction = directions[id(topic)]
            embedding = tuple(_direction(vectors, dimensions, near=direction))
        published = begin + timedelta(hours=rng.uniform(0, days * 24))
        counts: dict[str, float] = {}
        for term in rng.sample(terms, rng.randint(5, 10)):
            counts[term] = counts.get(term, 0.0) + rng.choice((1.0, 1.0, 2.0, 3.0))
        for term in rng.choices(background, weights=weights, k=rng.randint(15, 40)):
            counts[term] = counts.get(term, 0.0) + 1.0
        found = {name: float(rng.randint(1, 3)) for name in rng.sample(names, rng.randint(1, 3))}
        if rng.random() < 0.3:
            found[rng.choice(people)] = 1.0
        features = ArticleFeatures(
            article_id=f"{seed:02d}{number:06d}",
            published=published,
            language="de",
            terms=counts,
            names=found,
            name_labels={key: key[2:].title() for key in found},
            numbers=frozenset(rng.sample(numbers, rng.randint(0, 3))),
            title=" ".join(rng.sample(terms, 3)).title(),
            embedding=embedding,
        )
        arrival = published
        if rng.random() < 0.06:  # reaches us days late: its stories have gone dormant
            arrival += timedelta(days=rng.uniform(8, 25))
        elif rng.random() < 0.03:  # no date at all
            features.published = None
        articles.append((arrival, features))
    articles.sort(key=lambda pair: pair[0])
    return [features for _, features in articles]
