"""Corrections from the web app: only when started with --edit, only from a browser that opened
the printed edit address, only with the token in the form; each lands in the edit log."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from newsprism.present.web import WebSettings, create_app
from newsprism.store import SQLiteStore
from tests.helpers import run_cli

TOKEN = "geheim-und-lang-genug"


def _copy(web_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "edit.db"
    shutil.copy(web_db, db)
    return db


def _story_with_two(db: Path) -> tuple[str, str]:
    store = SQLiteStore(db, readonly=True)
    try:
        story = next(s for s in store.stories() if len(store.story_articles(s.id)) >= 2)
        return story.id, store.story_articles(story.id)[0].article_id
    finally:
        store.close()


def test_a_read_only_app_refuses_edits_and_shows_no_forms(web_db: Path, tmp_path: Path) -> None:
    db = _copy(web_db, tmp_path)
    story, article = _story_with_two(db)
    with TestClient(create_app(WebSettings(db=db))) as client:
        refused = client.post(
            "/edits", data={"action": "split", "story": story, "article": article}
        )
        assert refused.status_code == 403 and "read-only" in refused.json()["error"]["message"]
        assert client.get("/edit-mode", params={"token": TOKEN}).status_code == 403
        assert 'action="/edits"' not in client.get(f"/stories/{story}").text


def test_edit_mode_needs_the_cookie_for_forms_and_the_token_for_edits(
    web_db: Path, tmp_path: Path
) -> None:
    db = _copy(web_db, tmp_path)
    story, article = _story_with_two(db)
    with TestClient(create_app(WebSettings(db=db, edit_token=TOKEN))) as client:
        assert 'action="/edits"' not in client.get(f"/stories/{story}").text  # no cookie yet
        forged = client.post(
            "/edits",
            data={"token": "falsch", "action": "split", "story": story, "article": article},
        )
        assert forged.status_code == 403
        entered = client.get("/edit-mode", params={"token": TOKEN}, follow_redirects=False)
        assert entered.status_code == 303 and "httponly" in entered.headers["set-cookie"].lower()
        page = client.get(f"/stories/{story}").text
        assert 'action="/edits"' in page and TOKEN in page
        done = client.post(
            "/edits",
            data={
                "token": TOKEN,
                "action": "split",
                "story": story,
                "article": article,
                "reason": "anderes Ereignis",
                "back": f"/stories/{story}",
            },
            follow_redirects=False,
        )
        assert done.status_code == 303 and done.headers["location"] == f"/stories/{story}"
        bad = client.post("/edits", data={"token": TOKEN, "action": "merge", "story": "<x>"})
        assert bad.status_code == 400 and "not an id" in bad.json()["error"]["message"]
    store = SQLiteStore(db, readonly=True)
    try:
        [edit] = store.user_edits()
        assert edit.reason == "anderes Ereignis" and store.story_of(article) != story
    finally:
        store.close()


def test_serve_refuses_edit_on_an_open_address_without_a_token(web_db: Path) -> None:
    result = run_cli("--db", str(web_db), "serve", "--host", "0.0.0.0", "--edit")
    assert result.returncode != 0 and "--token" in result.stderr
