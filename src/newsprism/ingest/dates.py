"""Lenient date parsing: a date that cannot be read becomes None, never a reject."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

# ISO 8601 as pages write it: "2026-03-14", "2026-03-14T14:46", "2026-03-14 14:46:12.000+0200",
# "2026-03-14T12:46:12Z". Anything after the offset is ignored.
_ISO = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PageTime:
    """A time as a page gave it: whether it had a time of day and an offset."""

    moment: datetime  # timezone-aware; read as UTC when the page gave no offset
    has_time: bool
    has_offset: bool


def _offset(text: str | None) -> timezone | None:
    if text is None:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_page_time(value: object) -> PageTime | None:
    """An ISO 8601 time from a page's metadata, keeping whether it had a time and an offset."""
    if not isinstance(value, str):
        return None
    match = _ISO.match(value)
    if match is None:
        moment = parse_datetime(value)
        if moment is None:
            return None
        return PageTime(moment, True, True)
    year, month, day, hour, minute, second, offset = match.groups()
    zone = _offset(offset)
    try:
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=zone or UTC,
        )
    except ValueError:
        return None
    return PageTime(moment, hour is not None, zone is not None)


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
