from __future__ import annotations

from newsprism.analyse.canonical import sound_key, unify_across
from newsprism.analyse.pipeline import default_pipeline
from newsprism.model.spans import EntityLabel


def people(text: str) -> list[tuple[str, str, str | None]]:
    document = default_pipeline().analyse(text, "de")
    return [
        (e.text_of(text), e.canonical, e.role)
        for e in document.entities
        if e.label is EntityLabel.PER
    ]


def test_surname_and_genitive_take_the_full_name_with_the_role_kept() -> None:
    found = people(
        "Bayerns Ministerpräsidentin Anna Wagner besuchte Kaltenbrück. Wagner lobte die Stadt. "
        "Wagners Besuch dauerte zwei Stunden."
    )
    assert ("Anna Wagner", "Anna Wagner", "Bayerns Ministerpräsidentin") in found
    assert {canonical for _, canonical, _ in found} == {"Anna Wagner"}
    assert len(found) >= 3


def test_transliterations_share_a_sound_key() -> None:
    assert sound_key("Medwedew") == sound_key("Medvedev")
    assert sound_key("Selenskyj") == sound_key("Zelenskyj")
    assert sound_key("Schmidt") != sound_key("Schmitz")


def test_names_are_unified_across_the_articles_of_a_story() -> None:
    pipeline = default_pipeline()
    documents = [
        pipeline.analyse("Der russische Ex-Präsident Dmitri Medwedew drohte erneut.", "de"),
        pipeline.analyse("Dmitry Medvedev, the former president, issued a threat.", "en"),
        pipeline.analyse("Medwedew sprach von Vergeltung.", "de"),
    ]
    mapping = unify_across(documents)
    canonicals = {e.canonical for d in documents for e in d.entities if e.label is EntityLabel.PER}
    assert len(canonicals) == 1, canonicals
    assert set(mapping.values()) == canonicals
