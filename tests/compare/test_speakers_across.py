"""One speaker, one row of the quotes matrix, however each outlet names them."""

from __future__ import annotations

from newsprism.compare.quotes import SPEAKER_UNCLEAR, story_speakers
from newsprism.compare.story import compare_articles
from newsprism.model.article import Article


def test_a_surname_joins_the_one_full_name_that_ends_with_it() -> None:
    known = story_speakers(["Breitner", "Markus Breitner", "Dr. Markus Breitner", "Anna Weber"])
    assert known["Breitner"] == "Dr. Markus Breitner"
    assert known["Markus Breitner"] == "Dr. Markus Breitner"
    assert known["Anna Weber"] == "Anna Weber"


def test_a_surname_shared_by_two_people_stays_apart() -> None:
    known = story_speakers(["Weber", "Anna Weber", "Jonas Weber"])
    assert known["Weber"] == "Weber"


def test_two_outlets_naming_one_speaker_differently_give_one_row() -> None:
    first = Article.from_text(
        "Der Kreistag von Hohenfeld hat den Bau einer neuen Kreisstraße gestoppt. Landrat "
        "Markus Breitner sagte am Dienstag, das Geld fehle für die Sanierung der Schulen.",
        outlet="kreisbote.example",
        language="de",
    )
    second = Article.from_text(
        "Die neue Kreisstraße bei Hohenfeld kommt vorerst nicht. Breitner sagte, das Geld "
        "fehle für die Sanierung der Schulen im Kreis.",
        outlet="landeszeitung.example",
        language="de",
    )
    comparison = compare_articles([first, second]).comparison
    speakers = {row.speaker for row in comparison.quotes}
    assert speakers == {"Markus Breitner"}, speakers
    assert len(comparison.quotes) == 1
    assert comparison.quotes[0].outlets == {"kreisbote.example", "landeszeitung.example"}


def test_a_direct_quote_without_a_speaker_is_shown_as_unclear_not_dropped() -> None:
    first = Article.from_text(
        "Die Kreisstraße bei Hohenfeld wird nicht gebaut. „Das Geld fehlt an allen Ecken und "
        "Enden, für die Schulen wie für die Straßen.“ Der Kreistag stimmte mit großer Mehrheit.",
        outlet="kreisbote.example",
        language="de",
    )
    second = Article.from_text(
        "Landrat Markus Breitner sagte, das Geld fehle für die Sanierung der Schulen im Kreis. "
        "Die Kreisstraße bei Hohenfeld kommt vorerst nicht.",
        outlet="landeszeitung.example",
        language="de",
    )
    comparison = compare_articles([first, second]).comparison
    unclear = [row for row in comparison.quotes if row.speaker == SPEAKER_UNCLEAR]
    assert unclear and unclear[0].outlets == {"kreisbote.example"}
    assert all(cell.kind == "direct" for row in unclear for cell in row.cells)
