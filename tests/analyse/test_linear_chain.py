"""The fast decoder gives CRFsuite's own tags, from the same model files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsprism.analyse import linear_chain
from newsprism.analyse.crf import SequenceTagger
from newsprism.analyse.document import Document
from newsprism.analyse.linear_chain import LinearChainDecoder, LinearChainWeights, viterbi
from newsprism.analyse.stages import Sentences, Tokens, entity_tagger, pos_tagger
from newsprism.errors import ConfigError

EXAMPLES = Path(__file__).parents[2] / "src" / "newsprism" / "examples"
ODD = [
    ["Hallo"],
    ["Nein", "."],
    ["Xqzvbn", "Ääöü-Ütrf", "sagte", "am", "3.", "Mai", "2026", ":", "„", "Nie", "!", "“"],
    ["der"] * 180,  # one long sentence among short ones
]


def corpus_sentences() -> list[list[str]]:
    documents = [
        Document(path.read_text(encoding="utf-8"), "de") for path in sorted(EXAMPLES.rglob("*.txt"))
    ]
    Tokens()(documents)
    Sentences()(documents)
    return [
        [token.text for token in document.tokens[first:last]]
        for document in documents
        for first, last in document.sentence_bounds
    ] + ODD


@pytest.fixture(scope="module")
def sentences() -> list[list[str]]:
    return corpus_sentences()


@pytest.mark.parametrize("make", [pos_tagger, entity_tagger], ids=["pos", "entities"])
def test_the_decoder_tags_as_crfsuite_does(
    make: type[SequenceTagger], sentences: list[list[str]]
) -> None:
    tagger = make()
    expected = [tagger.tag_items(tagger.items(words)) for words in sentences]
    assert tagger.tag_sentences(sentences) == expected
    # one at a time, and in another order, the same
    assert [tagger.tag(words) for words in reversed(sentences[:40])] == expected[:40][::-1]
    assert len({tag for tags in expected for tag in tags}) > 3  # the tags are not all one


def test_the_scores_are_the_sums_of_the_sentence_features(sentences: list[list[str]]) -> None:
    tagger = pos_tagger()
    weights = tagger.decoder.weights
    sample = sentences[:60] + ODD
    for words, scores in zip(sample, tagger.decoder.emissions(sample), strict=True):
        summed = np.stack([weights.score(features) for features in tagger.features.sentence(words)])
        assert np.allclose(summed, scores, rtol=0, atol=1e-9)


def test_a_bounded_cache_forgets_and_still_tags_right(
    monkeypatch: pytest.MonkeyPatch, sentences: list[list[str]]
) -> None:
    monkeypatch.setattr(linear_chain, "_CACHE_LIMIT", 50)
    tagger = pos_tagger()
    decoder = LinearChainDecoder(tagger.decoder.weights, tagger.features)
    sample = sentences[:30]
    assert [decoder.tag([words])[0] for words in sample] == [
        tagger.tag_items(tagger.items(words)) for words in sample
    ]
    distinct = {word for words in sample for word in words}
    assert len(distinct) > 100
    assert len(decoder._rows) <= 50 + max(len(set(words)) for words in sample) < len(distinct)


def test_empty_input() -> None:
    tagger = pos_tagger()
    assert tagger.tag_sentences([]) == []
    assert tagger.tag_sentences([[], ["Ja"], []])[0] == []
    assert tagger.tag([]) == []
    assert viterbi([], np.zeros((2, 2))) == []


def test_viterbi_breaks_ties_to_the_first_label() -> None:
    transition = np.zeros((3, 3))
    assert viterbi([np.zeros((4, 3))], transition) == [[0, 0, 0, 0]]
    scores = np.array([[0.0, 1.0, 1.0], [2.0, 0.0, 2.0]])
    assert viterbi([scores], transition) == [[1, 0]]


def test_a_file_that_is_no_model_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "ner-de.crfsuite"
    broken.write_bytes(b"lCRF" + b"\0" * 20)
    with pytest.raises(ConfigError, match=r"ner-de\.crfsuite"):
        LinearChainWeights.read(broken)
