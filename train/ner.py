"""Train the German NER tagger shipped in newsprism/analyse/models/ner-de.crfsuite.

Run this before train/pos.py: it writes the gazetteer both taggers share (taggers-de.lexicon.json).

    python -m train.ner [--sources germeval,smartdata,mobie,europeana] [--out DIR]

Trains on our train split of GermEval 2014 (4/5 of the sentences) plus the chosen auxiliary
corpora, and prints strict span F1 on the held-out fifth (dev). See docs/analysis.md.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

import pycrfsuite

from newsprism.analyse.features import TokenFeatures
from newsprism.analyse.roles import is_role
from newsprism.eval.entities import score_entities
from train import corpora

_NOT_FIRST_NAMES = frozenset({"frau", "herr", "herrn", "sankt", "papst", "könig", "kaiser", "graf"})
MODELS = Path(__file__).parents[1] / "src" / "newsprism" / "analyse" / "models"


def gazetteer(sentences: list[corpora.Sentence], min_count: int = 2) -> dict[str, str]:
    """Words that are mostly part of one entity type in the training data."""
    seen: Counter[str] = Counter()
    labelled: dict[str, Counter[str]] = defaultdict(Counter)
    for words, tags in sentences:
        for word, tag in zip(words, tags, strict=True):
            lower = word.lower()
            seen[lower] += 1
            if tag != "O":
                labelled[lower][tag[2:]] += 1
    lexicon: dict[str, str] = {}
    for word, labels in labelled.items():
        label, count = labels.most_common(1)[0]
        if count >= min_count and count / seen[word] >= 0.6 and len(word) > 1:
            lexicon[word] = label
    return lexicon


def place_names() -> dict[str, str]:
    """Country and city names in German and English from CLDR (via babel): LOC."""
    from babel import Locale

    names: dict[str, str] = {}
    for language in ("de", "en"):
        locale = Locale(language)
        for code, name in locale.territories.items():
            if code.isalpha() and " " not in name:
                names[name.lower()] = "LOC"
        for zone in locale.time_zones.values():
            city = zone.get("city")
            if city and " " not in city:
                names[city.lower()] = "LOC"
    return names


def first_names(min_count: int = 2) -> dict[str, str]:
    """First words of multi-word person names in the auxiliary corpora (not GermEval): FIRST.

    Taken from SmartData, MobIE and Europeana only, so no GermEval dev sentence leaks in.
    """
    data = corpora.SHARED_DATA
    sentences: list[corpora.Sentence] = []
    for name in ("train", "test"):
        path = data / "smartdata-corpus" / "v1_20180119" / f"{name}.json.gz"
        sentences.extend(corpora.smartdata(path))
    sentences.extend(corpora.mobie(data / "mobie-ner" / "ner_conll03_formatted.zip"))
    for name in ("lft", "onb", "sbb"):
        path = data / "europeana-newspapers-ner-de" / f"enp_DE.{name}.bio"
        sentences.extend(corpora.europeana(path))
    counts: Counter[str] = Counter()
    for words, tags in sentences:
        for index, tag in enumerate(tags[:-1]):
            word = words[index]
            name_like = word.isalpha() or (word.count("-") == 1 and word.replace("-", "").isalpha())
            if tag == "B-PER" and tags[index + 1] == "I-PER" and word[:1].isupper() and name_like:
                counts[word.lower()] += 1
    return {
        word: "FIRST"
        for word, count in counts.items()
        if count >= min_count
        and len(word) > 2
        and word not in _NOT_FIRST_NAMES
        and not is_role(word)
    }


def merge_lexicons(*lexicons: dict[str, str]) -> dict[str, str]:
    """One lexicon; a word listed in several keeps all its labels ('PER|FIRST')."""
    merged: dict[str, str] = {}
    for lexicon in lexicons:
        for word, label in lexicon.items():
            labels = merged[word].split("|") if word in merged else []
            if label not in labels:
                labels.append(label)
            merged[word] = "|".join(labels)
    return merged


def fold_features(
    train: list[corpora.Sentence], folds: int, extra: dict[str, str], clusters: dict[str, str]
) -> list[list[list[str]]]:
    """Features of each training sentence with a gazetteer built from the other folds only.

    A gazetteer built from all of the training data marks every training entity; the tagger
    would learn to trust it far more than it deserves on unseen text.
    """
    features: list[list[list[str]]] = [[] for _ in train]
    for fold in range(folds):
        others = [s for i, s in enumerate(train) if i % folds != fold]
        extractor = TokenFeatures(merge_lexicons(extra, gazetteer(others)), clusters)
        for i in range(fold, len(train), folds):
            features[i] = extractor.sentence(train[i][0])
    return features


def load(sources: list[str]) -> tuple[list[corpora.Sentence], list[corpora.Sentence]]:
    data = corpora.SHARED_DATA
    train, dev = corpora.germeval_split(data / "germeval2014-ner" / "NER-de-test.tsv")
    if "smartdata" in sources:
        for name in ("train", "test"):
            train.extend(
                corpora.smartdata(data / "smartdata-corpus" / "v1_20180119" / f"{name}.json.gz")
            )
    if "mobie" in sources:
        train.extend(corpora.mobie(data / "mobie-ner" / "ner_conll03_formatted.zip"))
    if "europeana" in sources:
        for name in ("lft", "onb", "sbb"):
            train.extend(
                corpora.europeana(data / "europeana-newspapers-ner-de" / f"enp_DE.{name}.bio")
            )
    return train, dev


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", default="germeval,smartdata")
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--gazetteer", choices=("none", "full", "kfold"), default="kfold")
    parser.add_argument("--no-places", action="store_true", help="leave out CLDR place names")
    parser.add_argument(
        "--first-names", action="store_true", help="first names from the auxiliary corpora"
    )
    parser.add_argument("--clusters", type=Path, help="word clusters from train/clusters.py")
    arguments = parser.parse_args()
    sources = arguments.sources.split(",")
    train, dev = load(sources)
    extra = {} if arguments.no_places else place_names()
    if arguments.first_names:
        extra = merge_lexicons(extra, first_names())
    clusters: dict[str, str] = (
        json.loads(arguments.clusters.read_text(encoding="utf-8")) if arguments.clusters else {}
    )
    lexicon = (
        dict(extra) if arguments.gazetteer == "none" else merge_lexicons(extra, gazetteer(train))
    )
    features = TokenFeatures(lexicon, clusters)
    trainer = pycrfsuite.Trainer(verbose=False)
    if arguments.gazetteer == "kfold":
        for (_, tags), sentence_features in zip(
            train, fold_features(train, 5, extra, clusters), strict=True
        ):
            trainer.append(sentence_features, tags)
    else:
        for words, tags in train:
            trainer.append(features.sentence(words), tags)
    trainer.set_params(
        {
            "c1": arguments.c1,
            "c2": arguments.c2,
            "max_iterations": arguments.iterations,
            "feature.possible_transitions": True,
        }
    )
    arguments.out.mkdir(parents=True, exist_ok=True)
    model = arguments.out / "ner-de.crfsuite"
    started = time.perf_counter()
    trainer.train(str(model))
    trained = time.perf_counter() - started
    # The part-of-speech tagger (train/pos.py) is trained on the same features afterwards.
    (arguments.out / "taggers-de.lexicon.json").write_text(
        json.dumps(
            {"gazetteer": lexicon, "clusters": clusters}, ensure_ascii=False, sort_keys=True
        ),
        encoding="utf-8",
    )
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    started = time.perf_counter()
    pairs = [(tags, tagger.tag(features.sentence(words))) for words, tags in dev]
    tagged = time.perf_counter() - started
    scores = score_entities(pairs)
    report = {
        "sources": sources,
        "train_sentences": len(train),
        "dev_sentences": len(dev),
        "gazetteer": arguments.gazetteer,
        "gazetteer_words": len(lexicon),
        "places": not arguments.no_places,
        "clusters": len(clusters),
        "train_seconds": round(trained, 1),
        "dev_tokens_per_second": round(sum(len(w) for w, _ in dev) / tagged),
        "model_bytes": model.stat().st_size,
        "scores": {label: prf.as_dict() for label, prf in scores.items()},
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
