"""Search knows German compounds: a word finds the compounds that contain it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.run import IngestOptions, ingest
from newsprism.store import SQLiteStore, browse
from tests.helpers import write_jsonl

TEXTS = {
    "linden": "Die Lindenbrücke in Musterhausen bleibt wegen Rissen bis Ende Mai geschlossen.",
    "rhein": "Pendler stehen im Stau, weil die Rheinbrücke für Lastwagen gesperrt wurde.",
    "sperrung": "Die Brückensperrung kostet den Einzelhandel nach eigenen Angaben viel Geld.",
    "bruecke": "Über die Brücke am Hafen fahren wieder Busse, teilte die Stadt am Montag mit.",
    "andere": "Der Stadtrat beschloss am Abend einen neuen Haushalt für das kommende Jahr.",
}

FILLER = "Weitere Einzelheiten wollen die Behörden in den kommenden Tagen bekannt geben."


@pytest.fixture()
def store(tmp_path: Path) -> SQLiteStore:
    records = [
        {"maintext": f"{text} {FILLER}", "title": key, "source_domain": "bote.de"}
        for key, text in TEXTS.items()
    ]
    path = tmp_path / "n.db"
    writer = SQLiteStore(path)
    ingest([str(write_jsonl(tmp_path / "a.jsonl", records))], writer, IngestOptions(analyse=False))
    writer.close()
    return SQLiteStore(path, readonly=True)


def _titles(store: SQLiteStore, query: str) -> set[str]:
    return {hit.article.title or "" for hit in store.search(query, 50)}


def test_a_word_finds_the_compounds_holding_it(store: SQLiteStore) -> None:
    assert _titles(store, "Brücke") == {"linden", "rhein", "sperrung", "bruecke"}
    assert _titles(store, "brücke") == _titles(store, "BRÜCKE")
    assert _titles(store, "Brücken") == {"sperrung"}


def test_every_word_must_occur(store: SQLiteStore) -> None:
    assert _titles(store, "Brücke Pendler") == {"rhein"}
    assert _titles(store, "Brücke Haushalt") == set()


def test_quotes_find_the_word_itself(store: SQLiteStore) -> None:
    assert _titles(store, '"Brücke"') == {"bruecke"}


def test_fts5_syntax_is_kept(store: SQLiteStore) -> None:
    assert _titles(store, "Lindenbrücke OR Haushalt") == {"linden", "andere"}
    assert _titles(store, "Rhein*") == {"rhein"}


def test_short_words_are_not_widened(store: SQLiteStore) -> None:
    # "Rat" is in "Stadtrat", but three letters would widen to half the language
    assert _titles(store, "Rat") == set()


def test_snippets_mark_the_compounds(store: SQLiteStore) -> None:
    [hit] = store.search("Rheinbrücke", 5)
    assert "[Rheinbrücke]" in hit.snippet
    snippets = {hit.article.title: hit.snippet for hit in store.search("Brücke", 10)}
    assert "[Lindenbrücke]" in snippets["linden"]


def test_the_word_list_is_read_again_once_it_is_old(
    tmp_path: Path, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader keeps the index's words for a while (reading them costs a pass over the whole
    index); a compound written meanwhile is found once the list is read again."""
    assert _titles(store, "Brücke") == {"linden", "rhein", "sperrung", "bruecke"}
    writer = SQLiteStore(store.path)
    record = {"maintext": f"Die Hafenbrücke wird neu gestrichen. {FILLER}", "title": "hafen"}
    ingest([str(write_jsonl(tmp_path / "b.jsonl", [record]))], writer, IngestOptions(analyse=False))
    writer.close()
    assert _titles(store, "Hafenbrücke") == {"hafen"}  # the word itself, at once
    assert "hafen" not in _titles(store, "Brücke")  # not yet among the widened words
    monkeypatch.setattr(browse, "VOCABULARY_SECONDS", 0.0)
    assert "hafen" in _titles(store, "Brücke")
