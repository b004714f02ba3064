"""Sentences, lemmas and parts of speech measured on UD German-GSD (dev split by default).

    python bench/analysis_ud.py [--split dev|test]

Sentences: the treebank's sentences are joined with a space (a new paragraph every 10
sentences, as GSD has no paragraph marks) and split again; a boundary counts when it falls at a
gold sentence end. Lemmas and parts of speech are scored on the gold tokens (UPOS; the tagger
was trained on the test split, so only dev is held out). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import simplemma

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprism.analyse.sentences import split_sentences
from newsprism.analyse.stages import pos_tagger
from newsprism.analyse.tokenize import tokenize
from newsprism.eval.conllu import read_conllu

SHARED = Path(
    os.environ.get("NEWSPRISM_SHARED_DATA", Path(__file__).parents[2] / "shared" / "data")
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    arguments = parser.parse_args()
    path = SHARED / "ud-german-gsd" / f"de_gsd-ud-{arguments.split}.conllu"
    if not path.is_file():
        sys.exit(f"{path} is missing; see docs/analysis.md")
    sentences = list(read_conllu(path))

    # Sentence boundaries.
    text_parts: list[str] = []
    gold_ends: set[int] = set()
    position = 0
    for number, sentence in enumerate(sentences):
        separator = "\n" if number and number % 10 == 0 else (" " if number else "")
        position += len(separator)
        text_parts.append(separator + sentence.text)
        position += len(sentence.text)
        gold_ends.add(position)
    text = "".join(text_parts)
    started = time.perf_counter()
    tokens = tokenize(text)
    predicted_ends = {tokens[last - 1].end for _, last in split_sentences(tokens)}
    split_seconds = time.perf_counter() - started
    correct = len(gold_ends & predicted_ends)
    exact = 0
    previous_end = 0
    for sentence_end in sorted(gold_ends):
        inside = {end for end in predicted_ends if previous_end < end <= sentence_end}
        exact += inside == {sentence_end}
        previous_end = sentence_end

    # Lemmas and parts of speech on gold tokens.
    lemma_right = lemma_total = 0
    pos_right = pos_total = 0
    tagger = pos_tagger()
    started = time.perf_counter()
    for sentence in sentences:
        for word, gold in zip(sentence.words, sentence.lemmas, strict=True):
            lemma_total += 1
            lemma_right += simplemma.lemmatize(word, lang="de") == gold
    lemma_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for sentence in sentences:
        predicted = tagger.tag(sentence.words)
        pos_total += len(predicted)
        pos_right += sum(p == g for p, g in zip(predicted, sentence.tags, strict=True))
    pos_seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "data": str(path),
                "sentences": len(sentences),
                "sentence_boundary_precision": round(correct / len(predicted_ends), 4),
                "sentence_boundary_recall": round(correct / len(gold_ends), 4),
                "sentences_exactly_right": round(exact / len(gold_ends), 4),
                "split_tokens_per_second": round(len(tokens) / split_seconds),
                "lemma_accuracy": round(lemma_right / lemma_total, 4),
                "lemma_tokens_per_second": round(lemma_total / lemma_seconds),
                "upos_accuracy": round(pos_right / pos_total, 4),
                "pos_tokens_per_second": round(pos_total / pos_seconds),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
