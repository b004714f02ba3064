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
from newsprism.errors import ConfigError, StageFailed


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
        """Run every stage over the batch. A stage that fails on one text fails for that text
        alone: it keeps what earlier stages found, records the failure in `failure`, and skips
        the later stages; the other texts of the batch go on."""
        batch = list(documents)
        for stage in self.stages:
            live = [document for document in batch if document.failure is None]
            try:
                stage(live)
            except Exception:  # find the text that broke it; the batch must go on
                for document in live:
                    _run_alone(stage, document)
            for document in live:
                if document.failure is None:
                    document.done.add(stage.name)
        return batch

    def analyse(self, text: str, language: str | None = None) -> Document:
        return self([Document(text, language)])[0]


def _run_alone(stage: Stage, document: Document) -> None:
    try:
        stage([document])
    except Exception as error:  # recorded as this text's outcome, never the batch's end
        document.drop(stage.adds)
        document.failure = StageFailed(stage.name, "text", error)


@functools.cache
def default_pipeline() -> Pipeline:
    """Tokens, sentences, lemmas, parts of speech, entities, canonical names, quotes."""
    return Pipeline(default_stages())
