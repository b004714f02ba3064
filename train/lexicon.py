"""Convert the German polarity lexicon shipped with textblob-de into newsprism's compact TSV.

    python -m train.lexicon

Source: ../shared/data/german_polarity_lexicon_textblob_de/de-sentiment.xml (German Polarity
Lexicon by Klenner, Clematide, Wiegand and Peters, 2010, converted by Markus Killer for
textblob-de; the file states the Apache License 2.0). Writes
src/newsprism/compare/data/polarity-de.tsv: word, polarity (-1..1), one per line.
SentiWS (non-commercial) is deliberately not used for anything shipped.
"""

from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree

from train import corpora

OUT = Path(__file__).parents[1] / "src" / "newsprism" / "compare" / "data" / "polarity-de.tsv"


def main() -> None:
    source = corpora.SHARED_DATA / "german_polarity_lexicon_textblob_de" / "de-sentiment.xml"
    root = ElementTree.parse(source).getroot()
    rows = []
    for word in root.iter("word"):
        polarity = float(word.get("polarity", "0"))
        form = word.get("form", "").strip()
        if form and polarity:
            rows.append(f"{form}\t{polarity:g}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# German Polarity Lexicon 1.1 (Klenner, Clematide, Wiegand, Peters 2010), as converted\n"
        "# for textblob-de by Markus Killer; Apache License 2.0. Made by train/lexicon.py.\n"
    )
    OUT.write_text(header + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"{len(rows)} entries -> {OUT}")


if __name__ == "__main__":
    main()
