"""The metadata gold (tests/data/metadata) through bench/metadata.py's scorer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from bench.metadata import DEFAULT_FOLDER, evaluate, load_pages, same_minute, token_f1


def test_the_gold_is_met_and_beats_trafilatura_alone() -> None:
    pages = load_pages([DEFAULT_FOLDER])
    assert len(pages) >= 19
    result = evaluate(pages, rounds=0)
    ours, baseline = result["newsprism"], result["trafilatura"]
    assert ours["misses"] == []
    assert ours["title_exact"] == ours["published_exact"] == ours["authors_exact"] == 1.0
    assert ours["body_token_f1"] == 1.0
    assert ours["rejects_right"] == "4/4"
    assert baseline["title_exact"] < 1.0 and baseline["published_exact"] < 1.0


def test_scoring_rules() -> None:
    berlin = timezone(timedelta(hours=2))
    assert same_minute(datetime(2026, 4, 2, 14, 46, 59, tzinfo=berlin), "2026-04-02T14:46:12+02:00")
    # The same instant with another offset is not what the page said.
    assert not same_minute(datetime(2026, 4, 2, 12, 46, tzinfo=UTC), "2026-04-02T14:46+02:00")
    assert same_minute(None, None) and not same_minute(None, "2026-04-02")
    assert token_f1("a b c", "a b c") == 1.0 and token_f1("", "a") == 0.0
