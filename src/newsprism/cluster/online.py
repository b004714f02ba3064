"""Online story clustering: each article joins the best-matching active story or opens a new one.

Parameters live in `__init__`; learned state ends in `_` (scikit-learn style) and grows by
`partial_fit`. Candidate stories come from an inverted index over rare keys (names, numbers,
rare terms) of the active stories, never from a scan of all stories, so the cost per article
stays flat as stories accumulate; stories with no article within `window` of the newest one go
dormant and leave the index.

Everything learned is saved with each batch and restored exactly (`Checkpoint`, the stories'
JSON), so a run that stops and goes on assigns every later article as one that never stopped,
and cutting the stream into batches differently changes nothing either.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any

from newsprism.cluster.features import ArticleFeatures
from newsprism.cluster.neighbours import StoryNeighbours
from newsprism.errors import ConfigError

# A key listed under more active stories than this is not used to find candidates: its cost
# would grow with the number of stories, and it does not tell stories apart anyway.
MAX_POSTINGS = 32
# Articles between two prunings of dormant stories.
PRUNE_EVERY = 1000
# The listing number of index keys saved before listings were numbered: before all others.
UNNUMBERED = -1


@dataclass(slots=True)
class StoryState:
    """What the clusterer knows of one story (its centroid); serialisable to JSON."""

    id: str
    terms: dict[str, float] = field(default_factory=dict)  # sum of normalised article vectors
    names: dict[str, float] = field(default_factory=dict)
    numbers: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    display_names: dict[str, str] = field(default_factory=dict)
    size: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    label_article: str = ""
    label_title: str = ""  # the title of `label_article`, so a label needs no look-up
    label_score: float = -1.0
    # Index keys this story is listed under, each with when it was listed there (the clusterer's
    # `listed_` count): a posting list is in that order, and ties between candidates follow it.
    keys: dict[str, int] = field(default_factory=dict)
    norm: float = 0.0  # of `terms`, kept current as the centroid changes
    name_norm: float = 0.0
    embedding: list[float] | None = None  # sum of article embeddings

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "terms": self.terms,
            "names": self.names,
            "numbers": dict(self.numbers),
            "languages": dict(self.languages),
            "display_names": self.display_names,
            "size": self.size,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "label_article": self.label_article,
            "label_title": self.label_title,
            "label_score": self.label_score,
            "keys": self.keys,
            # Kept as they are, not recomputed on loading: they were summed up article by
            # article, and a sum taken afresh differs in the last bits, which may tip a decision.
            "norm": self.norm,
            "name_norm": self.name_norm,
            "embedding": self.embedding,
        }

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> StoryState:
        state = cls(
            id=record["id"],
            terms={k: float(v) for k, v in record["terms"].items()},
            names={k: float(v) for k, v in record["names"].items()},
            numbers=Counter(record["numbers"]),
            languages=Counter(record["languages"]),
            display_names=dict(record.get("display_names", {})),
            size=int(record["size"]),
            first_seen=datetime.fromisoformat(record["first_seen"])
            if record["first_seen"]
            else None,
            last_seen=datetime.fromisoformat(record["last_seen"]) if record["last_seen"] else None,
            label_article=record.get("label_article", ""),
            label_title=record.get("label_title", ""),
            label_score=float(record.get("label_score", -1.0)),
            keys=_listed_keys(record.get("keys", {})),
            embedding=record.get("embedding"),
        )
        norm, name_norm = record.get("norm"), record.get("name_norm")
        # Saved before the norms were kept: computed afresh.
        state.norm = (
            float(norm) if norm is not None else math.sqrt(sum(v * v for v in state.terms.values()))
        )
        state.name_norm = (
            float(name_norm)
            if name_norm is not None
            else math.sqrt(sum(v * v for v in state.names.values()))
        )
        return state

    def overlaps(self, since: datetime, until: datetime) -> bool:
        """Whether the story's time span meets [since, until] (an undated one always does)."""
        if self.first_seen is None or self.last_seen is None:
            return True
        return self.last_seen >= since and self.first_seen <= until


def _listed_keys(keys: list[str] | dict[str, int]) -> dict[str, int]:
    if isinstance(keys, list):  # saved before keys were numbered
        return dict.fromkeys(keys, UNNUMBERED)
    return {key: int(number) for key, number in keys.items()}


# Stored states of dormant stories that meet [since, until] (the store's `story_states`).
DormantStories = Callable[[datetime, datetime], Iterable[StoryState]]


@dataclass(slots=True)
class Checkpoint:
    """The clusterer's learned counts and times, saved with each batch beside its stories.

    horizon: where the last pruning cut (stories last seen before it left memory); None when
    no pruning has run, and so every story is in memory.
    revived: time ranges whose dormant stories were brought back since that pruning; the
    stories in memory are exactly those last seen from `horizon` on, the undated, and those
    meeting one of these ranges.
    """

    documents: int = 0
    newest: datetime | None = None
    horizon: datetime | None = None
    revived: tuple[tuple[datetime, datetime], ...] = ()
    since_pruning: int = 0
    listed: int = 0

    def as_meta(self) -> dict[str, str]:
        """As the store's `cluster_meta` keeps it (strings)."""
        return {
            "documents": str(self.documents),
            "newest": self.newest.isoformat() if self.newest else "",
            "horizon": self.horizon.isoformat() if self.horizon else "",
            "revived": json.dumps([[a.isoformat(), b.isoformat()] for a, b in self.revived]),
            "since_pruning": str(self.since_pruning),
            "listed": str(self.listed),
        }

    @classmethod
    def from_meta(cls, meta: dict[str, str], window: timedelta) -> Checkpoint:
        newest = datetime.fromisoformat(meta["newest"]) if meta.get("newest") else None
        documents = int(meta.get("documents", "0"))
        if "horizon" not in meta:
            # Saved before checkpoints (or by the Spark job): what was in memory is not known,
            # so as then, the stories active within a window of the newest article.
            return cls(documents, newest, newest - window if newest else None)
        horizon = meta["horizon"]
        return cls(
            documents=documents,
            newest=newest,
            horizon=datetime.fromisoformat(horizon) if horizon else None,
            revived=tuple(
                (datetime.fromisoformat(a), datetime.fromisoformat(b))
                for a, b in json.loads(meta.get("revived", "[]"))
            ),
            since_pruning=int(meta.get("since_pruning", "0")),
            listed=int(meta.get("listed", "0")),
        )

    def in_memory(self) -> list[tuple[datetime | None, datetime | None]]:
        """The (since, until) ranges whose stored stories are the ones in memory."""
        return [(self.horizon, None), *self.revived]


@dataclass(frozen=True, slots=True)
class _Probe:
    """An article prepared for scoring: unit-length term and name vectors."""

    features: ArticleFeatures
    terms: dict[str, float]
    names: dict[str, float]


@dataclass(frozen=True, slots=True)
class Assignment:
    article_id: str
    story_id: str
    score: float  # similarity to the story it joined; 0 for a story it opened
    opened: bool


@dataclass(frozen=True, slots=True)
class Merge:
    from_id: str
    into_id: str
    score: float


class OnlineClusterer:
    """Single-pass clustering of a news stream into stories.

    threshold: similarity an article needs to join a story (0..1).
    window: a story with no article within this time of the newest article goes dormant.
    merge_threshold: when an article matches a second story this well, the two are one story.
    term_weight, name_weight, number_weight: shares of terms, names and numbers in the score
    of an article and a story in one language (they add up to 1).
    cross_weights: the same three shares across languages, where names and numbers carry over
    and few words are shared.
    embedding_weight: share of the embedding's agreement in the score, for articles that have
    an embedding (see cluster/embeddings.py); without embeddings it plays no part.
    embedding_floor: the cosine at which two vectors count as unrelated. Two news texts on
    different events are not at cosine 0 but at 0.2-0.3 (docs/benchmarks.md, "Sentence
    encoder"), and counting that for a story merged unrelated ones; the embedding's part is
    (cosine - floor) / (1 - floor): below the floor it counts against the story.
    embedding_candidates: how many stories nearest to the article's vector (above the floor)
    are candidates besides those found by shared keys: the way a German and an English
    article that share no name or number can meet. 0 turns it off.
    """

    def __init__(
        self,
        threshold: float = 0.12,
        window: timedelta = timedelta(days=7),
        merge_threshold: float = 0.2,
        term_weight: float = 0.6,
        name_weight: float = 0.3,
        number_weight: float = 0.1,
        max_terms: int = 40,
        centroid_terms: int = 300,
        candidates: int = 10,
        time_scale: timedelta = timedelta(days=2),
        embedding_weight: float = 0.5,
        cross_weights: tuple[float, float, float] = (0.35, 0.45, 0.2),
        embedding_floor: float = 0.35,
        embedding_candidates: int = 3,
    ) -> None:
        if not 0 < threshold < 1:
            raise ConfigError(f"threshold must be between 0 and 1, got {threshold}; try 0.3")
        if merge_threshold < threshold:
            raise ConfigError(
                f"merge_threshold ({merge_threshold}) must not be below threshold ({threshold})"
            )
        if window <= timedelta(0):
            raise ConfigError(f"window must be positive, got {window}; try 7 days")
        for weights in ((term_weight, name_weight, number_weight), cross_weights):
            if not math.isclose(sum(weights), 1.0, abs_tol=1e-6):
                raise ConfigError(f"the three weights must add up to 1, got {sum(weights):.3f}")
        self.threshold = threshold
        self.window = window
        self.merge_threshold = merge_threshold
        self.term_weight = term_weight
        self.name_weight = name_weight
        self.number_weight = number_weight
        self.cross_weights = cross_weights
        self.max_terms = max_terms
        self.centroid_terms = centroid_terms
        self.candidates = candidates
        self.time_scale = time_scale
        if not 0 <= embedding_weight <= 1:
            raise ConfigError(f"embedding_weight must be between 0 and 1, got {embedding_weight}")
        self.embedding_weight = embedding_weight  # used only where articles have embeddings
        if not 0 <= embedding_floor < 1:
            raise ConfigError(f"embedding_floor must be in [0, 1), got {embedding_floor}; try 0.35")
        if embedding_candidates < 0:
            raise ConfigError(f"embedding_candidates must not be negative: {embedding_candidates}")
        self.embedding_floor = embedding_floor
        self.embedding_candidates = embedding_candidates
        self.stories_: dict[str, StoryState] = {}
        # key -> story ids; dicts, not sets, so that iteration (and so every tie) follows the
        # order in which stories were listed, whatever the hash seed of the process.
        self.index_: dict[str, dict[str, None]] = {}
        self.df_: Counter[str] = Counter()
        self.n_documents_ = 0
        self.merged_: dict[str, str] = {}
        self.newest_: datetime | None = None
        self.horizon_: datetime | None = None  # where the last pruning cut
        # Time ranges whose dormant stories were revived since the last pruning: sorted, apart.
        self.revived_: list[tuple[datetime, datetime]] = []
        self.since_pruning_ = 0
        self.listed_ = 0  # index listings made so far: numbers them
        self.retired_: dict[str, StoryState] = {}  # gone dormant during the last partial_fit
        self.changed_: set[str] = set()  # stories whose state changed in the last partial_fit
        # The in-memory stories' vectors, for candidates by meaning; derived from `stories_`.
        self.neighbours_ = StoryNeighbours()

    # -- learning ---------------------------------------------------------------------------
    def partial_fit(
        self, batch: Sequence[ArticleFeatures], dormant: DormantStories | None = None
    ) -> tuple[list[Assignment], list[Merge]]:
        """Assign each article of the batch, in order; returns assignments and merges.

        dormant: where pruned stories are kept (the store); an article from before the active
        window brings back those of its time. Article by article, so that how a stream is cut
        into batches makes no difference.
        """
        self.retired_ = {}
        self.changed_ = set()
        assignments: list[Assignment] = []
        merges: list[Merge] = []
        for features in batch:
            if dormant is not None and features.published is not None:
                self._revive_around(features.published, dormant)
            assignment, merged = self._add(features)
            assignments.append(assignment)
            merges.extend(merged)
        return assignments, merges

    def checkpoint(self) -> Checkpoint:
        """The learned counts and times, to save with the stories (see `restore`)."""
        return Checkpoint(
            documents=self.n_documents_,
            newest=self.newest_,
            horizon=self.horizon_,
            revived=tuple(self.revived_),
            since_pruning=self.since_pruning_,
            listed=self.listed_,
        )

    def story_of(self, story_id: str) -> str:
        """The id a story goes by now (after merges)."""
        while story_id in self.merged_:
            story_id = self.merged_[story_id]
        return story_id

    def similarity(self, first: ArticleFeatures, second: ArticleFeatures) -> float:
        """The clusterer's similarity of two articles (as if one were a one-article story)."""
        story = StoryState(id="")
        self._absorb(story, second, self._vector(second), 0.0)
        return self._score(self._probe(first), story)

    # -- internals --------------------------------------------------------------------------
    def _add(self, features: ArticleFeatures) -> tuple[Assignment, list[Merge]]:
        self._count(features)
        probe = self._probe(features)
        vector = probe.terms
        keys = self._keys(features, vector)
        scored = sorted(
            ((self._score(probe, story), story) for story in self._candidates(features, keys)),
            key=lambda pair: pair[0],
            reverse=True,
        )
        merges: list[Merge] = []
        if scored and scored[0][0] >= self.threshold:
            score, story = scored[0]
            self._absorb(story, features, vector, score)
            # The article matched more than one story: they may turn out to be one.
            for other_score, other in scored[1:4]:
                if other_score < self.threshold:
                    break
                if other.id not in self.stories_ or other.id == story.id:
                    continue
                together = self._story_similarity(story, other)
                if together >= self.merge_threshold:
                    story, merge = self._merge(story, other, together)
                    merges.append(merge)
            assignment = Assignment(features.article_id, story.id, round(score, 4), False)
        else:
            story = StoryState(id="st-" + features.article_id)
            self.stories_[story.id] = story
            self._absorb(story, features, vector, 0.0)
            assignment = Assignment(features.article_id, story.id, 0.0, True)
        self._index(story, keys)
        if story.embedding is not None:
            self.neighbours_.put(story.id, story.embedding)
        self.changed_.add(story.id)
        self.since_pruning_ += 1
        if self.since_pruning_ >= PRUNE_EVERY:
            self._prune()
        return assignment, merges

    def _probe(self, features: ArticleFeatures) -> _Probe:
        weighted = {n: c * self.idf(n) for n, c in features.names.items()}
        norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        return _Probe(features, self._vector(features), {n: v / norm for n, v in weighted.items()})

    def _count(self, features: ArticleFeatures) -> None:
        self.n_documents_ += 1
        self.df_.update(features.terms.keys())  # Counter.update counts in C
        self.df_.update(features.names.keys())
        if features.published and (self.newest_ is None or features.published > self.newest_):
            self.newest_ = features.published

    def idf(self, key: str) -> float:
        """Inverse document frequency of a term or name key, from what has been seen."""
        return math.log((self.n_documents_ + 1) / (self.df_.get(key, 0) + 1)) + 1.0

    def _vector(self, features: ArticleFeatures) -> dict[str, float]:
        """The article's top terms, tf-idf weighted, unit length."""
        # idf inlined: this runs for every term of every article.
        base = math.log(self.n_documents_ + 1) + 1.0
        df = self.df_
        log = math.log
        weighted = [
            ((1 + log(count)) * (base - log(df.get(term, 0) + 1)), term)
            for term, count in features.terms.items()
        ]
        weighted.sort(key=itemgetter(0), reverse=True)  # stable: ties keep the text's order
        top = weighted[: self.max_terms]
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        return {term: w / norm for w, term in top}

    def _keys(self, features: ArticleFeatures, vector: dict[str, float]) -> list[str]:
        """Rare keys to find candidate stories by: names, non-year numbers, the rarest terms."""
        limit = max(50, self.n_documents_ // 20)  # a key in 5 % of articles finds too much
        df = self.df_
        keys = dict.fromkeys(name for name in features.names if df.get(name, 0) <= limit)
        keys.update(
            dict.fromkeys("#" + n for n in sorted(features.numbers) if not n.startswith("y"))
        )
        rare = sorted(((df.get(term, 0), term) for term in vector), key=itemgetter(0))[:6]
        keys.update(dict.fromkeys(term for count, term in rare if count <= limit))
        return list(keys)

    def _candidates(self, features: ArticleFeatures, keys: list[str]) -> list[StoryState]:
        hits: Counter[str] = Counter()
        for key in keys:
            postings = self.index_.get(key)
            if postings and len(postings) <= MAX_POSTINGS:  # a key in many stories tells little
                hits.update(postings.keys())
        found: list[StoryState] = []
        for story_id, _ in hits.most_common(self.candidates * 2):  # ties: first listed first
            story = self.stories_.get(story_id)
            if story is not None and self._in_window(story, features.published):
                found.append(story)
            if len(found) >= self.candidates:
                break
        if features.embedding is not None and self.embedding_candidates:
            chosen = {story.id for story in found}
            nearest = self.neighbours_.nearest(
                features.embedding, self.embedding_candidates * 2, self.embedding_floor
            )
            added = 0
            for _, story_id in nearest:
                story = self.stories_.get(story_id)
                if story is None or story_id in chosen:
                    continue
                if self._in_window(story, features.published):
                    found.append(story)
                    added += 1
                    if added >= self.embedding_candidates:
                        break
        return found

    def _in_window(self, story: StoryState, moment: datetime | None) -> bool:
        if moment is None or story.last_seen is None or story.first_seen is None:
            return True
        return story.first_seen - self.window <= moment <= story.last_seen + self.window

    def _score(self, probe: _Probe, story: StoryState) -> float:
        features = probe.features
        same_language = not story.languages or (features.language or "") in story.languages
        term_similarity = 0.0
        if story.norm:
            # Filter first (in C): most of an article's terms are not in a given story.
            centroid = story.terms
            weights = probe.terms
            shared_terms = filter(centroid.__contains__, weights)
            term_similarity = sum(weights[t] * centroid[t] for t in shared_terms) / story.norm
        name_similarity = 0.0
        if probe.names and story.name_norm:
            names = story.names
            shared_names = [n for n in probe.names if n in names]
            name_similarity = sum(probe.names[n] * names[n] for n in shared_names)
            name_similarity /= story.name_norm
        number_similarity = 0.0
        if features.numbers and story.numbers:
            shared = [n for n in features.numbers if story.numbers.get(n)]
            number_similarity = _number_similarity(shared)
        score = self._combine(term_similarity, name_similarity, number_similarity, same_language)
        if features.embedding is not None and story.embedding is not None:
            summed = story.embedding
            length = math.sqrt(sum(v * v for v in summed)) or 1.0
            cosine = sum(a * b for a, b in zip(features.embedding, summed, strict=True)) / length
            floor = self.embedding_floor
            agreement = (cosine - floor) / (1 - floor)
            score = (1 - self.embedding_weight) * score + self.embedding_weight * agreement
        return score * self._time_factor(features.published, story)

    def _story_similarity(self, first: StoryState, second: StoryState) -> float:
        """Centroid against centroid, weighted as for an article."""
        terms = 0.0
        if first.norm and second.norm:
            small, large = sorted((first.terms, second.terms), key=len)
            terms = sum(w * large.get(t, 0.0) for t, w in small.items()) / (
                first.norm * second.norm
            )
        names = 0.0
        if first.name_norm and second.name_norm:
            small_names, large_names = sorted((first.names, second.names), key=len)
            dot = sum(w * large_names.get(n, 0.0) for n, w in small_names.items())
            names = dot / (first.name_norm * second.name_norm)
        numbers = _number_similarity([n for n in first.numbers if second.numbers.get(n)])
        same_language = bool(set(first.languages) & set(second.languages))
        score = self._combine(terms, names, numbers, same_language)
        if first.first_seen and second.first_seen and first.last_seen and second.last_seen:
            gap = max(first.first_seen, second.first_seen) - min(first.last_seen, second.last_seen)
            if gap > self.window:
                return 0.0
        return score

    def _combine(self, terms: float, names: float, numbers: float, same_language: bool) -> float:
        """The one similarity formula, for an article and a story or two stories."""
        if same_language:
            shares = (self.term_weight, self.name_weight, self.number_weight)
        else:
            shares = self.cross_weights
        return shares[0] * terms + shares[1] * names + shares[2] * numbers

    def _time_factor(self, moment: datetime | None, story: StoryState) -> float:
        if moment is None or story.first_seen is None or story.last_seen is None:
            return 1.0
        if story.first_seen <= moment <= story.last_seen:
            return 1.0
        gap = min(abs(moment - story.first_seen), abs(moment - story.last_seen))
        if gap > self.window:
            return 0.0
        excess = max(0.0, (gap - timedelta(days=1)) / self.time_scale)
        return math.exp(-excess)

    def _absorb(
        self, story: StoryState, features: ArticleFeatures, vector: dict[str, float], score: float
    ) -> None:
        square = story.norm * story.norm
        for term, weight in vector.items():
            old = story.terms.get(term, 0.0)
            story.terms[term] = old + weight
            square += 2 * old * weight + weight * weight
        if len(story.terms) > self.centroid_terms * 2:
            kept = sorted(story.terms.items(), key=lambda item: item[1], reverse=True)
            story.terms = dict(kept[: self.centroid_terms])
            square = sum(v * v for v in story.terms.values())
        name_square = story.name_norm * story.name_norm
        for name, count in features.names.items():
            before = story.names.get(name, 0.0)
            added = count * self.idf(name)
            story.names[name] = before + added
            name_square += 2 * before * added + added * added
        story.numbers.update(features.numbers)
        if features.embedding is not None:
            if story.embedding is None:
                story.embedding = list(features.embedding)
            else:
                story.embedding = [
                    a + b for a, b in zip(story.embedding, features.embedding, strict=True)
                ]
        for key, display in features.name_labels.items():
            if len(display) > len(story.display_names.get(key, "")):
                story.display_names[key] = display
        story.languages[features.language or ""] += 1
        story.size += 1
        moment = features.published
        if moment is not None:
            if story.first_seen is None or moment < story.first_seen:
                story.first_seen = moment
            if story.last_seen is None or moment > story.last_seen:
                story.last_seen = moment
        weighted = score * label_weight(features.title)
        if weighted > story.label_score and features.title:
            story.label_article, story.label_score = features.article_id, weighted
            story.label_title = features.title
        story.norm = math.sqrt(max(square, 0.0))
        story.name_norm = math.sqrt(max(name_square, 0.0))

    def _index(self, story: StoryState, keys: list[str]) -> None:
        for key in keys:
            if key not in story.keys:
                story.keys[key] = self._listing()
                self.index_.setdefault(key, {})[story.id] = None

    def _listing(self) -> int:
        number = self.listed_
        self.listed_ += 1
        return number

    def _merge(
        self, first: StoryState, second: StoryState, score: float
    ) -> tuple[StoryState, Merge]:
        """Two stories that turn out to be one: the younger goes into the older id."""
        older, younger = sorted((first, second), key=story_age)
        combine_states(older, younger)
        for key in younger.keys:
            postings = self.index_.get(key)
            if postings is not None:
                postings.pop(younger.id, None)
                postings[older.id] = None  # where it was, if listed already; else last
            if key not in older.keys:
                older.keys[key] = self._listing()
        del self.stories_[younger.id]
        self.neighbours_.remove(younger.id)
        if older.embedding is not None:
            self.neighbours_.put(older.id, older.embedding)
        self.merged_[younger.id] = older.id
        return older, Merge(younger.id, older.id, round(score, 4))

    def _prune(self) -> None:
        """Dormant stories leave memory and the index (they stay in the store)."""
        self.since_pruning_ = 0
        if self.newest_ is None:
            return
        horizon = self.newest_ - self.window
        self.horizon_ = horizon
        self.revived_ = []  # what was revived and is still active is active by its time now
        for story in [s for s in self.stories_.values() if s.last_seen and s.last_seen < horizon]:
            for key in story.keys:
                postings = self.index_.get(key)
                if postings is not None:
                    postings.pop(story.id, None)
                    if not postings:
                        del self.index_[key]
            del self.stories_[story.id]
            self.neighbours_.remove(story.id)
            self.retired_[story.id] = story

    def _revive_around(self, moment: datetime, dormant: DormantStories) -> None:
        """Before an article from before the active window: back into memory with every
        dormant story within a window of its time (the ranges done since the last pruning
        are not asked for again; everything they found is still in memory)."""
        if self.horizon_ is None or self.newest_ is None or moment >= self.newest_ - self.window:
            return
        # Stories last seen from the horizon on are in memory: only the time before it is asked.
        since, until = moment - self.window, min(moment + self.window, self.horizon_)
        if since >= until:
            return  # nothing from before the horizon is near enough
        found: dict[str, StoryState] = {}
        for start, end in _gaps(self.revived_, since, until):
            found.update((story.id, story) for story in dormant(start, end))
            # Pruned within this batch: not saved yet, or saved before it changed.
            found.update(
                (story.id, story) for story in self.retired_.values() if story.overlaps(start, end)
            )
        if found:
            self.revive(found[story_id] for story_id in sorted(found))  # by id: a fixed order
        self.revived_ = _joined(self.revived_, since, until)

    def revive(self, stories: Iterable[StoryState]) -> int:
        """Bring dormant stories back for articles that arrive late; returns how many.

        Each is listed last under its keys, as a story that has just arrived would be."""
        revived = 0
        for story in stories:
            if story.id in self.stories_ or story.id in self.merged_:
                continue
            story = self.retired_.pop(story.id, story)
            self.stories_[story.id] = story
            if story.embedding is not None:
                self.neighbours_.put(story.id, story.embedding)
            for key in story.keys:
                story.keys[key] = self._listing()
                self.index_.setdefault(key, {})[story.id] = None
            self.changed_.add(story.id)  # its listings are new: saved with the batch
            revived += 1
        return revived

    def restore(
        self, stories: Iterable[StoryState], df: dict[str, int], checkpoint: Checkpoint
    ) -> None:
        """Learned state from the store: the stories in memory when `checkpoint` was taken
        (see `Checkpoint.in_memory`), document frequencies, counts and times."""
        self.df_ = Counter(df)
        self.n_documents_ = checkpoint.documents
        self.newest_ = checkpoint.newest
        self.horizon_ = checkpoint.horizon
        self.revived_ = list(checkpoint.revived)
        self.since_pruning_ = checkpoint.since_pruning
        self.listed_ = checkpoint.listed
        listings: list[tuple[int, str, str]] = []
        for story in stories:
            self.stories_[story.id] = story
            if story.embedding is not None:
                self.neighbours_.put(story.id, story.embedding)
            listings.extend((number, story.id, key) for key, number in story.keys.items())
        # Each posting list in the order its stories were listed, as it was built.
        for _, story_id, key in sorted(listings):
            self.index_.setdefault(key, {})[story_id] = None


def _gaps(
    ranges: list[tuple[datetime, datetime]], since: datetime, until: datetime
) -> list[tuple[datetime, datetime]]:
    """The parts of [since, until] outside the sorted, disjoint `ranges`, ends included (a
    story on a shared end is asked for twice, and found in memory the second time)."""
    gaps: list[tuple[datetime, datetime]] = []
    start = since
    for first, last in ranges:
        if last < start:
            continue
        if first > until:
            break
        if first > start:
            gaps.append((start, first))
        start = last
    if start < until:
        gaps.append((start, until))
    return gaps


def _joined(
    ranges: list[tuple[datetime, datetime]], since: datetime, until: datetime
) -> list[tuple[datetime, datetime]]:
    """`ranges` with [since, until] added, still sorted and apart."""
    joined: list[tuple[datetime, datetime]] = []
    for first, last in sorted([*ranges, (since, until)]):
        if joined and first <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    return joined


def combine_states(older: StoryState, younger: StoryState) -> StoryState:
    """Fold `younger` into `older` (which keeps its id): centroids add up, the time span
    widens, the better label wins. The merge of the clusterer and of the Spark job."""
    for term, weight in younger.terms.items():
        older.terms[term] = older.terms.get(term, 0.0) + weight
    for name, weight in younger.names.items():
        older.names[name] = older.names.get(name, 0.0) + weight
    older.numbers.update(younger.numbers)
    older.languages.update(younger.languages)
    if younger.embedding is not None:
        older.embedding = (
            list(younger.embedding)
            if older.embedding is None
            else [a + b for a, b in zip(older.embedding, younger.embedding, strict=True)]
        )
    older.display_names.update(
        {k: v for k, v in younger.display_names.items() if k not in older.display_names}
    )
    older.size += younger.size
    for moment in (younger.first_seen, younger.last_seen):
        if moment is not None:
            older.first_seen = moment if older.first_seen is None else min(older.first_seen, moment)
            older.last_seen = moment if older.last_seen is None else max(older.last_seen, moment)
    if younger.label_score > older.label_score:
        older.label_article, older.label_score = younger.label_article, younger.label_score
        older.label_title = younger.label_title
    older.norm = math.sqrt(sum(v * v for v in older.terms.values()))
    older.name_norm = math.sqrt(sum(v * v for v in older.names.values()))
    return older


def story_age(story: StoryState) -> tuple[bool, float, str]:
    """Sort key: the story first seen earliest first (undated last), then by id."""
    moment = story.first_seen
    return (moment is None, moment.timestamp() if moment else math.inf, story.id)


def _number_similarity(shared: Sequence[str]) -> float:
    """Two shared numbers are full agreement; a year ("y2026") counts half, being common."""
    return min(1.0, sum(0.5 if n.startswith("y") else 1.0 for n in shared) / 2.0)


def label_weight(title: str | None) -> float:
    """How well a title names a story: a shouting headline ("LAMM MUSS GEHEN!", mostly
    capitals or ending in "!") names it worse than a plain one, so it labels a story only when
    no plain title is about as close."""
    if not title:
        return 0.0
    letters = [c for c in title if c.isalpha()]
    capitals = sum(1 for c in letters if c.isupper())
    loud = title.rstrip().endswith("!") or (len(letters) >= 8 and capitals > 0.6 * len(letters))
    return 0.5 if loud else 1.0
