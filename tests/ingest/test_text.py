from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.ingest.records import FoundArticle, ReadOptions
from newsprism.ingest.text import read_text_file, split_caption


@pytest.mark.parametrize(
    "first_line",
    [
        "Der Bürgermeister vor dem Rathaus. Foto: AFP/ Jana Beispiel",
        "Demonstranten am Samstag in der Innenstadt (Bild: dpa)",
        "Die neue Halle im Rohbau. © picture alliance / Sven Muster",
        "Blick auf den Hafen. Fotos: Stadtarchiv",
    ],
)
def test_leading_caption_with_credit_is_split_off(first_line: str) -> None:
    caption, body = split_caption(f"{first_line}\nDer Stadtrat tagte am Montag.\nMehr Text.")
    assert caption == first_line
    assert body.strip().startswith("Der Stadtrat tagte")


def test_text_without_caption_is_unchanged() -> None:
    text = "Der Stadtrat tagte am Montag.\nEin Foto: davon gab es keines, sagte er."
    assert split_caption(text) == (None, text)


def test_credit_later_in_the_text_is_not_a_caption() -> None:
    text = "Erster Absatz ohne Bildnachweis.\nZweiter Absatz. Foto: AFP/ Name"
    assert split_caption(text)[0] is None


def test_subheadings_stay_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text(
        "Erster Absatz des Berichts.\n\nWas Pendler wissen müssen\n\nDritter Absatz.",
        encoding="utf-8",
    )
    [item] = list(read_text_file(path, ReadOptions()))
    assert isinstance(item, FoundArticle)
    assert item.title is None  # no title line is assumed
    assert "Was Pendler wissen müssen" in item.text.split("\n")


def test_cp1252_text_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "alt.txt"
    path.write_bytes("Grüße aus Köln: „Straßenfest“ kostet 5 €.".encode("cp1252"))
    [item] = list(read_text_file(path, ReadOptions()))
    assert isinstance(item, FoundArticle)
    assert "Grüße aus Köln" in item.text
