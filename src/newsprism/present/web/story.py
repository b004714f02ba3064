"""The one drawing of a story comparison: the typed `Comparison` and the story's articles in,
the variables of the `_comparison.html` partial out. The story page (`/stories/ID`) and the HTML
report (`story ID --html`, `compare --html`) both render that partial from this context.

Texts come from the articles (stored once), offsets from the comparison; the columns are cut by
the comparison's own sentences, so a fact's number sits on the very sentence it names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from newsprism.model.article import Article
from newsprism.model.comparison import Comparison, Fact, Framing, OmissionStatus, Stated
from newsprism.present.web.charts import TimelinePoint, timeline_svg
from newsprism.present.web.marking import FACT_COLOURS, Mark, attributes, marked_text

MAX_ENTITY_ROWS = 40


@dataclass(frozen=True, slots=True)
class ColumnSentence:
    html: Markup  # the sentence, its fact units marked ("only here" ones too)
    facts: tuple[int, ...]  # numbers of the facts several voices report, stated here


@dataclass(frozen=True, slots=True)
class Column:
    article_id: str
    outlet: str
    title: str
    published: str | None
    kind: str
    sentences: tuple[ColumnSentence, ...]
    left_out: tuple[int, ...]  # fact numbers charged "left out"
    not_found: tuple[int, ...]  # fact numbers charged "not found"
    # (number, first wording) of the facts charged "left out", for a sentence a reader can use
    left_out_facts: tuple[tuple[int, str], ...] = ()
    teaser: bool = False
    compared: bool = True  # False: comparing it failed; its text is shown, nothing is claimed


@dataclass(frozen=True, slots=True)
class ValueRow:
    """One value of a discrepancy: as the first outlet words it, and who gives it."""

    text: str
    outlets: list[str]


@dataclass(frozen=True, slots=True)
class DiscrepancyRow:
    field: str  # number | date | name
    values: list[ValueRow]


@dataclass(frozen=True, slots=True)
class Missing:
    """Why an outlet is marked on a fact it does not report, and its closest unit."""

    status: str  # left-out | not-found
    closest: str  # the closest unit's text, "" when none came near
    score: float


@dataclass(frozen=True, slots=True)
class FactRow:
    number: int
    text: str  # the first wording, as written (a quote keeps its own marks, nothing is added)
    role: str  # claim | quote | reported: reported speech is labelled, never put in quotes
    speaker: str | None
    marks: dict[str, str]  # outlet -> "yes" | "only" | "left-out" | "not-found" | ""
    shared: bool  # more than one independent voice reports it
    voices: int
    one_voice: str  # "the agency text of zpa.de, also run by …" when one voice is several outlets
    discrepancies: list[DiscrepancyRow]
    missing: dict[str, Missing]  # outlet -> why it is marked


@dataclass(frozen=True, slots=True)
class Said:
    text: str
    shortened: bool
    kind: str  # direct | indirect | mixed: only direct speech is shown in quotation marks


@dataclass(frozen=True, slots=True)
class QuoteLine:
    speaker: str
    cells: dict[str, list[Said]]  # outlet -> what it carried


@dataclass(frozen=True, slots=True)
class FramingRow:
    article_id: str
    outlet: str
    kind: str
    evidence: list[str]
    evaluative: list[tuple[str, float]]
    tone: list[tuple[str, float]]  # the strongest five


@dataclass(frozen=True, slots=True)
class WireRow:
    outlet: str
    article_id: str
    agency: str
    agency_article_id: str
    similarity: float
    added: list[str]
    changed: list[str]
    cut: list[str]


@dataclass(frozen=True, slots=True)
class StoryGlance:
    """The story at a glance, first on the page: what a reader checks before reading."""

    outlets: int
    voices: int  # independent voices: an agency text and its reprints are one
    shared_facts: int  # facts more than one independent voice reports
    discrepancies: int  # facts whose outlets give different numbers, dates or speakers
    left_out: int  # "left out" charges
    not_found: int  # "not found" charges
    wire_copies: int
    languages: list[str]


@dataclass(frozen=True, slots=True)
class VoiceRow:
    """An agency text and the outlets that ran it: one voice in omissions and "only here"."""

    agency: str
    article_id: str
    outlets: list[str]


def story_context(
    comparison: Comparison, articles: Sequence[Article], standalone: bool = False
) -> dict[str, Any]:
    """Template variables for `_comparison.html`. `articles`: the story's articles, in the
    order of the columns. `standalone`: for a file on its own (the report), where links point
    inside the page instead of to the web app's article pages."""
    texts = {a.id: a.text for a in articles}
    outlets = list(comparison.outlets)
    outlet_of = {a.id: a.outlet or "?" for a in articles}
    fact_rows = fact_table(comparison, texts, outlet_of)
    quote_rows = [
        QuoteLine(
            row.speaker,
            {
                outlet: [
                    Said(cell.quote.text_of(texts[cell.article_id]), cell.shortened, cell.kind)
                    for cell in row.cells
                    if cell.outlet == outlet
                ]
                for outlet in outlets
            },
        )
        for row in comparison.quotes
    ]
    names: dict[str, set[str]] = {}
    for outlet, found in comparison.entities.items():
        for name in found:
            names.setdefault(name, set()).add(outlet)
    entity_rows = sorted(names.items(), key=lambda item: (-len(item[1]), item[0]))
    framing_rows = [
        FramingRow(
            article_id=frame.article_id,
            outlet=outlet_of.get(frame.article_id, "?"),
            kind=frame.kind.value,
            evidence=[span.text_of(texts[frame.article_id]) for span in frame.evidence],
            evaluative=[
                (word.span.text_of(texts[frame.article_id]), word.polarity)
                for word in frame.evaluative
            ],
            tone=sorted(frame.tone.items(), key=lambda item: -abs(item[1]))[:5],
        )
        for frame in comparison.framing
    ]
    wire_rows = [
        WireRow(
            outlet=outlet_of.get(copy.article_id, "?"),
            article_id=copy.article_id,
            agency=outlet_of.get(copy.agency_article_id, "?"),
            agency_article_id=copy.agency_article_id,
            similarity=copy.similarity,
            added=[span.text_of(texts[copy.article_id]) for span in copy.added],
            changed=[span.text_of(texts[copy.article_id]) for span in copy.changed],
            cut=[span.text_of(texts[copy.agency_article_id]) for span in copy.cut],
        )
        for copy in comparison.wire
    ]
    points = [TimelinePoint(a.id, a.outlet or "?", a.title or "", a.published) for a in articles]
    first_wording = {row.number: _clip(row.text, 90) for row in fact_rows}
    return {
        "summary": story_glance(comparison, articles),
        "columns": story_columns(comparison, articles, first_wording),
        "outlets": outlets,
        "fact_rows": fact_rows,
        "quote_rows": quote_rows,
        "entity_rows": entity_rows[:MAX_ENTITY_ROWS],
        "entity_total": len(entity_rows),
        "framing_rows": framing_rows,
        "wire_rows": wire_rows,
        "voice_rows": voice_rows(comparison, outlet_of),
        "timeline": timeline_svg(points, article_href="#article-" if standalone else "/articles/"),
        "standalone": standalone,
        "fact_colours": FACT_COLOURS,
    }


def story_glance(comparison: Comparison, articles: Sequence[Article]) -> StoryGlance:
    omissions = [o for found in comparison.omissions.values() for o in found]
    return StoryGlance(
        outlets=len(comparison.outlets),
        voices=len(set(comparison.voices.values())) or len(articles),
        shared_facts=sum(1 for fact in comparison.facts if len(fact.voices) > 1),
        discrepancies=sum(1 for fact in comparison.facts if fact.discrepancies),
        left_out=sum(1 for o in omissions if o.status is OmissionStatus.LEFT_OUT),
        not_found=sum(1 for o in omissions if o.status is OmissionStatus.NOT_FOUND),
        wire_copies=len(comparison.wire),
        languages=sorted({a.language for a in articles if a.language}),
    )


def _clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word, with "…" where it was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–-") + " …"


def fact_table(
    comparison: Comparison, texts: dict[str, str], outlet_of: dict[str, str]
) -> list[FactRow]:
    """One row per fact: its first wording, a mark per outlet, discrepancies, and for each
    outlet charged with not reporting it the label and its closest unit."""
    missing: dict[int, dict[str, Missing]] = {}
    for outlet, found in comparison.omissions.items():
        for omission in found:
            closest = omission.closest
            missing.setdefault(omission.fact, {})[outlet] = Missing(
                omission.status.value,
                closest.span.text_of(texts[closest.article_id]) if closest else "",
                closest.score if closest else 0.0,
            )
    rows = []
    for number, fact in enumerate(comparison.facts):
        reported = fact.outlets
        charged = missing.get(number, {})
        marks = {}
        for outlet in comparison.outlets:
            if outlet in reported:
                marks[outlet] = "only" if len(fact.voices) == 1 else "yes"
            else:
                marks[outlet] = charged[outlet].status if outlet in charged else ""
        first = fact.members[0]
        rows.append(
            FactRow(
                number=number,
                text=first.span.text_of(texts[first.article_id]),
                role=first.role,
                speaker=first.speaker,
                marks=marks,
                shared=len(fact.voices) > 1,
                voices=len(fact.voices),
                one_voice=_one_voice(comparison, fact, outlet_of),
                discrepancies=[
                    DiscrepancyRow(
                        d.field,
                        [
                            ValueRow(
                                _value_text(d.field, value.value, value.stated, fact, texts),
                                list(
                                    dict.fromkeys(
                                        fact.members[s.member].outlet for s in value.stated
                                    )
                                ),
                            )
                            for value in d.values
                        ],
                    )
                    for d in fact.discrepancies
                ],
                missing=charged,
            )
        )
    return rows


def _value_text(
    field: str, value: str, stated: Sequence[Stated], fact: Fact, texts: dict[str, str]
) -> str:
    """A discrepancy's value as the article words it ("112", "Montag", "5.40 Uhr"); a name as
    its canonical form."""
    if field == "name" or not stated:
        return value
    member = fact.members[stated[0].member]
    return stated[0].span.text_of(texts[member.article_id])


def _one_voice(comparison: Comparison, fact: Fact, outlet_of: dict[str, str]) -> str:
    if len(fact.voices) != 1:
        return ""
    voice = fact.voices[0]
    family = [a for a, v in comparison.voices.items() if v == voice]
    outlets = list(dict.fromkeys(outlet_of.get(a, "?") for a in family))
    if len(outlets) < 2:
        return ""
    head = outlet_of.get(voice, "?")
    others = ", ".join(o for o in outlets if o != head)
    return f"one voice: the agency text of {head}, also run by {others}"


def voice_rows(comparison: Comparison, outlet_of: dict[str, str]) -> list[VoiceRow]:
    """The agency texts that several articles carry, with the outlets that ran them."""
    families: dict[str, list[str]] = {}
    for article_id, voice in comparison.voices.items():
        families.setdefault(voice, []).append(article_id)
    return [
        VoiceRow(
            outlet_of.get(voice, "?"),
            voice,
            list(dict.fromkeys(outlet_of.get(a, "?") for a in members)),
        )
        for voice, members in families.items()
        if len(members) > 1
    ]


def story_columns(
    comparison: Comparison,
    articles: Sequence[Article],
    first_wording: dict[int, str] | None = None,
) -> list[Column]:
    """One column per article: its sentences with fact units and evaluative words marked.
    `first_wording`: each fact's first wording, to say what a column left out."""
    first_wording = first_wording or {}
    facts = comparison.facts
    in_sentence: dict[tuple[str, int], list[int]] = {}
    units: dict[str, list[Mark]] = {}
    for number, fact in enumerate(facts):
        shared = len(fact.voices) > 1
        values = {
            (s.member, s.span.start, s.span.end)
            for d in fact.discrepancies
            for v in d.values
            for s in v.stated
        }
        for index, member in enumerate(fact.members):
            in_sentence.setdefault((member.article_id, member.sentence.start), []).append(number)
            style = f"fact fact-{number % FACT_COLOURS}" if shared else "only"
            units.setdefault(member.article_id, []).append(
                Mark(
                    member.span.start,
                    member.span.end,
                    "span",
                    attributes(class_=style, data_fact=str(number))
                    if shared
                    else attributes(class_=style, title="only this voice"),
                    0,
                )
            )
            units[member.article_id].extend(
                Mark(start, end, "span", attributes(class_="differs", title="differs"), 1)
                for who, start, end in values
                if who == index and end > start
            )
    framing = {frame.article_id: frame for frame in comparison.framing}
    columns = []
    for article in articles:
        frame = framing.get(article.id, Framing(article.id, article.kind))
        marks = units.get(article.id, []) + [
            Mark(
                w.span.start,
                w.span.end,
                "span",
                attributes(
                    class_="eval " + ("pos" if w.polarity > 0 else "neg"),
                    title=f"evaluative {w.polarity:+.1f}" + (f": {w.why}" if w.why else ""),
                ),
                2,
            )
            for w in frame.evaluative
        ]
        spans = comparison.sentences.get(article.id)
        marked = []
        if spans is None:  # left out of the comparison: its text, with nothing marked
            marked.append(ColumnSentence(marked_text(article.text, ()), ()))
        for span in spans or ():
            # a fact once per sentence, also where two of its clauses stand in one fact
            numbers = list(dict.fromkeys(in_sentence.get((article.id, span.start), [])))
            marked.append(
                ColumnSentence(
                    marked_text(article.text, marks, span.start, span.end),
                    tuple(n for n in numbers if len(facts[n].voices) > 1),
                )
            )
        omitted = comparison.omissions.get(article.outlet or "", ())
        columns.append(
            Column(
                article_id=article.id,
                outlet=article.outlet or "?",
                # Untitled (a plain text file): its first line names it better than its id.
                title=article.title or _clip(article.text.split("\n", 1)[0], 100),
                published=None if article.published is None else article.published.isoformat(),
                kind=frame.kind.value,
                sentences=tuple(marked),
                left_out=tuple(o.fact for o in omitted if o.status is OmissionStatus.LEFT_OUT),
                left_out_facts=tuple(
                    (o.fact, first_wording.get(o.fact, ""))
                    for o in omitted
                    if o.status is OmissionStatus.LEFT_OUT
                ),
                not_found=tuple(o.fact for o in omitted if o.status is OmissionStatus.NOT_FOUND),
                teaser=article.teaser,
                compared=spans is not None,
            )
        )
    return columns
