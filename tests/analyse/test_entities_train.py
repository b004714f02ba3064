"""train/ner.py end to end on a tiny invented corpus (GermEval and WikiANN formats)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from train import corpora, ner, silver
from train.piece_clusters import kmeans, vocabulary

from newsprism.analyse.crf import StackedTagger, load_features
from newsprism.analyse.document import Document
from newsprism.analyse.sentences import split_sentences
from newsprism.analyse.stages import Entities, EntityLists
from newsprism.analyse.tokenize import tokenize

_GOLD = [
    [("Anna", "B-PER"), ("Wagner", "I-PER"), ("wohnt", "O"), ("in", "O"), ("Kassel", "B-LOC")],
    [("Die", "O"), ("Stadtwerke", "B-ORG"), ("Ulm", "I-ORG"), ("bauen", "O"), (".", "O")],
    [("Jonas", "B-PER"), ("Kern", "I-PER"), ("fährt", "O"), ("nach", "O"), ("Bremen", "B-LOC")],
    [("Der", "O"), ("Hafenverein", "B-ORG"), ("tagt", "O"), ("in", "O"), ("Kiel", "B-LOC")],
    [("Lena", "B-PER"), ("Brandt", "I-PER"), ("las", "O"), ("Faust", "B-OTH"), (".", "O")],
]


def _write_data(root: Path) -> None:
    lines = []
    for _ in range(3):
        for sentence in _GOLD:
            lines.extend(f"{i}\t{w}\t{t}\tO" for i, (w, t) in enumerate(sentence, start=1))
            lines.append("")
    (root / "germeval2014-ner").mkdir(parents=True)
    (root / "germeval2014-ner" / "NER-de-test.tsv").write_text("\n".join(lines), encoding="utf-8")
    silver = "Mia\tB-PER\nRoth\tI-PER\nlebt\tO\nin\tO\nGotha\tB-LOC\n(\tI-LOC\nThüringen\tI-LOC\n)\tI-LOC\n\n"
    silver += "WEITERLEITUNG\tO\nKiel\tB-LOC\n\n"
    (root / "wikiann-de").mkdir()
    (root / "wikiann-de" / "train.conll").write_text(silver * 4, encoding="utf-8")


def test_wikiann_reader_drops_redirects_and_cuts_brackets(tmp_path: Path) -> None:
    _write_data(tmp_path)
    sentences = list(corpora.wikiann(tmp_path / "wikiann-de" / "train.conll"))
    assert len(sentences) == 4
    _, tags = sentences[0]
    assert tags == ["B-PER", "I-PER", "O", "O", "B-LOC", "O", "O", "O"]


def _shared_data_and_clusters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clusters: dict[str, str]
) -> Path:
    """The small training data as the scripts' shared data, and a clusters file to pass."""
    data = tmp_path / "data"
    _write_data(data)
    monkeypatch.setattr(corpora, "SHARED_DATA", data)
    path = tmp_path / "clusters.json"
    path.write_text(json.dumps(clusters), encoding="utf-8")
    return path


def test_training_script_writes_a_model_and_its_lexicon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clusters = _shared_data_and_clusters(
        tmp_path, monkeypatch, {"kassel": "1|2|3", "bremen": "1|2|4"}
    )
    out = tmp_path / "models"
    monkeypatch.setattr(
        sys,
        "argv",
        ["ner", "--out", str(out), "--iterations", "5", "--clusters", str(clusters), "--no-places"],
    )
    ner.main()
    report = json.loads(capsys.readouterr().out)
    assert report["train_sentences"] == 12  # GermEval's train split; WikiANN feeds the gazetteer
    assert {"overall", "PER"} <= set(report["scores"])
    assert (out / "ner-de.crfsuite").stat().st_size > 0
    lexicon = json.loads((out / "taggers-de.lexicon.json").read_text(encoding="utf-8"))
    assert lexicon["clusters"]["kassel"] == "1|2|3"
    assert lexicon["names"]["merkel"] == "PER"  # our own list of well-known persons
    assert lexicon["institutions"]["europaparlament"] == "ORG"
    assert lexicon["names"]["gotha"] == "LOC"  # from the silver sentences


def test_silver_tagger_is_stacked_under_the_entity_tagger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clusters = _shared_data_and_clusters(tmp_path, monkeypatch, {"kiel": "1|2|3"})
    silver_dir = tmp_path / "silver"
    argv = ["silver", "--clusters", str(clusters), "--out", str(silver_dir), "--iterations", "5"]
    monkeypatch.setattr(sys, "argv", argv)
    silver.main()
    assert json.loads(capsys.readouterr().out)["sentences"] == 4
    out = tmp_path / "models"
    silver_model = silver_dir / "ner-de-silver.crfsuite"
    argv = ["ner", "--out", str(out), "--iterations", "5", "--silver", str(silver_model)]
    monkeypatch.setattr(sys, "argv", argv)
    ner.main()
    report = json.loads(capsys.readouterr().out)
    assert report["silver"] is True
    assert (out / "ner-de-silver.crfsuite").read_bytes() == silver_model.read_bytes()
    features = load_features(out / "taggers-de.lexicon.json")
    tagger = StackedTagger(out / "ner-de.crfsuite", features, out / "ner-de-silver.crfsuite")
    assert tagger.stacks
    text = "Anna Wagner wohnt in Kassel. Jonas Kern fährt nach Kiel."
    document = Document(text, "de", tokenize(text))
    document.sentence_bounds = split_sentences(document.tokens)
    Entities(tagger, EntityLists({}, {}))([document])
    assert len(document.ner_tags) == len(document.tokens)


def test_piece_cluster_helpers() -> None:
    assert sorted(vocabulary([["Berlin", "berlin", "BERLIN", "Berlin", "3", "."]])) == ["Berlin"]

    vectors = np.array([[1.0, 0.0], [0.99, 0.14], [0.0, 1.0], [0.1, 0.99]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = kmeans(vectors, 2, seed=0)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
