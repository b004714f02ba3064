"""The JSON record of each thing newsprism shows: one shape per entity.

The CLI's `--json` and the web app's JSON twins (and the templates drawing them) are built
here, so that `newsprism story ID --json` and `/stories/ID.json` are the same record. These are
display records with newsprism's own names (`text`, `outlet`, `published`); the interchange
format, with news-please's names, is the codec in `newsprism.ingest.newsplease`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsprism.compare.blindspots import OutletGroups
from newsprism.errors import ConfigError
from newsprism.model import Article, ArticleSource
from newsprism.model.annotations import Annotations
from newsprism.model.edits import UserEdit
from newsprism.model.story import Story, StoryArticle
from newsprism.present.spans import annotations_record, entity_summary
from newsprism.store.base import NearDuplicate, RejectRecord, RunRecord, SearchHit
from newsprism.store.browse import StorySummary


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


# Times are shown in the reader's zone: $NEWSPRISM_TZ (an IANA name such as Europe/Berlin),
# else this machine's zone. Stored and exported times keep their own offsets.
ENV_TIMEZONE = "NEWSPRISM_TZ"


def display_zone() -> tzinfo | None:
    """The zone to show times in; None: this machine's local zone."""
    name = os.environ.get(ENV_TIMEZONE, "").strip()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(
            f"${ENV_TIMEZONE}={name!r} is not a time zone; use an IANA name such as Europe/Berlin"
        ) from error


def to_local(moment: datetime) -> datetime:
    """`moment` in the display zone (a naive time is taken as UTC, as the store writes it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(display_zone())


def article_summary(article: Article) -> dict[str, Any]:
    """An article in a list: what tells it apart, without its text."""
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "published": iso(article.published),
        "language": article.language,
        "kind": article.kind.value,
        "teaser": article.teaser,
        "chars": len(article.text),
    }


def article_record(article: Article) -> dict[str, Any]:
    """An article in full: the summary, the rest of its metadata and its text."""
    return {
        **article_summary(article),
        "authors": list(article.authors),
        "caption": article.caption,
        "description": article.description,
        "fetched": iso(article.fetched),
        "ingested_at": iso(article.ingested_at),
        "source_path": article.source_path,
        "text": article.text,
    }


def source_record(source: ArticleSource) -> dict[str, Any]:
    return {
        "url": source.url,
        "outlet": source.outlet,
        "source_path": source.source_path,
        "locator": source.locator,
    }


def near_duplicate_record(link: NearDuplicate, other: Article) -> dict[str, Any]:
    """A near-duplicate seen from one article: `other` is the article at the link's other end."""
    return {
        "article_id": other.id,
        "outlet": other.outlet,
        "title": other.title,
        "similarity": round(link.similarity, 3),
        "containment": round(link.containment, 3),
        "relation": "copy of" if other.id == link.copy_of else "copied by",
    }


def reject_record(record: RejectRecord) -> dict[str, Any]:
    reject = record.reject
    return {
        "source": reject.source,
        "locator": reject.locator,
        "reason": reject.reason.value,
        "detail": reject.detail,
        "article_id": reject.article_id,
        "times": record.times,
        "last_seen": record.last_seen.isoformat(),
        "run_id": record.run_id,
    }


def article_page_record(
    article: Article,
    annotations: Annotations | None,
    sources: Sequence[ArticleSource],
    linked: Sequence[tuple[NearDuplicate, Article]],
    failures: Sequence[RejectRecord],
    story: Story | None,
) -> dict[str, Any]:
    """One article with what is stored about it (`article ID --json`; the web page adds the
    evaluative words and framing it analyses). `linked`: each near-duplicate link with the
    article at its other end; `failures`: the stages that failed on it."""
    return {
        "article": article_record(article),
        "annotations": annotations_record(article.text, annotations),
        "entities": [
            {"label": label, "name": name, "mentions": count, "role": role}
            for label, name, count, role in (entity_summary(annotations) if annotations else [])
        ],
        "sources": [source_record(s) for s in sources],
        "near_duplicates": [near_duplicate_record(link, other) for link, other in linked],
        "failures": [reject_record(failure) for failure in failures],
        "story": None if story is None else {"id": story.id, "label": story.label},
    }


def search_hit_record(hit: SearchHit, story_id: str | None) -> dict[str, Any]:
    return {**article_summary(hit.article), "story_id": story_id, "snippet": hit.snippet}


def story_record(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "label": story.label,
        "first_seen": iso(story.first_seen),
        "last_seen": iso(story.last_seen),
        "keywords": list(story.keywords),
        "entities": list(story.entities),
    }


def story_summary_record(summary: StorySummary, groups: OutletGroups) -> dict[str, Any]:
    """A story in a list (`stories --json`, `/stories.json`)."""
    return {
        "id": summary.id,
        "label": summary.label,
        "first_seen": iso(summary.first_seen),
        "last_seen": iso(summary.last_seen),
        "articles": summary.articles,
        "outlets": list(summary.outlets),
        "languages": list(summary.languages),
        "groups": sorted(groups.covering(summary.outlets)),
        # the groups of outlets that ignored it: a blindspot, shown on the list
        "missing_groups": sorted(groups.groups - groups.covering(summary.outlets)),
        "signals": summary.signals,
    }


def story_page_record(
    story: Story,
    requested_id: str,
    merged_ids: Sequence[str],
    members: Sequence[StoryArticle],
    articles: Sequence[Article],
    groups: OutletGroups,
    comparison: dict[str, Any] | None,
    edits: Sequence[UserEdit] = (),
) -> dict[str, Any]:
    """One story (`story ID --json`, `/stories/ID.json`): its articles in `members`' order, each
    with the similarity it joined with, the outlet groups covering it or not, the comparison,
    and the corrections by hand that shaped it (shown as such, never hidden in the result)."""
    outlets = {a.outlet for a in articles if a.outlet}
    return {
        "story": story_record(story),
        "requested_id": requested_id,
        "merged_ids": list(merged_ids),
        "articles": [
            {**article_summary(article), "score": member.score}
            for member, article in zip(members, articles, strict=True)
        ],
        "groups": {
            "covering": sorted(groups.covering(outlets)),
            "missing": sorted(groups.groups - groups.covering(outlets)),
        },
        "comparison": comparison,
        "edits": [edit_record(edit) for edit in edits],
    }


def edit_record(edit: UserEdit) -> dict[str, Any]:
    """A correction by hand (`edits --json`, a story's `edits`)."""
    return {
        "id": edit.id,
        "created_at": iso(edit.created_at),
        "action": edit.action.value,
        "subject": edit.subject,
        "target": edit.target,
        "reason": edit.reason,
        "undone_at": iso(edit.undone_at),
    }


def run_record(run: RunRecord) -> dict[str, Any]:
    return {
        "id": run.id,
        "command": run.command,
        "args": list(run.args),
        "started_at": run.started_at.isoformat(),
        "finished_at": iso(run.finished_at),
        "status": run.status,
        "counts": run.counts,
    }
