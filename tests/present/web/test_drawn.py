"""Story pages the writer drew: sent as drawn while current, drawn afresh otherwise, and the
same page either way."""

from __future__ import annotations

import html
import json
import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsprism.cli.main import cli
from newsprism.compare.stored import refresh_comparisons
from newsprism.model.article import Article
from newsprism.model.comparison import Comparison, DrawnComparison
from newsprism.present.web import WebSettings, create_app
from newsprism.present.web.drawing import KEY_SUFFIX, drawing_key, seal
from newsprism.store import SQLiteStore
from tests.present.web.conftest import HOSTILE_OUTLET

MARKER = '<p id="drawn-by-the-writer">'


def _copy(web_db: Path, tmp_path: Path, name: str) -> Path:
    """A copy of the database with its drawing key, as a user copies the folder."""
    tmp_path.mkdir(exist_ok=True)
    copy = tmp_path / name
    shutil.copy(web_db, copy)
    shutil.copy(f"{web_db}{KEY_SUFFIX}", f"{copy}{KEY_SUFFIX}")
    return copy


def _pages(db: Path) -> dict[str, bytes]:
    with TestClient(create_app(WebSettings(db=db, warm=0))) as client:
        stories = [s["id"] for s in client.get("/stories.json?per_page=100").json()["stories"]]
        assert stories
        pages = {}
        for story in stories:
            response = client.get(f"/stories/{story}")
            assert response.status_code == 200, response.text
            pages[story] = response.content
        return pages


def _sql(db: Path, statement: str, *params: object) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(statement, params).fetchall()
        connection.commit()
        return rows
    finally:
        connection.close()


def test_the_writer_draws_each_comparison_it_stores(web_db: Path) -> None:
    rows = _sql(web_db, "SELECT story_id, drawn, drawn_by FROM story_comparisons")
    assert rows
    for story_id, drawn, drawn_by in rows:
        assert drawn and drawn_by, f"story {story_id} was stored without its drawing"
        assert 'class="column' in str(drawn)


def test_a_drawn_page_is_the_page_the_reader_would_draw(web_db: Path, tmp_path: Path) -> None:
    undrawn = _copy(web_db, tmp_path, "undrawn.db")
    _sql(undrawn, "UPDATE story_comparisons SET drawn = NULL, drawn_by = NULL")
    assert _pages(web_db) == _pages(undrawn)


def _marked(web_db: Path, tmp_path: Path, sealed: bool = True) -> tuple[Path, str]:
    """A copy whose first drawing carries a marker no reader would draw; `sealed`: as a
    writer holding the database's key would have (else as a database brought along)."""
    copy = _copy(web_db, tmp_path, "marked.db")
    ((story_id, drawn),) = _sql(copy, "SELECT story_id, drawn FROM story_comparisons LIMIT 1")
    html = MARKER + str(drawn)
    key = drawing_key(copy)
    assert key is not None
    mark = seal(key, html) if sealed else seal(b"not the key", html)
    _sql(
        copy,
        "UPDATE story_comparisons SET drawn = ?, drawn_seal = ? WHERE story_id = ?",
        html,
        mark,
        story_id,
    )
    return copy, str(story_id)


def _page(db: Path, story_id: str) -> str:
    with TestClient(create_app(WebSettings(db=db, warm=0))) as client:
        response = client.get(f"/stories/{story_id}")
        assert response.status_code == 200, response.text
        assert 'class="column' in response.text
        return response.text


def test_the_writers_drawing_is_sent_while_it_is_current(web_db: Path, tmp_path: Path) -> None:
    copy, story_id = _marked(web_db, tmp_path)
    assert MARKER in _page(copy, story_id)


def test_a_drawing_not_sealed_with_the_databases_key_is_never_sent(
    web_db: Path, tmp_path: Path
) -> None:
    """HTML a database brought along (crafted, or drawn by someone else's writer) is not
    sent, however current it looks: the page is drawn from the comparison instead."""
    copy, story_id = _marked(web_db, tmp_path, sealed=False)
    assert MARKER not in _page(copy, story_id)
    keyless, story_id = _marked(web_db, tmp_path / "keyless")
    Path(f"{keyless}{KEY_SUFFIX}").unlink()  # no key beside the database: nothing is sent
    assert MARKER not in _page(keyless, story_id)


def test_a_drawing_of_another_version_of_the_story_is_not_sent(
    web_db: Path, tmp_path: Path
) -> None:
    copy, story_id = _marked(web_db, tmp_path)
    _sql(copy, "UPDATE story_comparisons SET articles = 'older' WHERE story_id = ?", story_id)
    assert MARKER not in _page(copy, story_id)


def test_a_drawing_by_other_code_is_not_sent(web_db: Path, tmp_path: Path) -> None:
    copy, story_id = _marked(web_db, tmp_path)
    _sql(copy, "UPDATE story_comparisons SET drawn_by = 'newsprism 0.1 0000 local UTC'")
    assert MARKER not in _page(copy, story_id)


def test_a_drawing_for_another_time_zone_is_not_sent(
    web_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy, story_id = _marked(web_db, tmp_path)
    monkeypatch.setenv("NEWSPRISM_TZ", "Pacific/Auckland")
    page = _page(copy, story_id)
    assert MARKER not in page
    assert "NZ" in page  # the columns' times, drawn now in the reader's zone


def test_a_comparison_that_cannot_be_drawn_is_stored_undrawn(web_db: Path, tmp_path: Path) -> None:
    copy = _copy(web_db, tmp_path, "failing.db")
    ((story_id,),) = _sql(copy, "SELECT story_id FROM story_comparisons LIMIT 1")
    _sql(copy, "UPDATE story_comparisons SET articles = 'older' WHERE story_id = ?", story_id)

    def broken(comparison: Comparison, articles: Sequence[Article]) -> DrawnComparison:
        raise RuntimeError("the template is broken")

    store = SQLiteStore(copy)
    try:
        failures = refresh_comparisons(store, [str(story_id)], broken)
        assert failures == []
        stored = store.stored_comparison(str(story_id))
        assert stored is not None and stored[0] != "older"  # compared and stored all the same
        assert store.stored_drawing(str(story_id)) is None
    finally:
        store.close()
    assert 'class="column' in _page(copy, str(story_id))


def test_a_drawing_keeps_hostile_text_escaped(web_db: Path) -> None:
    drawings = " ".join(
        str(drawn) for (drawn,) in _sql(web_db, "SELECT drawn FROM story_comparisons")
    )
    # The outlet is there, as text (Jinja writes a quote as &#34;).
    assert html.escape(HOSTILE_OUTLET).replace("&quot;", "&#34;") in drawings
    assert HOSTILE_OUTLET not in drawings
    assert "<script" not in drawings.lower() and "<img src=x" not in drawings


def test_reanalyse_draws_again_what_other_code_drew(web_db: Path, tmp_path: Path) -> None:
    copy, _ = _marked(web_db, tmp_path)
    _sql(copy, "UPDATE story_comparisons SET drawn_by = 'newsprism 0.1 0000 local UTC'")
    _sql(copy, "UPDATE story_comparisons SET drawn = NULL, drawn_by = NULL WHERE rowid = 2")
    before = _sql(copy, "SELECT story_id, articles FROM story_comparisons ORDER BY story_id")
    result = CliRunner().invoke(cli, ["--db", str(copy), "reanalyse", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["pages_drawn"] == len(before)
    rows = _sql(copy, "SELECT story_id, drawn, drawn_by FROM story_comparisons ORDER BY story_id")
    assert len({drawn_by for _, _, drawn_by in rows}) == 1
    assert all(MARKER not in str(drawn) for _, drawn, _ in rows)
    assert _pages(copy) == _pages(web_db)


def test_a_database_no_writer_of_this_release_opened_is_served(
    web_db: Path, tmp_path: Path
) -> None:
    older = _copy(web_db, tmp_path, "older.db")
    _sql(older, "ALTER TABLE story_comparisons DROP COLUMN drawn")
    _sql(older, "ALTER TABLE story_comparisons DROP COLUMN drawn_by")
    _sql(older, "ALTER TABLE story_comparisons DROP COLUMN drawn_seal")
    _sql(older, "PRAGMA user_version = 12")
    assert _pages(older) == _pages(web_db)
