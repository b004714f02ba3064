"""Distributional word clusters for the NER features, from German text we may ship a model of.

    python -m train.clusters [--out FILE]

Text: GermEval 2014 (our training split only), SmartData v1, MobIE and Europeana Newspapers
(CC BY 4.0 and CC0). Each word of the vocabulary gets a vector from positive PMI co-occurrence
counts (window ±2) reduced by truncated SVD; k-means at two sizes gives two cluster ids per word,
written as "coarse|fine".
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.linalg import svds

from train import corpora


def sentences() -> list[list[str]]:
    data = corpora.SHARED_DATA
    train, _ = corpora.germeval_split(data / "germeval2014-ner" / "NER-de-test.tsv")
    found = [words for words, _ in train]
    for name in ("train", "test"):
        found.extend(
            w
            for w, _ in corpora.smartdata(
                data / "smartdata-corpus" / "v1_20180119" / f"{name}.json.gz"
            )
        )
    for split in ("train", "dev", "test"):
        found.extend(
            w for w, _ in corpora.mobie(data / "mobie-ner" / "ner_conll03_formatted.zip", split)
        )
    for name in ("lft", "onb", "sbb"):
        found.extend(
            w
            for w, _ in corpora.europeana(
                data / "europeana-newspapers-ner-de" / f"enp_DE.{name}.bio"
            )
        )
    return found


def kmeans(vectors: np.ndarray, k: int, seed: int = 0, rounds: int = 25) -> np.ndarray:
    generator = np.random.default_rng(seed)
    centres = vectors[generator.choice(len(vectors), size=k, replace=False)]
    labels = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(rounds):
        labels = np.argmax(vectors @ centres.T, axis=1)  # vectors are unit length: cosine
        for cluster in range(k):
            members = vectors[labels == cluster]
            if len(members):
                centre = members.mean(axis=0)
                centres[cluster] = centre / (np.linalg.norm(centre) or 1.0)
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsprism-clusters.json"))
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--dimensions", type=int, default=100)
    arguments = parser.parse_args()
    text = [[w.lower() for w in words] for words in sentences()]
    counts = Counter(w for words in text for w in words)
    vocabulary = [w for w, c in counts.most_common() if c >= arguments.min_count]
    index = {w: i for i, w in enumerate(vocabulary)}
    contexts = {w: i for i, w in enumerate(vocabulary[:5000])}
    rows: list[int] = []
    columns: list[int] = []
    for words in text:
        for position, word in enumerate(words):
            row = index.get(word)
            if row is None:
                continue
            for offset in (-2, -1, 1, 2):
                other = position + offset
                if 0 <= other < len(words):
                    column = contexts.get(words[other])
                    if column is not None:
                        rows.append(row)
                        columns.append(column * 4 + (offset + 2 if offset < 0 else offset + 1))
    matrix = coo_matrix(
        (np.ones(len(rows), dtype=np.float64), (rows, columns)),
        shape=(len(vocabulary), len(contexts) * 4),
    ).tocsr()
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    column_sums = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
    column_sums = column_sums / column_sums.sum() * total
    coo = matrix.tocoo()
    pmi = np.log(coo.data * total / (row_sums[coo.row] * column_sums[coo.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape).tocsr()
    left, singular, _ = svds(ppmi, k=arguments.dimensions)
    vectors = left * np.sqrt(singular)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    coarse = kmeans(vectors, 64)
    fine = kmeans(vectors, 512, seed=1)
    clusters = {w: f"{coarse[i]}|{fine[i]}" for i, w in enumerate(vocabulary)}
    arguments.out.write_text(json.dumps(clusters, ensure_ascii=False), encoding="utf-8")
    print(
        json.dumps(
            {
                "sentences": len(text),
                "tokens": int(sum(counts.values())),
                "vocabulary": len(vocabulary),
            }
        )
    )


if __name__ == "__main__":
    main()
