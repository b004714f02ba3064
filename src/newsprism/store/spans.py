"""Annotations ↔ rows of the `spans` table (layer, start, end, label, attrs JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newsprism.model.annotations import Annotations
from newsprism.model.article import ArticleKind
from newsprism.model.spans import Entity, EntityLabel, Quote, QuoteKind, Sentence, Span

SpanRow = tuple[str, int, int, str | None, str]


def span_rows(annotations: Annotations) -> list[SpanRow]:
    rows: list[SpanRow] = [("sentence", s.start, s.end, None, "{}") for s in annotations.sentences]
    for entity in annotations.entities:
        rows.append(
            (
                "entity",
                entity.start,
                entity.end,
                entity.label.value,
                json.dumps(
                    {"canonical": entity.canonical, "role": entity.role}, ensure_ascii=False
                ),
            )
        )
    for quote in annotations.quotes:
        attrs = {
            "speaker": _entity_attrs(quote.speaker) if quote.speaker else None,
            "cue": [quote.cue.start, quote.cue.end] if quote.cue else None,
            "confidence": quote.confidence,
        }
        rows.append(
            (
                "quote",
                quote.start,
                quote.end,
                quote.kind.value,
                json.dumps(attrs, ensure_ascii=False),
            )
        )
    analysis: dict[str, Any] = {"stages": list(annotations.analysed_with)}
    if annotations.kind is not None:
        analysis["kind"] = annotations.kind.value
        analysis["kind_basis"] = annotations.kind_basis
    if annotations.version is not None:
        analysis["version"] = annotations.version
    rows.append(("analysis", 0, 0, None, json.dumps(analysis)))
    return rows


def annotations_from_rows(
    article_id: str, rows: Iterable[tuple[str, int, int, str | None, str]]
) -> Annotations | None:
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    quotes: list[Quote] = []
    stages: tuple[str, ...] | None = None
    kind: ArticleKind | None = None
    kind_basis: str | None = None
    version: str | None = None
    for layer, start, end, label, attrs_json in rows:
        attrs: dict[str, Any] = json.loads(attrs_json or "{}")
        if layer == "sentence":
            sentences.append(Sentence(start, end))
        elif layer == "entity":
            entities.append(
                Entity(
                    start,
                    end,
                    EntityLabel(label or "MISC"),
                    attrs.get("canonical", ""),
                    attrs.get("role"),
                )
            )
        elif layer == "quote":
            speaker = attrs.get("speaker")
            cue = attrs.get("cue")
            quotes.append(
                Quote(
                    start,
                    end,
                    QuoteKind(label or "direct"),
                    _entity_from(speaker) if speaker else None,
                    Span(cue[0], cue[1]) if cue else None,
                    float(attrs.get("confidence", 0.0)),
                )
            )
        elif layer == "analysis":
            stages = tuple(attrs.get("stages", ()))
            kind = ArticleKind(attrs["kind"]) if attrs.get("kind") else None
            kind_basis = attrs.get("kind_basis")
            version = attrs.get("version")
    if stages is None:
        return None
    return Annotations(
        article_id,
        tuple(sorted(sentences, key=lambda s: s.start)),
        tuple(sorted(entities, key=lambda e: e.start)),
        tuple(sorted(quotes, key=lambda q: q.start)),
        stages,
        kind,
        kind_basis,
        version,
    )


def _entity_attrs(entity: Entity) -> dict[str, Any]:
    return {
        "start": entity.start,
        "end": entity.end,
        "label": entity.label.value,
        "canonical": entity.canonical,
        "role": entity.role,
    }


def _entity_from(attrs: dict[str, Any]) -> Entity:
    return Entity(
        int(attrs["start"]),
        int(attrs["end"]),
        EntityLabel(attrs.get("label", "PER")),
        attrs.get("canonical", ""),
        attrs.get("role"),
    )


def name_counts(annotations: Annotations) -> dict[tuple[str, str], tuple[int, int]]:
    """(canonical name, label) → (mentions, quotes with it as speaker) in one article."""
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for entity in annotations.entities:
        if entity.canonical:
            key = (entity.canonical, entity.label.value)
            mentions, quotes = counts.get(key, (0, 0))
            counts[key] = (mentions + 1, quotes)
    for quote in annotations.quotes:
        if quote.speaker is not None and quote.speaker.canonical:
            key = (quote.speaker.canonical, quote.speaker.label.value)
            mentions, quotes = counts.get(key, (0, 0))
            counts[key] = (mentions, quotes + 1)
    return counts
