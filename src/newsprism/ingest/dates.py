"""Lenient date parsing: a date that cannot be read becomes None, never a reject."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_datetime(value: object) -> datetime | None:
    """ISO 8601, news-please's "YYYY-MM-DD HH:MM:SS", RFC 2822 or a struct_time.

    Naive times are read as UTC: news-please writes them without an offset.
    """
    if value is None or value == "":
        return None
    moment: datetime | None = None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, time.struct_time):
        moment = datetime(*value[:6], tzinfo=UTC)
    elif isinstance(value, str):
        text = value.strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            try:
                moment = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
    else:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment
