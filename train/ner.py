"""Train the German NER tagger shipped in newsprism/analyse/models/ner-de.crfsuite.

    python -m train.piece_clusters --out /tmp/newsprism-piece-clusters.json
    python -m train.ner --clusters /tmp/newsprism-piece-clusters.json \
        --keep-gazetteer src/newsprism/analyse/models/taggers-de.lexicon.json

Trains on our train split of GermEval 2014 (4/5 of the sentences) and prints strict span F1 on
the held-out fifth (dev). WikiANN's silver train split feeds the entity gazetteer ('names');
`--sources germeval,wikiann` mixes its sentences into training instead (`--wikiann-share`,
`--gold-weight`), and `--silver` stacks a WikiANN-only tagger (train/silver.py) — both measured
and not shipped (docs/analysis.md). Writes the model and taggers-de.lexicon.json, whose
'gazetteer' the part-of-speech tagger reads too: `--keep-gazetteer` keeps it unchanged.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from newsprism.analyse.crf import StackedTagger, stacked
from newsprism.analyse.features import TokenFeatures
from newsprism.analyse.roles import is_role
from newsprism.eval.entities import score_entities
from train import corpora
from train.names import own_names, shipped_lists

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


Tagged = tuple[list[str], list[str], str]  # words, tags, source ("germeval", "wikiann", ...)


def fold_features(
    train: list[Tagged],
    folds: int,
    extra: dict[str, str],
    clusters: dict[str, str],
    own_names: dict[str, str],
    silver: Sequence[corpora.Sentence] = (),
    names_min_count: int = 1,
) -> list[list[list[str]]]:
    """Features of each training sentence with gazetteers built from the other folds only.

    A gazetteer built from all of the training data marks every training entity; the tagger
    would learn to trust it far more than it deserves on unseen text. 'gaz' (shared with the
    part-of-speech tagger) comes from GermEval as before; 'names' from GermEval and WikiANN.
    """
    features: list[list[list[str]]] = [[] for _ in train]
    for fold in range(folds):
        others = [(w, t, source) for i, (w, t, source) in enumerate(train) if i % folds != fold]
        lexicon = merge_lexicons(
            extra, gazetteer([(w, t) for w, t, s in others if s == "germeval"])
        )
        names = merge_lexicons(
            own_names, gazetteer([*((w, t) for w, t, _ in others), *silver], names_min_count)
        )
        extractor = TokenFeatures(lexicon, clusters, names=names)
        for i in range(fold, len(train), folds):
            features[i] = extractor.sentence(train[i][0])
    return features


def load(
    sources: list[str], wikiann_share: float = 1.0
) -> tuple[list[Tagged], list[corpora.Sentence]]:
    """Our GermEval train split and the chosen other corpora; GermEval's dev fifth apart.

    wikiann_share: the part of WikiANN's silver sentences taken (every n-th, deterministic).
    """
    data = corpora.SHARED_DATA
    germeval, dev = corpora.germeval_split(data / "germeval2014-ner" / "NER-de-test.tsv")
    train: list[Tagged] = [(words, tags, "germeval") for words, tags in germeval]
    if "wikiann" in sources and wikiann_share > 0:
        silver = list(corpora.wikiann(data / "wikiann-de" / "train.conll"))
        step = 1 / wikiann_share
        picked = {int(n * step) for n in range(int(len(silver) * wikiann_share))}
        train.extend((w, t, "wikiann") for i, (w, t) in enumerate(silver) if i in picked)
    aux = tuple(s for s in sources if s in {"smartdata", "mobie", "europeana"})
    train.extend((words, tags, "aux") for words, tags in corpora.auxiliary(aux))
    return train, dev


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", default="germeval", help="corpora trained on")
    parser.add_argument(
        "--gazetteer-sources",
        default="wikiann",
        help="silver corpora whose entities feed only the entity gazetteer ('names')",
    )
    parser.add_argument("--wikiann-share", type=float, default=1.0)
    parser.add_argument(
        "--gold-weight", type=int, default=1, help="each GermEval sentence this many times"
    )
    parser.add_argument(
        "--names-min-count",
        type=int,
        default=1,
        help="times a word is seen in entities to be a name",
    )
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--c1", type=float, default=0.03)
    parser.add_argument("--c2", type=float, default=0.02)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--no-places", action="store_true", help="leave out CLDR place names")
    parser.add_argument("--clusters", type=Path, help="word clusters from train/piece_clusters.py")
    parser.add_argument("--silver", type=Path, help="silver tagger from train/silver.py (stacked)")
    parser.add_argument(
        "--keep-gazetteer",
        type=Path,
        help="lexicon file whose 'gazetteer' (shared with the POS tagger) is kept unchanged",
    )
    return parser.parse_args()


def main() -> None:
    arguments = _arguments()
    sources = arguments.sources.split(",")
    train, dev = load(sources, arguments.wikiann_share)
    extra = {} if arguments.no_places else place_names()
    own = own_names()
    clusters: dict[str, str] = (
        json.loads(arguments.clusters.read_text(encoding="utf-8")) if arguments.clusters else {}
    )
    germeval = [(w, t) for w, t, s in train if s == "germeval"]
    lexicon = merge_lexicons(extra, gazetteer(germeval))
    if arguments.keep_gazetteer:
        kept = json.loads(arguments.keep_gazetteer.read_text(encoding="utf-8"))
        lexicon = kept["gazetteer"]
    silver: list[corpora.Sentence] = []
    if "wikiann" in arguments.gazetteer_sources.split(","):
        silver = list(corpora.wikiann(corpora.SHARED_DATA / "wikiann-de" / "train.conll"))
    names = merge_lexicons(
        own, gazetteer([*((w, t) for w, t, _ in train), *silver], arguments.names_min_count)
    )
    silver_model = _silver_model(arguments.silver, arguments.out)
    guess = pycrfsuite.Tagger()
    if silver_model is not None:
        guess.open(str(silver_model))
    trainer = pycrfsuite.Trainer(verbose=False)
    for (_, tags, source), sentence_features in zip(
        train,
        fold_features(train, 5, extra, clusters, own, silver, arguments.names_min_count),
        strict=True,
    ):
        if silver_model is not None:
            sentence_features = stacked(sentence_features, guess.tag(sentence_features))
        for _ in range(arguments.gold_weight if source == "germeval" else 1):
            trainer.append(sentence_features, tags)
    model = arguments.out / "ner-de.crfsuite"
    trained = corpora.train_crf(trainer, model, arguments.c1, arguments.c2, arguments.iterations)
    extras = {"gazetteer": lexicon, "clusters": clusters, "names": names, **shipped_lists()}
    (arguments.out / "taggers-de.lexicon.json").write_text(
        json.dumps(extras, ensure_ascii=False, sort_keys=True), encoding="utf-8"
    )
    tagger = StackedTagger(model, TokenFeatures(lexicon, clusters, names=names), silver_model)
    report = measure(tagger, dev)
    report.update(
        sources=sources,
        wikiann_share=arguments.wikiann_share,
        gold_weight=arguments.gold_weight,
        train_sentences=len(train),
        names_words=len(names),
        clusters=len(clusters),
        silver=silver_model is not None,
        train_seconds=round(trained, 1),
        c1=arguments.c1,
        c2=arguments.c2,
    )
    print(json.dumps(report, indent=1))


def _silver_model(source: Path | None, out: Path) -> Path | None:
    """The silver tagger's model, copied beside the entity model it serves."""
    if source is None:
        return None
    target = out / "ner-de-silver.crfsuite"
    if source.resolve() != target.resolve():
        out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target


def measure(tagger: StackedTagger, dev: list[corpora.Sentence]) -> dict[str, object]:
    """Strict span scores and speed of a trained model on the GermEval dev fifth."""
    started = time.perf_counter()
    pairs = [(tags, tagger.tag(words)) for words, tags in dev]
    tagged = time.perf_counter() - started
    scores = score_entities(pairs)
    return {
        "dev_sentences": len(dev),
        "dev_tokens_per_second": round(sum(len(w) for w, _ in dev) / tagged),
        "model_bytes": tagger.model_path.stat().st_size,
        "scores": {label: prf.as_dict() for label, prf in scores.items()},
    }


if __name__ == "__main__":
    main()
