from __future__ import annotations

from pathlib import Path

import pytest
from bench.synthetic import article_text, edit

from newsprism.dedup import MemorySignatureIndex, NearDuplicateDetector, shingles
from newsprism.errors import ConfigError
from newsprism.model import Article, ArticleSource
from newsprism.store import SQLiteStore


def test_shingles_are_stable_and_distinct() -> None:
    a = shingles("Die Brücke ist gesperrt, die Brücke ist alt.", 3)
    b = shingles("die brücke ist GESPERRT die Brücke ist alt", 3)
    assert list(a) == list(b)  # case and punctuation do not matter
    assert len(a) == 5  # 8 words give 6 trigrams; "die brücke ist" twice
    assert len(shingles("", 3)) == 0


def test_light_copy_is_linked_and_unrelated_text_is_not() -> None:
    detector = NearDuplicateDetector(MemorySignatureIndex())
    original = article_text(1, words=300)
    assert detector.insert("original", original) is None
    link = detector.insert("copy", edit(original, 0.1, seed=5))
    assert link is not None and link.copy_of == "original"
    assert 0.5 <= link.similarity < 1.0
    assert detector.insert("other", article_text(2, words=300)) is None


def test_shortened_wire_copy_is_found_by_containment() -> None:
    detector = NearDuplicateDetector(MemorySignatureIndex())
    agency = article_text(3, words=400)
    detector.insert("agency", agency)
    paragraphs = agency.split("\n")
    shortened = "\n".join(paragraphs[: max(1, len(paragraphs) * 2 // 5)])
    link = detector.insert("short", shortened)
    assert link is not None and link.copy_of == "agency"
    assert link.similarity < 0.5 <= link.containment


def test_index_in_sqlite_survives_reopening(tmp_path: Path) -> None:
    text = article_text(4, words=200)
    first = SQLiteStore(tmp_path / "d.db")
    article = Article.from_text(text)
    first.add_article(article, ArticleSource(article.id, None, None, None), None)
    NearDuplicateDetector(first).insert(article.id, text)
    first.close()
    second = SQLiteStore(tmp_path / "d.db")
    link = NearDuplicateDetector(second).query("b", edit(text, 0.05, seed=1))
    second.close()
    assert link is not None and link.copy_of == article.id


@pytest.mark.parametrize(
    "kwargs",
    [{"threshold": 1.5}, {"num_perm": 4}, {"shingle_size": 0}, {"containment_threshold": 0}],
)
def test_bad_parameters_name_the_value(kwargs: dict[str, float]) -> None:
    with pytest.raises(ConfigError, match="got"):
        NearDuplicateDetector(MemorySignatureIndex(), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("index", ["memory", "sqlite"])
def test_a_batch_links_as_one_by_one_would(tmp_path: Path, index: str) -> None:
    """Copies of earlier articles in the same batch, of indexed ones, and of copies: the
    batch finds the same links, in the same order, as inserting one article at a time."""
    originals = [article_text(seed, words=250) for seed in range(10, 14)]
    texts = [
        originals[0],
        edit(originals[0], 0.1, seed=1),  # a copy of an article earlier in the same batch
        originals[1],
        edit(originals[2], 0.05, seed=2),  # a copy of an article indexed before the batch
        originals[3],
        edit(edit(originals[1], 0.1, seed=3), 0.1, seed=4),  # a copy of a copy
        edit(originals[3], 0.05, seed=5),  # indexed after the batch
    ]
    articles = [Article.from_text(text) for text in [originals[2], *texts]]
    ids = [article.id for article in articles]

    def detector(name: str) -> NearDuplicateDetector:
        if index == "memory":
            return NearDuplicateDetector(MemorySignatureIndex())
        store = SQLiteStore(tmp_path / f"{name}.db")  # signatures need their articles stored
        store.add_articles([(a, ArticleSource(a.id, None, None, None)) for a in articles], None)
        return NearDuplicateDetector(store)

    one_by_one = detector("one")
    batched = detector("batch")
    for prepared in (one_by_one, batched):
        prepared.insert(ids[0], originals[2])
    expected = [one_by_one.insert(ids[n + 1], text) for n, text in enumerate(texts[:-1])]
    found = batched.insert_signatures(
        [batched.signature(ids[n + 1], text) for n, text in enumerate(texts[:-1])]
    )
    assert found == expected
    copy_of = [link.copy_of if link else None for link in found]
    assert copy_of == [None, ids[1], None, ids[0], None, ids[3]]
    # the batch's articles are indexed: a later copy finds them
    later = batched.insert(ids[-1], texts[-1])
    assert later is not None and later.copy_of == ids[5]
