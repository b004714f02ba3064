from __future__ import annotations

from pathlib import Path

from newsprism.errors import RejectReason
from newsprism.ingest.records import FoundArticle, ReadOptions
from newsprism.ingest.warc import read_warc_file
from newsprism.model import Reject
from tests.helpers import make_warc

PARAGRAPH = (
    "Die Fähre nach Langeoog fällt wegen Sturm bis Donnerstag aus. Die Reederei "
    "kündigte Ersatzverkehr an, sobald der Wind nachlässt. Urlauber sollen sich gedulden."
)


def _page(title: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{PARAGRAPH} {title}.</p><p>{PARAGRAPH}</p></article></body></html>"
    ).encode("cp1252")


def test_html_records_become_articles_with_url_and_fetch_date(tmp_path: Path) -> None:
    path = make_warc(
        tmp_path / "crawl.warc.gz",
        [
            (
                "https://www.inselbote.de/faehre",
                _page("Fähre fällt aus"),
                "text/html; charset=windows-1252",
            ),
            ("https://www.inselbote.de/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
            (
                "https://www.inselbote.de/sturm",
                _page("Sturmflut erwartet"),
                "text/html; charset=windows-1252",
            ),
        ],
    )
    items = list(read_warc_file(path, ReadOptions()))
    assert all(isinstance(i, FoundArticle) for i in items)
    urls = [i.url for i in items if isinstance(i, FoundArticle)]
    assert urls == ["https://www.inselbote.de/faehre", "https://www.inselbote.de/sturm"]
    first = items[0]
    assert isinstance(first, FoundArticle)
    assert first.fetched is not None and "Fähre" in first.text


def test_truncated_gzip_keeps_complete_records_and_rejects_the_cut_one(tmp_path: Path) -> None:
    full = make_warc(
        tmp_path / "full.warc.gz",
        [
            (f"https://www.inselbote.de/{n}", _page(f"Meldung {n}"), "text/html; charset=cp1252")
            for n in range(3)
        ],
    )
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(full.read_bytes()[:-150])
    items = list(read_warc_file(cut, ReadOptions()))
    rejects = [i for i in items if isinstance(i, Reject)]
    assert len([i for i in items if isinstance(i, FoundArticle)]) == 2
    assert [r.reason for r in rejects] == [RejectReason.TRUNCATED]


def test_not_a_warc_is_a_bad_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("Dies ist keine WARC-Datei.\n" * 20)
    [item] = list(read_warc_file(path, ReadOptions()))
    assert isinstance(item, Reject) and item.reason is RejectReason.BAD_WARC
