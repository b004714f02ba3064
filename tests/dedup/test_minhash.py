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
