"""A tagger trained on WikiANN's silver sentences alone, whose guesses the entity tagger reads.

    python -m train.silver --clusters FILE [--out DIR] [--iterations N]
    python -m train.ner --clusters FILE --silver DIR/ner-de-silver.crfsuite

Silver labels mixed into the training data cost the GermEval tagger points (WikiANN has no MISC
and draws spans its own way: 58.3 F1 against 61.1 without it). Stacked instead, the silver
tagger's PER/ORG/LOC guesses for a word and its neighbours are features the GermEval tagger
learns to trust as far as they deserve. Writes ner-de-silver.crfsuite (CC BY-SA 4.0, as WikiANN
comes from Wikipedia) to /tmp by default: it gained 0.3 F1 for a second CRF pass per sentence,
so it is not shipped; `train.ner --silver` copies it beside the model it trains.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pycrfsuite

from newsprism.analyse.features import TokenFeatures
from train import corpora

OUT = Path("/tmp/newsprism-silver")


def silver_features(clusters: dict[str, str]) -> TokenFeatures:
    """What the silver tagger reads: word, shape, affixes and clusters, no gazetteer."""
    return TokenFeatures({}, clusters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clusters", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.01)
    arguments = parser.parse_args()
    clusters = json.loads(arguments.clusters.read_text(encoding="utf-8"))
    features = silver_features(clusters)
    trainer = pycrfsuite.Trainer(verbose=False)
    sentences = list(corpora.wikiann(corpora.SHARED_DATA / "wikiann-de" / "train.conll"))
    for words, tags in sentences:
        trainer.append(features.sentence(words), tags)
    model = arguments.out / "ner-de-silver.crfsuite"
    seconds = corpora.train_crf(trainer, model, arguments.c1, arguments.c2, arguments.iterations)
    print(
        json.dumps(
            {
                "sentences": len(sentences),
                "train_seconds": round(seconds, 1),
                "model_bytes": model.stat().st_size,
            }
        )
    )


if __name__ == "__main__":
    main()
