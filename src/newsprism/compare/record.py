"""A story comparison as a plain record (for --json, the web app and the stored comparisons);
every text is included."""

from __future__ import annotations

from typing import Any

from newsprism.compare.story import StoryComparison
from newsprism.present.spans import span_record


def comparison_record(result: StoryComparison) -> dict[str, Any]:
    comparison = result.comparison
    texts = {item.article.id: item.article.text for item in result.articles}
    return {
        "story_id": comparison.story_id,
        "outlets": list(result.outlets),
        "articles": [
            {
                "id": item.article.id,
                "outlet": item.article.outlet,
                "title": item.article.title,
                "teaser": item.article.teaser,
            }
            for item in result.articles
        ],
        "facts": [
            {
                "outlets": sorted(fact.outlets),
                "sentences": [
                    {
                        "article_id": s.article_id,
                        "outlet": s.outlet,
                        **span_record(texts[s.article_id], s.sentence),
                    }
                    for s in fact.sentences
                ],
            }
            for fact in comparison.facts
        ],
        "unique": {outlet: list(facts) for outlet, facts in comparison.unique.items()},
        "omissions": {outlet: list(facts) for outlet, facts in comparison.omissions.items()},
        "quotes": [
            {
                "speaker": row.speaker,
                "outlets": sorted(row.outlets),
                "cells": [
                    {
                        "outlet": cell.outlet,
                        "article_id": cell.article_id,
                        "shortened": cell.shortened,
                        **span_record(texts[cell.article_id], cell.quote),
                    }
                    for cell in row.cells
                ],
            }
            for row in result.quote_rows
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
