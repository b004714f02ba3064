"""A story comparison as the JSON that `compare --json`, `story --json` and the story page's twin
(`/stories/ID.json`) send: the typed `Comparison` with the text of every span included, so that
a reader of the JSON needs no offsets. The stored form is `Comparison.to_json` (offsets only).

Facts list their members (clause units with their sentence), the independent voices behind
them and their discrepancies; omissions carry their status (`left-out` or `not-found`, see
docs/compare.md) and the closest unit of the outlet's articles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsprism.model.article import Article
from newsprism.model.comparison import Comparison, Fact
from newsprism.present.spans import span_record


def comparison_record(comparison: Comparison, articles: Sequence[Article]) -> dict[str, Any]:
    """`articles`: the story's articles (those the comparison left out are not listed)."""
    compared = [article for article in articles if article.id in comparison.sentences]
    texts = {article.id: article.text for article in compared}
    return {
        "story_id": comparison.story_id,
        "outlets": list(comparison.outlets),
        "articles": [
            {
                "id": article.id,
                "outlet": article.outlet,
                "title": article.title,
                "teaser": article.teaser,
            }
            for article in compared
        ],
        "facts": [_fact(fact, texts) for fact in comparison.facts],
        "unique": {outlet: list(facts) for outlet, facts in comparison.unique.items()},
        "omissions": {
            outlet: [
                {
                    "fact": omission.fact,
                    "status": omission.status.value,
                    "closest": None
                    if omission.closest is None
                    else {
                        "article_id": omission.closest.article_id,
                        "score": omission.closest.score,
                        **span_record(texts[omission.closest.article_id], omission.closest.span),
                    },
                }
                for omission in found
            ]
            for outlet, found in comparison.omissions.items()
        },
        "voices": dict(comparison.voices),
        "quotes": [
            {
                "speaker": row.speaker,
                "outlets": sorted(row.outlets),
                "cells": [
                    {
                        "outlet": cell.outlet,
                        "article_id": cell.article_id,
                        "shortened": cell.shortened,
                        "kind": cell.kind,
                        **span_record(texts[cell.article_id], cell.quote),
                    }
                    for cell in row.cells
                ],
            }
            for row in comparison.quotes
        ],
        "entities": {outlet: sorted(names) for outlet, names in comparison.entities.items()},
        "framing": [
            {
                "article_id": framing.article_id,
                "kind": framing.kind.value,
                "evidence": [span_record(texts[framing.article_id], s) for s in framing.evidence],
                "evaluative": [
                    {
                        **span_record(texts[framing.article_id], word.span),
                        "polarity": word.polarity,
                        "lexicon": word.lexicon,
                        "why": word.why,
                    }
                    for word in framing.evaluative
                ],
                "tone": framing.tone,
            }
            for framing in comparison.framing
        ],
        "wire": [
            {
                "article_id": copy.article_id,
                "agency_article_id": copy.agency_article_id,
                "similarity": copy.similarity,
                "added": [span_record(texts[copy.article_id], s) for s in copy.added],
                "changed": [span_record(texts[copy.article_id], s) for s in copy.changed],
                "cut": [span_record(texts[copy.agency_article_id], s) for s in copy.cut],
            }
            for copy in comparison.wire
        ],
    }


def _fact(fact: Fact, texts: dict[str, str]) -> dict[str, Any]:
    """A fact with the text of each member's unit and sentence, and its discrepancies with
    the outlets behind each value. `role` "reported" is indirect speech: not a verbatim quote."""
    return {
        "outlets": sorted(fact.outlets),
        "voices": list(fact.voices),
        "members": [
            {
                "article_id": m.article_id,
                "outlet": m.outlet,
                "role": m.role,
                "speaker": m.speaker,
                **span_record(texts[m.article_id], m.span),
                "sentence": span_record(texts[m.article_id], m.sentence),
            }
            for m in fact.members
        ],
        "discrepancies": [
            {
                "field": d.field,
                "values": [
                    {
                        "value": value.value,
                        "outlets": list(
                            dict.fromkeys(fact.members[s.member].outlet for s in value.stated)
                        ),
                        "stated": [
                            {
                                "article_id": fact.members[s.member].article_id,
                                "outlet": fact.members[s.member].outlet,
                                **span_record(texts[fact.members[s.member].article_id], s.span),
                            }
                            for s in value.stated
                        ],
                    }
                    for value in d.values
                ],
            }
            for d in fact.discrepancies
        ],
    }
