"""Named analysis stages that declare what they need and what they add, run in order over batches.

Models are loaded once per process (`default_pipeline` is cached), so ingest, compare and the
Spark job all pay the load once per worker.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from newsprism.analyse.document import Document
from newsprism.analyse.stages import default_stages
from newsprism.errors import ConfigError


class Stage(Protocol):
    """One step of analysis. `needs` and `adds` name layers of a `Document`."""

    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]

    def __call__(self, documents: Sequence[Document]) -> None: ...


@dataclass(frozen=True)
class Pipeline:
    stages: tuple[Stage, ...]

    def __post_init__(self) -> None:
        available = {"text", "language"}
        for stage in self.stages:
            missing = [layer for layer in stage.needs if layer not in available]
            if missing:
                raise ConfigError(
                    f"analysis stage {stage.name!r} needs {', '.join(missing)}, which no earlier "
                    f"stage adds; order the stages so that one adding it comes first "
                    f"(stages: {', '.join(s.name for s in self.stages)})"
                )
            available.update(stage.adds)

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def __call__(self, documents: Iterable[Document]) -> list[Document]:
        batch = list(documents)
        for stage in self.stages:
            stage(batch)
            for document in batch:
                document.done.add(stage.name)
        return batch

    def analyse(self, text: str, language: str | None = None) -> Document:
        return self([Document(text, language)])[0]


@functools.cache
def default_pipeline() -> Pipeline:
    """Tokens, sentences, lemmas, parts of speech, entities, canonical names, quotes."""
    return Pipeline(default_stages())
