"""The run layer, above the stages: one batch of articles through ingest, analysis, dedup,
stories and comparisons. Used by the `ingest`, `compare`, `demo` and `watch` commands, `eval`
and the Spark tasks; the stages themselves know nothing of runs."""

from newsprism.run.files import ingest
from newsprism.run.ingestor import (
    ANALYSIS_SLICE,
    DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    IngestOptions,
    Ingestor,
    IngestProgress,
    IngestReport,
)

__all__ = [
    "ANALYSIS_SLICE",
    "DEFAULT_NEAR_DUPLICATE_THRESHOLD",
    "IngestOptions",
    "IngestProgress",
    "IngestReport",
    "Ingestor",
    "ingest",
]
