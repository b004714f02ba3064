"""Train the German part-of-speech tagger shipped in newsprism/analyse/models/pos-de.crfsuite.

    python -m train.pos [--out DIR]

UD German-GSD's training split is not available here, so the tagger trains on its test split and
is measured on its dev split. The model carries the treebank's licence, CC BY-SA 4.0.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pycrfsuite

from newsprism.analyse.crf import load_features
from newsprism.eval.conllu import read_conllu
from train import corpora
from train.ner import MODELS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=120)
    arguments = parser.parse_args()
    treebank = corpora.SHARED_DATA / "ud-german-gsd"
    train = list(read_conllu(treebank / "de_gsd-ud-test.conllu"))
    dev = list(read_conllu(treebank / "de_gsd-ud-dev.conllu"))
    # The same features as the entity tagger, so one feature pass serves both at run time.
    features = load_features(arguments.out / "taggers-de.lexicon.json")
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in train:
        trainer.append(features.sentence(sentence.words), sentence.tags)
    trainer.set_params(
        {"c1": arguments.c1, "c2": arguments.c2, "max_iterations": arguments.iterations}
    )
    arguments.out.mkdir(parents=True, exist_ok=True)
    model = arguments.out / "pos-de.crfsuite"
    trainer.train(str(model))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    correct = total = 0
    started = time.perf_counter()
    for sentence in dev:
        predicted = tagger.tag(features.sentence(sentence.words))
        correct += sum(p == g for p, g in zip(predicted, sentence.tags, strict=True))
        total += len(sentence.tags)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "train_sentences": len(train),
                "dev_tokens": total,
                "upos_accuracy": round(correct / total, 4),
                "tokens_per_second": round(total / seconds),
                "model_bytes": model.stat().st_size,
            }
        )
    )


if __name__ == "__main__":
    main()
