"""Analysis: tokens, sentences, lemmas, parts of speech, entities, canonical names, quotations."""

from newsprism.analyse.annotate import analyse_articles, document_annotations
from newsprism.analyse.document import Document, Token
from newsprism.analyse.pipeline import Pipeline, Stage, default_pipeline

__all__ = [
    "Document",
    "Pipeline",
    "Stage",
    "Token",
    "analyse_articles",
    "default_pipeline",
    "document_annotations",
]
