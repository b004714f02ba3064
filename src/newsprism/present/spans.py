"""Annotations as plain records (for --json and the web app), with the text they point at."""

from __future__ import annotations

from collections import Counter
from typing import Any

from newsprism.model.annotations import Annotations
from newsprism.model.spans import Entity, Quote, Span


def span_record(text: str, span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text_of(text)}


def entity_record(text: str, entity: Entity) -> dict[str, Any]:
    return {
        **span_record(text, entity),
        "label": entity.label.value,
        "canonical": entity.canonical,
        "role": entity.role,
    }


def quote_record(text: str, quote: Quote) -> dict[str, Any]:
    return {
        **span_record(text, quote),
        "kind": quote.kind.value,
        "speaker": entity_record(text, quote.speaker) if quote.speaker else None,
        "cue": span_record(text, quote.cue) if quote.cue else None,
        "confidence": round(quote.confidence, 3),
    }


def annotations_record(text: str, annotations: Annotations | None) -> dict[str, Any]:
    if annotations is None:
        return {"analysed": False, "sentences": [], "entities": [], "quotes": []}
    return {
        "analysed": True,
        "stages": list(annotations.analysed_with),
        "sentences": [[s.start, s.end] for s in annotations.sentences],
        "entities": [entity_record(text, e) for e in annotations.entities],
        "quotes": [quote_record(text, q) for q in annotations.quotes],
    }


def entity_summary(annotations: Annotations) -> list[tuple[str, str, int, str | None]]:
    """(label, canonical name, mentions, role) per entity, most mentioned first."""
    mentions: Counter[tuple[str, str]] = Counter()
    roles: dict[tuple[str, str], str] = {}
    for entity in annotations.entities:
        key = (entity.label.value, entity.canonical)
        mentions[key] += 1
        if entity.role and key not in roles:
            roles[key] = entity.role
    return [
        (label, name, count, roles.get((label, name)))
        for (label, name), count in mentions.most_common()
    ]
