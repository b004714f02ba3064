"""Story clustering against gold: a JSONL stream, and SemEval-2022 Task 8 article pairs.

Scores are computed from the contingency table of predicted × gold clusters, so they cost
O(articles), not O(articles²):

- BCubed: for each article, precision = |its predicted cluster ∩ its gold cluster| / |predicted
  cluster|, recall = the same over |gold cluster|; averaged over articles.
- Pairwise: precision = pairs together in both / pairs together in the prediction, recall = pairs
  together in both / pairs together in gold.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from newsprism.analyse.annotate import analyse_articles
from newsprism.analyse.document import Document
from newsprism.cluster.embeddings import Embedder, embedding_text
from newsprism.cluster.features import ArticleFeatures, article_features
from newsprism.cluster.online import OnlineClusterer
from newsprism.errors import ConfigError, InputRejected, RejectReason, StageFailed
from newsprism.eval.entities import PRF
from newsprism.model.article import Article

BATCH = 100


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    date: datetime | None
    lang: str | None
    title: str
    text: str
    cluster: str


def read_stream(path: Path) -> Iterator[GoldArticle]:
    """`{"id","date","lang","title","text","cluster"}` per line; a bad line names file and line."""
    try:
        lines = path.open(encoding="utf-8")
    except OSError as error:
        raise InputRejected(RejectReason.NOT_FOUND, str(path), str(error)) from error
    with lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield GoldArticle(
                    id=str(record["id"]),
                    date=_date(record.get("date")),
                    lang=record.get("lang"),
                    title=str(record.get("title") or ""),
                    text=str(record["text"]),
                    cluster=str(record["cluster"]),
                )
            except (ValueError, KeyError, TypeError) as error:
                raise InputRejected(
                    RejectReason.BAD_RECORD,
                    str(path),
                    f"line {number}: {type(error).__name__}: {error}",
                    f"line {number}",
                ) from error


def _date(value: object) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def contingency(
    predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]
) -> tuple[Counter[tuple[Hashable, Hashable]], Counter[Hashable], Counter[Hashable]]:
    cells: Counter[tuple[Hashable, Hashable]] = Counter()
    for item, label in gold.items():
        cells[(predicted[item], label)] += 1
    sizes_predicted: Counter[Hashable] = Counter(predicted[item] for item in gold)
    sizes_gold: Counter[Hashable] = Counter(gold.values())
    return cells, sizes_predicted, sizes_gold


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> PRF:
    cells, sizes_predicted, sizes_gold = contingency(predicted, gold)
    total = len(gold)
    if not total:
        return PRF.of(0, 0, 0)
    precision = sum(n * n / sizes_predicted[p] for (p, _), n in cells.items()) / total
    recall = sum(n * n / sizes_gold[g] for (_, g), n in cells.items()) / total
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(
        round(precision, 4), round(recall, 4), round(f1, 4), len(sizes_gold), len(sizes_predicted)
    )


def pairwise(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> PRF:
    cells, sizes_predicted, sizes_gold = contingency(predicted, gold)
    together = sum(math.comb(n, 2) for n in cells.values())
    return PRF.of(
        together,
        sum(math.comb(n, 2) for n in sizes_gold.values()),
        sum(math.comb(n, 2) for n in sizes_predicted.values()),
    )


def evaluate_clustering(
    path: Path,
    make_clusterer: Callable[[], OnlineClusterer] = OnlineClusterer,
    embedder: Embedder | None = None,
) -> dict[str, object]:
    """Feed the stream in file order (analysis, then clustering) and score against gold."""
    clusterer = make_clusterer()
    gold: dict[str, str] = {}
    predicted: dict[str, str] = {}
    failures = Failures()
    analysis_seconds = clustering_seconds = 0.0
    batch: list[GoldArticle] = []
    started = time.perf_counter()

    def flush() -> None:
        nonlocal analysis_seconds, clustering_seconds
        articles = [_article(item) for item in batch]
        stage = time.perf_counter()
        analysed = analyse_articles(articles)
        found = {
            item.id: failures.features_of(article, document, item.id)
            for item, article, (document, _) in zip(batch, articles, analysed, strict=True)
        }
        for item_id, item_features in found.items():
            if item_features is None:  # scored as a story of its own: what a user would see
                predicted[item_id] = f"failed-{item_id}"
        kept = [(a, f) for a, f in zip(articles, found.values(), strict=True) if f is not None]
        features = [f for _, f in kept]
        _embed(embedder, [a for a, _ in kept], features)
        analysis_seconds += time.perf_counter() - stage
        stage = time.perf_counter()
        assignments, _ = clusterer.partial_fit(features)
        clustering_seconds += time.perf_counter() - stage
        for assignment in assignments:
            predicted[assignment.article_id] = assignment.story_id
        batch.clear()

    for item in read_stream(path):
        if item.id in gold:
            raise InputRejected(RejectReason.BAD_RECORD, str(path), f"id {item.id!r} occurs twice")
        gold[item.id] = item.cluster
        batch.append(item)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    seconds = time.perf_counter() - started
    final = {article: clusterer.story_of(story) for article, story in predicted.items()}
    b3 = bcubed(final, gold)
    pairs = pairwise(final, gold)
    return {
        "data": str(path),
        "articles": len(gold),
        "gold_clusters": len(set(gold.values())),
        "predicted_clusters": len(set(final.values())),
        "bcubed": {"precision": b3.precision, "recall": b3.recall, "f1": b3.f1},
        "pairwise": {"precision": pairs.precision, "recall": pairs.recall, "f1": pairs.f1},
        "articles_per_second": round(len(gold) / seconds, 1) if seconds else None,
        "clustering_articles_per_second": round(len(gold) / clustering_seconds, 1)
        if clustering_seconds
        else None,
        "analysis_seconds": round(analysis_seconds, 2),
        **failures.as_dict(),
    }


@dataclass(slots=True)
class Failures:
    """Articles a stage failed on, counted in the output rather than ending the evaluation."""

    analysis: int = 0  # analysed in part: a stage failed, the earlier ones' layers are used
    features: int = 0  # no features: left out of clustering
    examples: list[str] = field(default_factory=list)

    def features_of(
        self, article: Article, document: Document, article_id: str
    ) -> ArticleFeatures | None:
        if document.failure is not None:
            self.analysis += 1
            self._note(article_id, document.failure)
        try:
            return _renamed(article_features(article, document), article_id)
        except Exception as error:  # counted; the evaluation goes on
            self.features += 1
            self._note(article_id, StageFailed("features", article_id, error))
            return None

    def _note(self, article_id: str, failure: StageFailed) -> None:
        if len(self.examples) < 10:
            self.examples.append(f"{article_id}: stage {failure.stage!r}: {failure.reason}")

    def as_dict(self) -> dict[str, object]:
        return {
            "failed": {
                "analysis": self.analysis,
                "features": self.features,
                "examples": self.examples,
            }
        }


def _embed(
    embedder: Embedder | None, articles: Sequence[Article], features: Sequence[ArticleFeatures]
) -> None:
    if embedder is None or not articles:
        return
    vectors = embedder.encode([embedding_text(a.title, a.text) for a in articles])
    for item, vector in zip(features, vectors, strict=True):
        item.embedding = tuple(float(v) for v in vector)


def _article(item: GoldArticle) -> Article:
    return Article.from_text(
        item.text,
        title=item.title or None,
        outlet="eval",
        published=item.date,
        language=item.lang,
    )


def _renamed(features: ArticleFeatures, article_id: str) -> ArticleFeatures:
    """Gold ids, not content ids: two gold items may share a text."""
    features.article_id = article_id
    return features


# -- SemEval-2022 Task 8 pairs ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldPair:
    pair_id: str
    first: str
    second: str
    overall: float


def read_pairs(
    path: Path, languages: Sequence[tuple[str, str]] | None
) -> tuple[list[GoldPair], dict[str, tuple[str, str]]]:
    """Pairs of the chosen language combinations and the texts (id → (language, text))."""
    csv.field_size_limit(sys.maxsize)
    pairs: list[GoldPair] = []
    texts: dict[str, tuple[str, str]] = {}
    wanted = {tuple(sorted(pair)) for pair in languages} if languages else None
    seen: Counter[str] = Counter()
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise InputRejected(RejectReason.NOT_FOUND, str(path), str(error)) from error
    with handle:
        reader = csv.DictReader(handle)
        missing = {"pair_id", "lang1", "lang2", "text1", "text2", "Overall"} - set(
            reader.fieldnames or []
        )
        if missing:
            raise InputRejected(
                RejectReason.BAD_RECORD, str(path), f"columns missing: {', '.join(sorted(missing))}"
            )
        for number, row in enumerate(reader, start=2):
            seen["-".join(sorted((row["lang1"], row["lang2"])))] += 1
            if wanted is not None and tuple(sorted((row["lang1"], row["lang2"]))) not in wanted:
                continue
            ids = row["pair_id"].split("_")
            if len(ids) != 2:
                raise InputRejected(
                    RejectReason.BAD_RECORD, str(path), f"line {number}: pair_id {row['pair_id']!r}"
                )
            for article_id, language, text in (
                (ids[0], row["lang1"], row["text1"]),
                (ids[1], row["lang2"], row["text2"]),
            ):
                texts.setdefault(article_id, (language, text))
            pairs.append(GoldPair(row["pair_id"], ids[0], ids[1], float(row["Overall"])))
    if not pairs:
        available = ", ".join(f"{combo} ({count})" for combo, count in seen.most_common())
        asked = ", ".join("-".join(pair) for pair in languages or ())
        raise ConfigError(
            f"{path} has no pairs in {asked or 'any language'}; it has {available or 'none'}"
        )
    return pairs, texts


_WORD = re.compile(r"\w+")


def tfidf_cosines(texts: Mapping[str, str], pairs: Sequence[GoldPair]) -> list[float]:
    """The baseline: cosine of plain TF-IDF vectors over lower-cased words."""
    counts = {key: Counter(_WORD.findall(text.lower())) for key, text in texts.items()}
    df: Counter[str] = Counter()
    for words in counts.values():
        df.update(words.keys())
    total = len(counts)
    vectors: dict[str, dict[str, float]] = {}
    for key, words in counts.items():
        weighted = {
            w: (1 + math.log(c)) * math.log((total + 1) / (df[w] + 1)) for w, c in words.items()
        }
        norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        vectors[key] = {w: v / norm for w, v in weighted.items()}
    cosines = []
    for pair in pairs:
        first, second = vectors[pair.first], vectors[pair.second]
        small, large = sorted((first, second), key=len)
        cosines.append(sum(v * large.get(w, 0.0) for w, v in small.items()))
    return cosines


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    count = len(xs)
    if count < 2:
        return 0.0
    mean_x, mean_y = sum(xs) / count, sum(ys) / count
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    return cov / math.sqrt(var_x * var_y) if var_x and var_y else 0.0


def same_story_prf(pairs: Sequence[GoldPair], together: Sequence[bool]) -> PRF:
    """'Put in the same story' against gold: Overall <= 1.5 same, >= 3.5 different, else ignored."""
    correct = predicted = gold = 0
    for pair, joined in zip(pairs, together, strict=True):
        if 1.5 < pair.overall < 3.5:
            continue
        positive = pair.overall <= 1.5
        gold += positive
        predicted += joined
        correct += joined and positive
    return PRF.of(correct, gold, predicted)


def evaluate_pairs(
    path: Path,
    languages: Sequence[tuple[str, str]] | None = None,
    make_clusterer: Callable[[], OnlineClusterer] = OnlineClusterer,
    embedder: Embedder | None = None,
) -> dict[str, object]:
    pairs, texts = read_pairs(path, languages)
    clusterer = make_clusterer()
    articles = {
        key: Article.from_text(text, outlet="eval", language=language)
        for key, (language, text) in texts.items()
    }
    started = time.perf_counter()
    keys = list(articles)
    features: dict[str, ArticleFeatures] = {}
    failures = Failures()
    for first in range(0, len(keys), BATCH):
        chunk = keys[first : first + BATCH]
        analysed = analyse_articles([articles[key] for key in chunk])
        for key, (document, _) in zip(chunk, analysed, strict=True):
            found = failures.features_of(articles[key], document, key)
            if found is not None:
                features[key] = found
        done = [key for key in chunk if key in features]
        _embed(embedder, [articles[key] for key in done], [features[key] for key in done])
    keys = [key for key in keys if key in features]
    # A pair with a text that could not be analysed is not scored (counted under "failed").
    pairs = [p for p in pairs if p.first in features and p.second in features]
    assignments, _ = clusterer.partial_fit([features[key] for key in keys])
    story = {a.article_id: a.story_id for a in assignments}
    seconds = time.perf_counter() - started
    together = [
        clusterer.story_of(story[p.first]) == clusterer.story_of(story[p.second]) for p in pairs
    ]
    similarity = [clusterer.similarity(features[p.first], features[p.second]) for p in pairs]
    negated = [-p.overall for p in pairs]
    ours = same_story_prf(pairs, together)
    cosines = tfidf_cosines({k: t for k, (_, t) in texts.items()}, pairs)
    best_threshold, best = max(
        ((t / 100, same_story_prf(pairs, [c >= t / 100 for c in cosines])) for t in range(1, 100)),
        key=lambda item: item[1].f1,
    )
    return {
        "data": str(path),
        "languages": ["-".join(pair) for pair in languages] if languages else "all",
        "pairs": len(pairs),
        "scored_pairs": sum(1 for p in pairs if not 1.5 < p.overall < 3.5),
        "texts": len(texts),
        "same_story": ours.as_dict(),
        "pearson": round(pearson(similarity, negated), 4),
        "predicted_clusters": len({clusterer.story_of(s) for s in story.values()}),
        "seconds": round(seconds, 2),
        "baseline_tfidf_cosine": {
            "pearson": round(pearson(cosines, negated), 4),
            "best_threshold": best_threshold,
            "same_story_at_best_threshold": best.as_dict(),
        },
        **failures.as_dict(),
    }
