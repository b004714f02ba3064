"""Times on the pages are shown in the reader's zone, named; the JSON keeps ISO with offsets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsprism.errors import ConfigError
from newsprism.present.records import display_zone, to_local
from newsprism.present.web.charts import TimelinePoint, timeline_svg
from newsprism.present.web.templating import short_time


def test_pages_show_local_time_with_its_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_TZ", "Europe/Berlin")
    # a journalist's example: published at 07:15 in Germany, stored as 06:15 UTC
    assert short_time("2026-03-09T06:15:00+00:00") == "09.03.2026 07:15 CET"
    assert short_time("2026-03-09T07:15:00+01:00") == "09.03.2026 07:15 CET"
    assert short_time("2026-07-09T05:15:00+00:00") == "09.07.2026 07:15 CEST"
    assert short_time(None) == "undated"


def test_without_a_setting_the_machine_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSPRISM_TZ", raising=False)
    assert display_zone() is None
    moment = datetime(2026, 3, 9, 6, 15, tzinfo=UTC)
    assert to_local(moment) == moment.astimezone()


def test_a_bad_zone_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_TZ", "Europe/Atlantis")
    with pytest.raises(ConfigError, match="Europe/Atlantis"):
        display_zone()


def test_timeline_labels_in_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_TZ", "Europe/Berlin")
    points = [
        TimelinePoint("a" * 16, "bote.de", "Brücke zu", datetime(2026, 3, 9, 6, 15, tzinfo=UTC)),
        TimelinePoint("b" * 16, "kurier.de", "Brücke", datetime(2026, 3, 9, 9, 15, tzinfo=UTC)),
    ]
    svg = str(timeline_svg(points))
    assert "(09.03.2026 07:15 CET)" in svg and "(09.03.2026 10:15 CET)" in svg
