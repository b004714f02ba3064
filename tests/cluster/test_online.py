from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsprism.cluster.features import ArticleFeatures, name_key, number_value, story_name_keys
from newsprism.cluster.online import (
    UNNUMBERED,
    Checkpoint,
    OnlineClusterer,
    StoryState,
    label_weight,
)
from newsprism.cluster.tracker import StoryTracker
from newsprism.errors import ConfigError
from newsprism.model.spans import EntityLabel
from newsprism.store.memory import MemoryStore

DAY = datetime(2026, 3, 9, 8, tzinfo=UTC)


def article(
    article_id: str,
    terms: str,
    names: str = "",
    numbers: str = "",
    when: datetime | None = DAY,
    language: str = "de",
) -> ArticleFeatures:
    return ArticleFeatures(
        article_id=article_id,
        published=when,
        language=language,
        terms={term: 1.0 for term in terms.split()},
        names={name: 1.0 for name in names.split()},
        numbers=frozenset(numbers.split()),
        title=article_id,
    )


BACKGROUND = [
    article(f"bg{i}", f"allgemein{i} thema{i} wort{i} sache{i}", f"n:ort{i}") for i in range(30)
]


def test_parameters_are_checked_up_front() -> None:
    with pytest.raises(ConfigError, match="threshold"):
        OnlineClusterer(threshold=1.5)
    with pytest.raises(ConfigError, match="merge_threshold"):
        OnlineClusterer(threshold=0.3, merge_threshold=0.1)
    with pytest.raises(ConfigError, match="add up to 1"):
        OnlineClusterer(term_weight=0.9, name_weight=0.9, number_weight=0.1)


def test_articles_join_the_matching_story_and_the_id_stays() -> None:
    clusterer = OnlineClusterer()
    clusterer.partial_fit(BACKGROUND)
    first, _ = clusterer.partial_fit(
        [article("a1", "brücke sperrung risse träger", "p:brettschneider n:kaltenbrück", "48000")]
    )
    later, _ = clusterer.partial_fit(
        [
            article("a2", "brücke sperrung stau pendler", "n:kaltenbrück", "48000"),
            article("a3", "tarif streik gewerkschaft lohn", "p:oltmanns"),
        ]
    )
    assert first[0].opened and first[0].story_id == "st-a1"
    assert later[0].story_id == "st-a1" and not later[0].opened and later[0].score > 0
    assert later[1].opened
    assert clusterer.stories_["st-a1"].size == 2


def test_an_english_report_joins_by_names_and_numbers() -> None:
    clusterer = OnlineClusterer()
    clusterer.partial_fit(BACKGROUND)
    clusterer.partial_fit(
        [article("de", "nordsee stromnetz gipfel", "p:rautenberg p:lindqvist n:emden", "y2035 120")]
    )
    (english,), _ = clusterer.partial_fit(
        [article("en", "grid summit wind", "p:rautenberg n:emden", "y2035 120", language="en")]
    )
    assert english.story_id == "st-de"


def test_old_stories_go_dormant_and_leave_the_index() -> None:
    clusterer = OnlineClusterer(window=timedelta(days=3))
    clusterer.partial_fit(BACKGROUND)
    clusterer.partial_fit([article("old", "brücke sperrung", "n:kaltenbrück", "48000")])
    late = DAY + timedelta(days=10)
    (again,), _ = clusterer.partial_fit(
        [article("new", "brücke sperrung", "n:kaltenbrück", "48000", when=late)]
    )
    assert again.opened  # same words ten days later: a new story
    clusterer.partial_fit([article(f"f{i}", f"x{i}", when=late) for i in range(1000)])
    assert "st-old" not in clusterer.stories_
    assert all("st-old" not in postings for postings in clusterer.index_.values())


def test_two_stories_that_turn_out_to_be_one_merge_under_the_older_id() -> None:
    clusterer = OnlineClusterer(threshold=0.2, merge_threshold=0.25)
    clusterer.partial_fit(BACKGROUND)
    clusterer.partial_fit([article("early", "datenleck kasse hacker", "n:gesundheitskasse")])
    clusterer.partial_fit(
        [article("late", "erpressung lösegeld", "p:metzinger", when=DAY + timedelta(hours=5))]
    )
    _, merges = clusterer.partial_fit(
        [
            article(
                "bridge",
                "datenleck kasse hacker erpressung lösegeld",
                "n:gesundheitskasse p:metzinger",
                when=DAY + timedelta(hours=6),
            )
        ]
    )
    assert [(m.from_id, m.into_id) for m in merges] == [("st-late", "st-early")]
    assert clusterer.story_of("st-late") == "st-early"
    assert clusterer.stories_["st-early"].size == 3


def test_state_round_trips_through_json() -> None:
    clusterer = OnlineClusterer()
    clusterer.partial_fit([article("a1", "brücke sperrung", "n:kaltenbrück", "48000")])
    state = clusterer.stories_["st-a1"]
    again = StoryState.from_json(state.as_json())
    assert again.terms == state.terms and again.keys == state.keys
    assert again.first_seen == state.first_seen
    # The norms as they were summed, not recomputed: a last-bit difference may tip a decision.
    assert (again.norm, again.name_norm) == (state.norm, state.name_norm)
    assert again.as_json() == state.as_json()


def test_a_state_saved_before_keys_were_numbered_still_loads() -> None:
    clusterer = OnlineClusterer()
    clusterer.partial_fit([article("a1", "brücke sperrung", "n:kaltenbrück", "48000")])
    record = clusterer.stories_["st-a1"].as_json()
    record["keys"] = sorted(record["keys"])
    del record["norm"], record["name_norm"]
    old = StoryState.from_json(record)
    assert set(old.keys.values()) == {UNNUMBERED}  # listed before anything numbered
    assert old.norm == pytest.approx(clusterer.stories_["st-a1"].norm)


def test_the_checkpoint_round_trips_through_the_stores_strings() -> None:
    checkpoint = Checkpoint(
        documents=1234,
        newest=DAY,
        horizon=DAY - timedelta(days=7),
        revived=((DAY - timedelta(days=30), DAY - timedelta(days=16)),),
        since_pruning=234,
        listed=5678,
    )
    meta = checkpoint.as_meta()
    assert all(isinstance(value, str) for value in meta.values())
    assert Checkpoint.from_meta(meta, timedelta(days=7)) == checkpoint
    assert Checkpoint.from_meta(Checkpoint().as_meta(), timedelta(days=7)) == Checkpoint()


def test_a_checkpoint_of_an_older_version_restores_a_window_of_stories_as_then() -> None:
    old = Checkpoint.from_meta({"documents": "40", "newest": DAY.isoformat()}, timedelta(days=3))
    assert old.documents == 40 and old.horizon == DAY - timedelta(days=3)
    assert old.in_memory() == [(DAY - timedelta(days=3), None)]
    assert Checkpoint.from_meta({}, timedelta(days=3)).in_memory() == [(None, None)]


def test_dormant_stories_of_a_time_are_asked_for_once_between_prunings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("newsprism.cluster.online.PRUNE_EVERY", 4)
    week = timedelta(days=7)
    clusterer = OnlineClusterer(window=week)
    clusterer.partial_fit([article("old", "brücke sperrung", "n:kaltenbrück", "48000")])
    later = DAY + timedelta(days=20)
    clusterer.partial_fit([article(f"n{i}", f"wort{i}", f"n:ort{i}", when=later) for i in range(3)])
    assert clusterer.horizon_ == later - week  # the fourth article pruned "old"
    dormant = clusterer.retired_["st-old"]
    asked: list[tuple[datetime, datetime]] = []

    def stored(since: datetime, until: datetime) -> list[StoryState]:
        asked.append((since, until))
        return [dormant] if dormant.overlaps(since, until) else []

    hour = timedelta(hours=1)
    (other,), _ = clusterer.partial_fit(
        [article("other", "hafen kran", "n:bremerhaven", when=DAY + hour)], dormant=stored
    )
    assert other.opened and "st-old" in clusterer.stories_  # revived all the same
    assert "st-old" in clusterer.changed_  # listed anew under its keys: saved with the batch
    assignments, _ = clusterer.partial_fit(
        [
            article("late2", "brücke sperrung", "n:kaltenbrück", "48000", when=DAY + 2 * hour),
            article("late3", "brücke träger", "n:kaltenbrück", when=DAY + hour),
        ],
        dormant=stored,
    )
    assert [a.story_id for a in assignments] == ["st-old", "st-old"]
    # The second asks only for the hour the first did not cover; the third asks for nothing.
    assert asked == [
        (DAY + hour - week, DAY + hour + week),
        (DAY + hour + week, DAY + 2 * hour + week),
    ]
    assert clusterer.revived_ == [(DAY + hour - week, DAY + 2 * hour + week)]


def test_names_and_numbers_are_normalised() -> None:
    assert name_key("Dmitri Medwedew", EntityLabel.PER) == name_key("Medvedev", EntityLabel.PER)
    assert number_value("48.000") == number_value("48000") == "48000"
    assert number_value("1,3", "Millionen") == number_value("1.3", "million") == "1.3e+06"
    assert number_value("2035") == "y2035"
    assert number_value("3") is None


def test_story_name_keys_do_not_depend_on_the_entity_type() -> None:
    """The same person typed PER in one report and ORG in another (the German tagger on English
    text) meets by the last word; the whole name counts half."""
    full = dict(story_name_keys("Dmitri Medwedew"))
    alone = dict(story_name_keys("Medvedev"))
    assert alone.keys() <= full.keys() and full[next(iter(alone))] == 1.0
    assert sorted(full.values()) == [0.5, 1.0]
    assert dict(story_name_keys("Deutsche Bank")).keys() != dict(story_name_keys("Bank")).keys()
    assert story_name_keys("  ") == ()


def test_a_name_of_several_words_is_shown_once_among_a_storys_entities() -> None:
    store = MemoryStore()
    tracker = StoryTracker(store)
    first = ArticleFeatures("a1", DAY, "de", terms={"gipfel": 1.0})
    first.names = dict(story_name_keys("Angela Merkel"))
    first.name_labels = {key: "Angela Merkel" for key in first.names}
    tracker.add_features([first])
    (story,) = store.stories()
    assert story.entities == ("Angela Merkel",)


def test_a_shouting_headline_labels_a_story_only_without_a_plain_one() -> None:
    assert label_weight("LAMM MUSS GEHEN!") == label_weight("Endlich Ruhe am Bahnhof!") == 0.5
    assert label_weight("Zweite Liga: Kaltenbrück entlässt Trainer Lamm") == 1.0
    assert label_weight("EU und NATO beraten in Brüssel") == 1.0  # acronyms are no shouting
    assert label_weight(None) == 0.0
