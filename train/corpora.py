"""Readers for the NER training corpora in ../shared/data, all mapped to BIO over PER/ORG/LOC/MISC.

Each reader yields (words, tags) sentences. Licences (see each SOURCE.md): GermEval 2014, SmartData
and MobIE are CC BY 4.0, Europeana Newspapers is CC0 — all allow shipping a trained model.
German-LER (licence unclear) and SpkAtt (non-commercial) are deliberately not read here.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsprism.analyse.sentences import split_sentences
from newsprism.analyse.tokenize import tokenize
from newsprism.eval.entities import read_germeval

Sentence = tuple[list[str], list[str]]

SHARED_DATA = Path(
    os.environ.get("NEWSPRISM_SHARED_DATA", Path(__file__).parents[2] / "shared" / "data")
)

# SmartData and MobIE share one scheme of lower-case types.
_DFKI_TYPES = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
}


def smartdata(path: Path) -> Iterator[Sentence]:
    """Character spans on raw text: tokenised and split with newsprism's own tokenizer."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        raw = handle.read()
    decoder = json.JSONDecoder()
    position = 0
    while True:
        while position < len(raw) and raw[position].isspace():
            position += 1
        if position >= len(raw):
            return
        document, position = decoder.raw_decode(raw, position)
        text = document["text"]["string"]
        mentions = []
        for mention in (document.get("conceptMentions") or {}).get("array", []):
            label = _DFKI_TYPES.get(mention["type"])
            if label:
                mentions.append((mention["span"]["start"], mention["span"]["end"], label))
        yield from _char_spans_to_bio(text, mentions)


def _char_spans_to_bio(text: str, mentions: list[tuple[int, int, str]]) -> Iterator[Sentence]:
    tokens = tokenize(text)
    tags = ["O"] * len(tokens)
    for start, end, label in mentions:
        inside = [i for i, token in enumerate(tokens) if token.start >= start and token.end <= end]
        for number, index in enumerate(inside):
            tags[index] = f"{'B' if number == 0 else 'I'}-{label}"
    for first, last in split_sentences(tokens):
        yield [token.text for token in tokens[first:last]], tags[first:last]


def mobie(path: Path, split: str = "train") -> Iterator[Sentence]:
    with zipfile.ZipFile(path) as archive:
        text = archive.read(f"{split}.conll2003").decode("utf-8")
    words: list[str] = []
    tags: list[str] = []
    for line in io.StringIO(text):
        columns = line.split()
        if not columns or columns[0] == "-DOCSTART-":
            if words:
                yield words, tags
            words, tags = [], []
            continue
        words.append(columns[0].lstrip("#") or columns[0])
        tag = columns[-1]
        prefix, _, kind = tag.partition("-")
        label = _DFKI_TYPES.get(kind)
        tags.append(f"{prefix}-{label}" if label else "O")
    if words:
        yield words, tags


_EUROPEANA_TAG = re.compile(r"^[BI]-(PER|LOC|ORG)$")


def europeana(path: Path) -> Iterator[Sentence]:
    """One token stream per file without sentences: split after final punctuation."""
    words: list[str] = []
    tags: list[str] = []
    for line in path.open(encoding="utf-8"):
        if line.startswith("#"):
            continue
        columns = line.split()
        if len(columns) != 2:
            continue
        word, tag = columns
        words.append(word)
        tags.append(tag if _EUROPEANA_TAG.match(tag) else "O")
        if (word[-1:] in {".", "!", "?"} and len(words) > 3) or len(words) >= 60:
            yield words, tags
            words, tags = [], []
    if words:
        yield words, tags


def germeval_split(path: Path) -> tuple[list[Sentence], list[Sentence]]:
    """Our own train/dev split of the one GermEval file we have: every fifth sentence is dev."""
    train: list[Sentence] = []
    dev: list[Sentence] = []
    for index, sentence in enumerate(read_germeval(path)):
        (dev if index % 5 == 4 else train).append(sentence)
    return train, dev


_WIKIANN_TAG = re.compile(r"^[BI]-(PER|LOC|ORG)$")


def wikiann(path: Path) -> Iterator[Sentence]:
    """WikiANN (PAN-X) German: 'word<TAB>tag' lines, a blank line between sentences.

    Silver labels from Wikipedia links, PER/ORG/LOC only. Redirect stubs ('WEITERLEITUNG') are
    left out; a span that takes in brackets ('Osjorsk ( Kaliningrad )') ends before them, as
    GermEval would tag it.
    """
    words: list[str] = []
    tags: list[str] = []
    for line in [*path.open(encoding="utf-8"), "\n"]:
        columns = line.rstrip("\n").split("\t")
        if len(columns) == 2 and columns[0]:
            words.append(columns[0])
            tags.append(columns[1] if _WIKIANN_TAG.match(columns[1]) else "O")
            continue
        if words and not any(word.upper().startswith("WEITERLEITUNG") for word in words):
            yield words, _cut_at_brackets(words, tags)
        words, tags = [], []


def _cut_at_brackets(words: list[str], tags: list[str]) -> list[str]:
    cut = list(tags)
    inside_bracket = False
    for index, word in enumerate(words):
        if cut[index] == "O" or cut[index].startswith("B-"):
            inside_bracket = False
        if word in {"(", ")", "[", "]"} and cut[index] != "O":
            inside_bracket = True
        if inside_bracket:
            cut[index] = "O"
    return cut


def auxiliary(sources: tuple[str, ...]) -> Iterator[Sentence]:
    """The gold corpora beside GermEval (SmartData v1, MobIE, Europeana) that `sources` names."""
    if "smartdata" in sources:
        for name in ("train", "test"):
            yield from smartdata(
                SHARED_DATA / "smartdata-corpus" / "v1_20180119" / f"{name}.json.gz"
            )
    if "mobie" in sources:
        yield from mobie(SHARED_DATA / "mobie-ner" / "ner_conll03_formatted.zip")
    if "europeana" in sources:
        for name in ("lft", "onb", "sbb"):
            yield from europeana(SHARED_DATA / "europeana-newspapers-ner-de" / f"enp_DE.{name}.bio")


def train_crf(trainer: Any, model: Path, c1: float, c2: float, iterations: int) -> float:
    """Train a CRFsuite model with our settings into `model`; the seconds it took."""
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
        }
    )
    model.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    trainer.train(str(model))
    return time.perf_counter() - started
