from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.compare.coverage import omissions, unique_facts
from newsprism.compare.story import compare_articles
from newsprism.errors import ConfigError
from newsprism.model.comparison import Fact, FactSentence
from newsprism.model.spans import Sentence
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore


def _fact(*outlets: str) -> Fact:
    return Fact(tuple(FactSentence(f"a-{o}", o, Sentence(0, 1)) for o in outlets))


def test_unique_facts_and_omissions_by_hand() -> None:
    outlets = ["a", "b", "c", "d"]
    facts = [_fact("a", "b", "c"), _fact("a", "b"), _fact("d")]
    assert unique_facts(facts, outlets) == {"a": (), "b": (), "c": (), "d": (2,)}
    # d leaves out fact 0 (3 of the 3 others report it) and fact 1 (2 of 3 > half);
    # c leaves out fact 1 (2 of 3 others).
    assert omissions(facts, outlets) == {"a": (), "b": (), "c": (1,), "d": (0, 1)}
    assert omissions(facts, outlets, majority=0.7)["d"] == (0,)
    with pytest.raises(ConfigError, match="majority"):
        omissions(facts, outlets, majority=1.5)


def test_two_outlets_on_the_bridge_closure(examples: Path) -> None:
    store = MemoryStore()
    ingest(
        [str(examples / "zpa.de"), str(examples / "schnellpost.de" / "bruecken-schock.txt")],
        store,
        IngestOptions(cluster=False),
    )
    articles = sorted(store.articles(), key=lambda a: a.outlet or "")
    result = compare_articles(articles, "bridge")
    comparison = result.comparison
    assert result.outlets == ("schnellpost.de", "zpa.de")
    shared = [fact for fact in comparison.facts if len(fact.outlets) == 2]
    assert shared, "the agency report and the tabloid share facts"
    assert comparison.unique["zpa.de"] and comparison.unique["schnellpost.de"]
    mayor = [row for row in result.quote_rows if row.speaker == "Jonas Brettschneider"]
    assert len(mayor) == 1 and mayor[0].outlets == {"zpa.de", "schnellpost.de"}
    shortened = {cell.outlet: cell.shortened for cell in mayor[0].cells}
    assert shortened == {"schnellpost.de": True, "zpa.de": False}
    assert "Martin Kessler" in comparison.entities["schnellpost.de"]
    assert "Martin Kessler" not in comparison.entities["zpa.de"]
    texts = {a.id: a.text for a in articles}
    for fact in comparison.facts:
        assert len({s.article_id for s in fact.sentences}) == len(fact.sentences)
        for sentence in fact.sentences:
            assert sentence.sentence.text_of(texts[sentence.article_id]).strip()


def test_kind_of_every_example_article_from_its_framing(examples: Path) -> None:
    """Commentaries, the interview and the agency text are told apart from reports by features."""
    store = MemoryStore()
    ingest([str(examples)], store, IngestOptions(cluster=False))
    articles = list(store.articles())
    result = compare_articles(articles)
    kinds = {f.article_id: f.kind.value for f in result.comparison.framing}
    outlet = {a.id: a.outlet for a in articles}
    expected_commentaries = {a.id for a in articles if a.outlet == "morgenspiegel.de"}
    assert {i for i, k in kinds.items() if k == "commentary"} == expected_commentaries
    assert [outlet[i] for i, k in kinds.items() if k == "agency"] == ["zpa.de"]
    interviews = [i for i, k in kinds.items() if k == "interview"]
    assert len(interviews) == 1 and outlet[interviews[0]] == "radio-alpenland.de"
    commentary = next(f for f in result.comparison.framing if f.article_id in expected_commentaries)
    assert commentary.evaluative and commentary.evidence


def test_wire_copies_show_what_each_outlet_added_and_cut(examples: Path) -> None:
    store = MemoryStore()
    ingest(
        [
            str(examples / "zpa.de"),
            str(examples / "hanse-anzeiger.de"),
            str(examples / "rheinische-rundschau.de"),
            str(examples / "schnellpost.de" / "bruecken-schock.txt"),
        ],
        store,
        IngestOptions(cluster=False),
    )
    bridge = [
        a for a in store.articles() if "Lindenbrücke" in a.text or "Rheinbrücke" in (a.title or "")
    ]
    result = compare_articles(bridge)
    copies = {store.article(c.article_id).outlet: c for c in result.comparison.wire}
    assert set(copies) == {"hanse-anzeiger.de", "rheinische-rundschau.de"}  # not the tabloid
    assert all(store.article(c.agency_article_id).outlet == "zpa.de" for c in copies.values())
    rundschau = copies["rheinische-rundschau.de"]
    text = store.article(rundschau.article_id).text
    assert any("Busse" in s.text_of(text) for s in rundschau.added)
    assert rundschau.cut and rundschau.similarity > 0.5


def test_a_paywall_teaser_is_not_charged_with_omissions() -> None:
    from newsprism.compare.story import compare_articles
    from newsprism.model.article import Article

    full = (
        "Der Landkreis Talheim hat am Sonntag den Katastrophenfall ausgerufen. "
        "Die Pegel der Ems stiegen auf über sechs Meter. "
        "Rund 1200 Menschen in Wehrstedt werden evakuiert."
    )
    articles = [
        Article.from_text(full, outlet="a.example", title="Hochwasser"),
        Article.from_text(full.replace("Sonntag", "Sonntagabend"), outlet="b.example"),
        Article.from_text(
            "Der Landkreis Talheim hat den Katastrophenfall ausgerufen. Jetzt weiterlesen.",
            outlet="c.example",
        ),
    ]
    charged = compare_articles(articles).comparison.omissions["c.example"]
    assert charged  # as a full article, the short one leaves facts out
    articles[2] = articles[2].with_metadata(teaser=True)
    assert compare_articles(articles).comparison.omissions["c.example"] == ()
