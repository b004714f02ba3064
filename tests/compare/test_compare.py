from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.compare.coverage import omissions, unique_facts, voices
from newsprism.compare.story import compare_articles
from newsprism.errors import ConfigError
from newsprism.model.article import Article, ArticleKind
from newsprism.model.comparison import (
    Comparison,
    Fact,
    FactMember,
    OmissionStatus,
    QuoteCell,
    QuoteRow,
    WireCopy,
)
from newsprism.model.spans import Span
from newsprism.run import IngestOptions, ingest
from newsprism.store import MemoryStore


def _fact(*outlets: str) -> Fact:
    members = tuple(FactMember(f"a-{o}", o, Span(0, 1), Span(0, 1)) for o in outlets)
    return Fact(members, voices=tuple(f"a-{o}" for o in outlets))


def test_unique_facts_and_omissions_by_hand() -> None:
    outlets = ["a", "b", "c", "d"]
    articles = [Article(id=f"a-{o}", text="x", outlet=o) for o in outlets]
    voice_of = {a.id: a.id for a in articles}
    facts = [_fact("a", "b", "c"), _fact("a", "b"), _fact("d")]
    assert unique_facts(facts, outlets) == {"a": (), "b": (), "c": (), "d": (2,)}

    def nothing_near(outlet: str, fact: int) -> tuple[None, bool]:
        return None, False

    # d leaves out fact 0 (3 of the 3 others report it) and fact 1 (2 of 3 > half);
    # c leaves out fact 1 (2 of 3 others).
    charged = omissions(facts, articles, voice_of, nothing_near)
    assert {o: tuple(x.fact for x in found) for o, found in charged.items()} == {
        "a": (),
        "b": (),
        "c": (1,),
        "d": (0, 1),
    }
    assert all(x.status is OmissionStatus.LEFT_OUT for found in charged.values() for x in found)
    stricter = omissions(facts, articles, voice_of, nothing_near, majority=0.7)
    assert [x.fact for x in stricter["d"]] == [0]
    # Something close in c's article: "not found", not "left out".
    near = omissions(facts, articles, voice_of, lambda outlet, fact: (None, outlet == "c"))
    assert [x.status for x in near["c"]] == [OmissionStatus.NOT_FOUND]
    with pytest.raises(ConfigError, match="majority"):
        omissions(facts, articles, voice_of, nothing_near, majority=1.5)


def test_an_agency_text_and_its_copies_are_one_voice() -> None:
    articles = [
        Article(id="agency", text="x", outlet="zpa.de", kind=ArticleKind.AGENCY),
        Article(id="copy", text="x", outlet="a.de"),
        Article(id="copy-of-copy", text="x", outlet="b.de"),
        Article(id="own", text="x", outlet="c.de"),
    ]
    wire = [
        WireCopy("copy", "agency", 0.9),
        WireCopy("copy-of-copy", "copy", 0.6),
        WireCopy("agency", "copy", 0.9),  # a reprint with the dateline looks like an agency too
    ]
    assert voices(articles, wire) == {
        "agency": "agency",  # the agency text by its metadata names the family
        "copy": "agency",
        "copy-of-copy": "agency",
        "own": "own",
    }


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
        # an article is in a fact once, or with two clauses of one sentence
        for article_id in {m.article_id for m in fact.members}:
            own = [m for m in fact.members if m.article_id == article_id]
            assert len(own) <= 2 and len({m.sentence for m in own}) == 1
        for member in fact.members:
            assert member.span.text_of(texts[member.article_id]).strip()
            assert (
                member.sentence.start <= member.span.start < member.span.end <= member.sentence.end
            )


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


def test_a_paywall_teaser_is_never_charged_with_leaving_out() -> None:
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
    assert any(o.status is OmissionStatus.LEFT_OUT for o in charged)  # as a full article
    articles[2] = articles[2].with_metadata(teaser=True)
    teaser = compare_articles(articles).comparison.omissions["c.example"]
    # The rest may be behind the paywall: "not found" at most, never "left out".
    assert teaser and all(o.status is OmissionStatus.NOT_FOUND for o in teaser)


def test_signals_flag_discrepancies_left_out_and_one_speaker() -> None:
    cell = QuoteCell("Anna Roth", "a.example", "a1", Span(0, 5), False, "direct")
    many = Comparison(
        "st-1", quotes=(QuoteRow("Anna Roth", (cell, cell, cell)), QuoteRow("Ben", (cell,)))
    )
    assert many.signals() == {"discrepancies": 0, "left_out": 0, "one_speaker": "Anna Roth"}
    few = Comparison(
        "st-1", quotes=(QuoteRow("Anna Roth", (cell, cell)), QuoteRow("Ben", (cell, cell)))
    )
    assert few.signals()["one_speaker"] is None
