"""Articles in, stored annotations out: the analysis step of ingest, compare and the Spark job."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from importlib import resources

from newsprism import __version__
from newsprism.analyse.document import Document
from newsprism.analyse.kind import decide_kind
from newsprism.analyse.pipeline import Pipeline, default_pipeline
from newsprism.model.annotations import Annotations
from newsprism.model.article import Article


@functools.cache
def analysis_version() -> str:
    """What an article's stored analysis was made with: the package's version and a digest of
    the shipped models, so that `newsprism reanalyse` finds what a model upgrade left behind."""
    digest = hashlib.sha1()
    models = resources.files("newsprism.analyse") / "models"
    for entry in sorted(models.iterdir(), key=lambda entry: entry.name):
        if entry.is_file():
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"


def analyse_articles(
    articles: Sequence[Article], pipeline: Pipeline | None = None
) -> list[tuple[Document, Annotations]]:
    """Run the pipeline over a batch; each article keeps its analysed document for later stages."""
    pipeline = pipeline or default_pipeline()
    documents = pipeline([Document(article.text, article.language) for article in articles])
    return [
        (document, document_annotations(article, document, pipeline.names))
        # A failed stage dropped its layers; the stored record names only the stages that ran.
        for article, document in zip(articles, documents, strict=True)
    ]


def document_annotations(
    article: Article, document: Document, stages: Sequence[str]
) -> Annotations:
    """What analysis found, with the kind decided from the text when every stage ran (a
    failed stage leaves too little to judge the writer's voice on)."""
    ran = tuple(stage for stage in stages if stage in document.done)
    decision = (
        decide_kind(document, article.title, article.url) if document.failure is None else None
    )
    return Annotations(
        article.id,
        tuple(document.sentences),
        tuple(document.entities),
        tuple(document.quotes),
        ran,
        decision.kind if decision else None,
        decision.basis.value if decision else None,
        analysis_version(),
    )
