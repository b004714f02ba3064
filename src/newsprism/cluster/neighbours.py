"""The active stories nearest to an article by meaning: a second source of candidate stories.

The clusterer finds candidates through rare keys an article shares with a story (names,
numbers, rare terms). A German and an English article on one event may share none of them:
their words differ and names are inflected or transliterated. Their vectors by meaning (USE
multilingual, cluster/embeddings.py) are close all the same, so the stories nearest to the
article's vector are candidates too.

Exact search over a matrix of the active stories' unit centroids: one matrix-vector product
per article. A week of news holds some thousands of active stories, 512 floats each, so that
is a few MFLOP (well under a millisecond); an approximate index would buy nothing at this size
and would make the result depend on how it was built.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class StoryNeighbours:
    """Unit vectors of stories by id; the nearest to a vector, above a cosine.

    Rows are kept in a matrix that grows by doubling; a removed story's row is filled by the
    last one. Which row holds which story depends on the order of changes, never the result:
    ties are broken by story id.
    """

    def __init__(self) -> None:
        # Set by the first vector; one of another length (another embedder) is left out.
        self.dimensions_: int | None = None
        self._rows = np.zeros((0, 0), dtype=np.float32)
        self._ids: list[str] = []
        self._position: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._position

    def put(self, story_id: str, summed: Sequence[float]) -> None:
        """Set a story's vector (the sum of its articles' vectors; kept at unit length)."""
        vector = np.asarray(summed, dtype=np.float32)
        if self.dimensions_ is None and vector.ndim == 1 and len(vector):
            self.dimensions_ = len(vector)
            self._rows = np.zeros((64, self.dimensions_), dtype=np.float32)
        if vector.shape != (self.dimensions_,):
            self.remove(story_id)
            return
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            self.remove(story_id)
            return
        position = self._position.get(story_id)
        if position is None:
            position = len(self._ids)
            if position == len(self._rows):
                grown = np.zeros((2 * len(self._rows), len(vector)), dtype=np.float32)
                grown[:position] = self._rows
                self._rows = grown
            self._ids.append(story_id)
            self._position[story_id] = position
        self._rows[position] = vector / norm

    def remove(self, story_id: str) -> None:
        position = self._position.pop(story_id, None)
        if position is None:
            return
        last = len(self._ids) - 1
        if position != last:
            moved = self._ids[last]
            self._ids[position] = moved
            self._position[moved] = position
            self._rows[position] = self._rows[last]
        self._ids.pop()

    def nearest(self, vector: Sequence[float], count: int, floor: float) -> list[tuple[float, str]]:
        """Up to `count` (cosine, story id) with a cosine above `floor`, nearest first."""
        if not self._ids or count < 1:
            return []
        probe = np.asarray(vector, dtype=np.float32)
        if probe.shape != (self.dimensions_,):
            return []
        # einsum, not BLAS: a single-threaded product here, whatever threads BLAS was given
        # (docs/benchmarks.md, "Semantic coverage": BLAS threads on a busy machine cost 10x).
        cosines = np.einsum("ij,j->i", self._rows[: len(self._ids)], probe)
        above = np.flatnonzero(cosines > floor)
        if len(above) == 0:
            return []
        found = sorted((-float(cosines[i]), self._ids[i]) for i in above)[:count]
        return [(-negated, story_id) for negated, story_id in found]
