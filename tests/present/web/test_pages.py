"""Every page, its JSON twin, filters, paging and errors, through the ASGI app in process."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsprism.cli.main import cli
from newsprism.model.comparison import Comparison
from newsprism.present.web import WebSettings, create_app
from newsprism.store import SQLiteStore
from newsprism.store.browse import StoryQuery
from tests.helpers import run_cli, write_jsonl
from tests.present.web.conftest import HOSTILE_OUTLET


class _ActiveContent(HTMLParser):
    """Collects what a browser could run: scripts, frames, on* handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if (
                name.startswith("on")
                or value.strip().lower().startswith(("javascript:", "data:text"))
                or (tag in ("script", "iframe", "object", "embed") and name == "src")
            ):
                self.found.append((tag, name, value))
        if tag in ("script", "iframe", "object", "embed") and not any(n == "src" for n, _ in attrs):
            self.found.append((tag, "", ""))


def _active_content(html: str) -> list[tuple[str, str, str]]:
    parser = _ActiveContent()
    parser.feed(html)
    return parser.found


def _stories(client: TestClient, **params: object) -> dict[str, object]:
    response = client.get("/stories.json", params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_every_page_has_a_json_twin_by_suffix_and_by_accept(client: TestClient) -> None:
    story = _stories(client)["stories"][0]["id"]  # type: ignore[index]
    article = client.get(f"/stories/{story}.json").json()["articles"][0]["id"]
    for path in (
        "/stories",
        f"/stories/{story}",
        f"/articles/{article}",
        "/outlets",
        "/blindspots",
        "/search?q=Seilbahn",
    ):
        html = client.get(path)
        assert html.status_code == 200, path
        assert html.headers["content-type"].startswith("text/html")
        base, _, query = path.partition("?")
        twin = client.get(f"{base}.json" + (f"?{query}" if query else ""))
        negotiated = client.get(path, headers={"accept": "application/json"})
        assert twin.headers["content-type"] == "application/json"
        assert twin.json() == negotiated.json(), path


def test_stories_newest_first_with_counts_outlets_and_groups(
    client: TestClient, web_db: Path
) -> None:
    page = _stories(client, per_page=200)
    stories = page["stories"]
    assert isinstance(stories, list)
    store = SQLiteStore(web_db, readonly=True)
    try:
        assert page["total"] == len(store.stories()) == len(stories)
        for story in stories:
            members = store.story_articles(story["id"])
            assert story["articles"] == len(members)
            assert story["outlets"] == sorted({m.outlet for m in members})
    finally:
        store.close()
    seen = [s["last_seen"] for s in stories if s["last_seen"]]
    assert seen == sorted(seen, reverse=True)
    bridge = next(s for s in stories if "zpa.de" in s["outlets"])
    assert "agency" in bridge["groups"]
    # the list shows each story's blindspots: the groups none of whose outlets covered it
    for story in stories:
        assert set(story["groups"]).isdisjoint(story["missing_groups"])
    # and its signals, from the comparison ingest stored (--compare): never parsed on the list
    compared = [s for s in stories if s["signals"]]
    assert compared and all(
        set(s["signals"]) == {"discrepancies", "left_out", "one_speaker"} for s in compared
    )
    blind = next(s for s in stories if s["missing_groups"])
    html = client.get("/stories", params={"per_page": 200}).text
    assert f'title="no outlet of this group covered it">{blind["missing_groups"][0]}<' in html


def test_story_filters_and_paging(client: TestClient) -> None:
    everything = _stories(client, per_page=200)["stories"]
    assert isinstance(everything, list)
    tabloid = _stories(client, outlet="schnellpost.de", per_page=200)["stories"]
    assert isinstance(tabloid, list)
    assert tabloid and all("schnellpost.de" in s["outlets"] for s in tabloid)
    assert len(tabloid) == sum("schnellpost.de" in s["outlets"] for s in everything)
    agency = _stories(client, group="agency", per_page=200)["stories"]
    assert isinstance(agency, list)
    assert agency and all("zpa.de" in s["outlets"] for s in agency)
    assert _stories(client, group="no such group")["stories"] == []
    english = _stories(client, language="en", per_page=200)["stories"]
    assert isinstance(english, list)
    assert english and all("en" in s["languages"] for s in english)
    dated = [s for s in everything if s["first_seen"]]
    day = dated[-1]["first_seen"][:10]
    on_day = _stories(client, since=day, until=day, per_page=200)["stories"]
    assert isinstance(on_day, list)
    assert dated[-1]["id"] in [s["id"] for s in on_day]
    assert all(s["last_seen"][:10] >= day and s["first_seen"][:10] <= day for s in on_day)
    first, second = _stories(client, per_page=2), _stories(client, per_page=2, page=2)
    assert first["pages"] == -(-len(everything) // 2)
    ids = [s["id"] for s in first["stories"] + second["stories"]]  # type: ignore[operator]
    assert ids == [s["id"] for s in everything[:4]]
    html = client.get("/stories", params={"per_page": 2, "outlet": "tagesblatt.de"}).text
    assert 'href="/stories?outlet=tagesblatt.de&amp;per_page=2&amp;page=2"' in html


def test_story_page_shows_the_comparison_side_by_side(client: TestClient) -> None:
    stories = _stories(client, per_page=200)["stories"]
    assert isinstance(stories, list)
    bridge = max(stories, key=lambda s: s["articles"])
    record = client.get(f"/stories/{bridge['id']}.json").json()
    comparison = record["comparison"]
    assert len(record["articles"]) == bridge["articles"]
    assert comparison["facts"] and comparison["quotes"]
    html = client.get(f"/stories/{bridge['id']}").text
    assert html.count('class="article-column"') == bridge["articles"]
    shared = [n for n, f in enumerate(comparison["facts"]) if len(f["outlets"]) > 1]
    assert shared and f'data-fact="{shared[0]}"' in html
    for row in comparison["quotes"]:
        assert f'<th scope="row">{row["speaker"]}</th>' in html
    assert '<svg class="timeline"' in html
    for article in record["articles"]:
        if article["published"]:
            assert f'href="/articles/{article["id"]}"' in html


def test_merged_story_id_leads_to_the_story_it_joined(web_db: Path, tmp_path: Path) -> None:
    # A copy of the database in which two stories are merged, as the clusterer merges them:
    # whether the example corpus happens to merge any is no condition of this test.
    db = tmp_path / "merged.db"
    shutil.copy(web_db, db)
    store = SQLiteStore(db)
    older, newer = [s.id for s in store.stories(limit=2)]
    with store.transaction():
        store.merge_stories(newer, older)
    store.close()
    with TestClient(create_app(WebSettings(db=db))) as client:
        response = client.get(f"/stories/{newer}", follow_redirects=False)
        assert response.status_code == 301
        assert response.headers["location"] == f"/stories/{older}"
        assert client.get(f"/stories/{newer}.json").json()["story"]["id"] == older


def test_the_stories_list_follows_a_writer(web_db: Path, tmp_path: Path) -> None:
    """The list is kept until the database changes: a story the writer merges away while the
    app runs is gone from the next answer, not served from before."""
    db = tmp_path / "writing.db"
    shutil.copy(web_db, db)
    with TestClient(create_app(WebSettings(db=db, warm=0))) as client:
        before = _stories(client)
        assert _stories(client) == before  # the same answer, kept
        store = SQLiteStore(db)
        older, newer = [s.id for s in store.stories(limit=2)]
        with store.transaction():
            store.merge_stories(newer, older)
        store.close()
        after = _stories(client)
    assert after["total"] == before["total"] - 1  # type: ignore[operator]
    assert newer not in {story["id"] for story in after["stories"]}  # type: ignore[union-attr]


def test_a_search_follows_a_writer(web_db: Path, tmp_path: Path) -> None:
    """A search's answer is kept until the database changes: an article that a writer adds
    while the app runs is found by the next search."""
    db = tmp_path / "writing.db"
    shutil.copy(web_db, db)
    with TestClient(create_app(WebSettings(db=db, warm=0))) as client:

        def found() -> list[str]:
            response = client.get("/search.json", params={"q": "Zitronenfalterwiese"})
            assert response.status_code == 200, response.text
            return [hit["title"] for hit in response.json()["articles"]]

        assert found() == found() == []
        result = run_cli(
            "--db",
            str(db),
            "--quiet",
            "ingest",
            "--no-analyse",
            str(
                write_jsonl(
                    tmp_path / "new.jsonl",
                    [
                        {
                            "url": "https://zeitung.example/wiese",
                            "source_domain": "zeitung.example",
                            "title": "Streit um die Zitronenfalterwiese",
                            "date_publish": "2026-03-20T08:00:00+01:00",
                            "language": "de",
                            "maintext": "Die Gemeinde will die Zitronenfalterwiese am Ortsrand bebauen. "
                            "Naturschützer sammeln Unterschriften dagegen und kündigen eine Klage an. "
                            "Der Bürgermeister verweist auf den Mangel an Bauland im Ort.",
                        }
                    ],
                )
            ),
        )
        assert result.returncode in (0, 1), result.stderr
        assert found() == ["Streit um die Zitronenfalterwiese"]


def test_kept_pages_follow_a_correction_by_hand(web_db: Path, tmp_path: Path) -> None:
    """A split made with `newsprism edit` while the app runs (no new article, no new run)
    shows at once in the stories list, in a search and on the story page."""
    db = tmp_path / "edited.db"
    shutil.copy(web_db, db)
    with TestClient(create_app(WebSettings(db=db, warm=0))) as client:
        before = _stories(client)
        story = next(s for s in before["stories"] if s["articles"] >= 2)  # type: ignore[union-attr]
        page = client.get(f"/stories/{story['id']}.json").json()
        moved = page["articles"][-1]["id"]
        title = client.get(f"/articles/{moved}.json").json()["article"]["title"]
        searched = client.get("/search.json", params={"q": title.split()[-1]}).json()
        hit = next(a for a in searched["articles"] if a["id"] == moved)
        assert hit["story_id"] == story["id"]
        page = client.get(f"/stories/{story['id']}").text
        assert f"/articles/{moved}" in page
        result = run_cli("--db", str(db), "--quiet", "edit", "split", story["id"], moved)
        assert result.returncode == 0, result.stderr
        assert _stories(client)["total"] == before["total"] + 1  # type: ignore[operator]
        searched = client.get("/search.json", params={"q": title.split()[-1]}).json()
        hit = next(a for a in searched["articles"] if a["id"] == moved)
        assert hit["story_id"] != story["id"]
        assert f"/articles/{moved}" not in client.get(f"/stories/{story['id']}").text


def test_article_page_marks_entities_quotes_and_evaluative_words(client: TestClient) -> None:
    hits = client.get("/search.json", params={"q": "Hoffmeister"}).json()["articles"]
    record = client.get(f"/articles/{hits[0]['id']}.json").json()
    quotes = record["annotations"]["quotes"]
    entities = record["annotations"]["entities"]
    assert quotes and entities and record["story"]
    html = client.get(f"/articles/{hits[0]['id']}").text
    body = html.split('<article class="article-text">', 1)[1].split("</article>", 1)[0]
    assert body.count('class="ent ent-') == len(entities)
    assert body.count('class="quote spk-') >= len(quotes)
    assert body.count('class="eval ') >= len(record["evaluative"])
    text_only = re.sub(r"<[^>]+>", "", body)
    assert text_only == (
        record["article"]["text"]
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )
    assert f'href="/stories/{record["story"]["id"]}"' in html


def test_article_page_says_what_its_kind_rests_on(client: TestClient) -> None:
    """The kind analysis decided is stored and shown with its basis; the outlets page counts
    stored kinds, so no article of the analysed example corpus is left 'unknown'."""
    hits = client.get("/search.json", params={"q": "Märchen"}).json()["articles"]
    record = client.get(f"/articles/{hits[0]['id']}.json").json()
    assert record["article"]["kind"] == record["framing"]["kind"] == "commentary"
    assert "label" in record["framing"]["kind_basis"]  # /kommentar/ in its URL
    html = client.get(f"/articles/{hits[0]['id']}").text
    assert "(from the outlet&#39;s own label)" in html or "(from the outlet's own label)" in html
    outlets = client.get("/outlets.json").json()
    kinds = {kind for outlet in outlets["outlets"] for kind in outlet["kinds"]}
    assert "unknown" not in kinds and {"report", "commentary"} <= kinds


def test_near_duplicates_link_both_ways(client: TestClient, web_db: Path) -> None:
    db = sqlite3.connect(web_db)
    link = db.execute("SELECT article_id, copy_of FROM near_duplicates").fetchone()
    db.close()
    # The example corpus holds an agency text and its reprints (zpa.de): they must be linked.
    assert link is not None, "the agency reprints of the example corpus were not linked"
    copy, original = link
    there = client.get(f"/articles/{copy}.json").json()["near_duplicates"]
    back = client.get(f"/articles/{original}.json").json()["near_duplicates"]
    assert {"article_id": original, "relation": "copy of"}.items() <= there[0].items()
    assert any(d["article_id"] == copy and d["relation"] == "copied by" for d in back)


def _cli_json(web_db: Path, *args: str) -> Any:
    shown = CliRunner().invoke(cli, ["--db", str(web_db), *args, "--json"])
    assert shown.exit_code == 0, shown.output
    return json.loads(shown.output)


def test_the_cli_json_is_the_web_json_twin(web_db: Path) -> None:
    """One record per entity: `stories`, `story ID`, `article ID` and `search` with --json give
    the web's records. (Without --groups, app and CLI both use the groups in the database.)"""
    with TestClient(create_app(WebSettings(db=web_db))) as web:
        stories = web.get("/stories.json", params={"per_page": 200}).json()["stories"]
        assert _cli_json(web_db, "stories", "--limit", "200") == stories
        story = max(stories, key=lambda s: s["articles"])  # compared: it has several articles
        record = _cli_json(web_db, "story", story["id"])
        assert record == web.get(f"/stories/{story['id']}.json").json()
        assert record["comparison"] and len(record["articles"]) == story["articles"]
        article_id = record["articles"][0]["id"]
        page = web.get(f"/articles/{article_id}.json").json()
        analysed_by_the_page = ("evaluative", "framing")
        assert _cli_json(web_db, "article", article_id) == {
            k: v for k, v in page.items() if k not in analysed_by_the_page
        }
        hits = web.get("/search.json", params={"q": "Hoffmeister"}).json()["articles"]
    found = _cli_json(web_db, "search", "Hoffmeister")
    assert hits and [h | {"snippet": ""} for h in found] == [h | {"snippet": ""} for h in hits]


def test_outlets_page(client: TestClient, web_db: Path) -> None:
    outlets = client.get("/outlets.json").json()["outlets"]
    store = SQLiteStore(web_db, readonly=True)
    try:
        assert [o["name"] for o in outlets] == [name for name, _ in store.outlets()]
        counts = dict(store.outlets())
    finally:
        store.close()
    for outlet in outlets:
        assert outlet["articles"] == counts[outlet["name"]] == sum(outlet["kinds"].values())
    tagesblatt = next(o for o in outlets if o["name"] == "tagesblatt.de")
    assert tagesblatt["stories"] >= len(tagesblatt["recent_stories"]) > 0
    assert tagesblatt["speakers"] and "national" in tagesblatt["groups"]
    assert '<svg class="kinds"' in client.get("/outlets").text


def test_blindspots_page(client: TestClient) -> None:
    record = client.get("/blindspots.json").json()
    assert "tabloid" in record["groups"]
    pairs = {(b["covered_by"], b["ignored_by"]): b for b in record["blindspots"]}
    national_not_tabloid = pairs[("national", "tabloid")]
    stories = _stories(client, per_page=200)["stories"]
    assert isinstance(stories, list)
    outlets = {s["id"]: set(s["outlets"]) for s in stories}
    for story in national_not_tabloid["stories"]:
        assert "schnellpost.de" not in outlets[story["id"]]
    chosen = client.get("/blindspots.json", params={"covered_by": "agency"}).json()
    assert chosen["blindspots"] and all(b["covered_by"] == "agency" for b in chosen["blindspots"])


def test_search_articles_with_marked_snippets_and_names(client: TestClient) -> None:
    record = client.get("/search.json", params={"q": "Lindenbrücke"}).json()
    assert record["articles"]
    opening, closing = record["marks"]
    assert all(opening in a["snippet"] and closing in a["snippet"] for a in record["articles"])
    html = client.get("/search", params={"q": "Lindenbrücke"}).text
    assert "<mark>Lindenbrücke</mark>" in html
    names = client.get("/search.json", params={"q": "Hoffmeister"}).json()["names"]
    assert names[0]["name"] == "Clara Hoffmeister" and names[0]["quotes"] > 0
    assert names[0]["top_articles"]
    assert client.get("/search.json", params={"q": '"unbalanced AND ('}).status_code == 200
    assert client.get("/search.json", params={"q": "%_"}).json()["names"] == []


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/stories/st-0000000000000000", 404),
        ("/articles/0000000000000000", 404),
        ("/stories/st-0000000000000000.json", 404),
        ("/no/such/page", 404),
        ("/stories?page=0", 400),
        ("/stories?since=yesterday", 400),
        ("/stories.json?language=%3Cscript%3E", 400),
        ("/stories/a%20b", 400),
        ("/static/..%2F..%2Fstore%2Fsqlite.py", 404),
        ("/static/%2e%2e/app.py", 404),
        ("/articles/..%2F..%2F..%2Fetc%2Fpasswd", 404),
    ],
)
def test_errors_are_pages_or_json_never_tracebacks(
    client: TestClient, path: str, status: int
) -> None:
    page = client.get(path)
    assert page.status_code == status, page.text[:300]
    assert "Traceback" not in page.text and "Error:" not in page.text
    assert "content-security-policy" in page.headers
    as_json = client.get(path, headers={"accept": "application/json"})
    assert as_json.status_code == status
    assert as_json.json()["error"]["status"] == status


def test_bad_parameter_is_named_in_the_error(client: TestClient) -> None:
    error = client.get("/stories.json", params={"per_page": "many"}).json()["error"]
    assert error["status"] == 400 and any("per_page" in d["where"] for d in error["detail"])


def test_server_error_hides_the_traceback(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.present.web import WebSettings, create_app, pages

    def broken(*_: object, **__: object) -> object:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(pages, "outlets_page", broken)
    with TestClient(create_app(WebSettings(db=web_db)), raise_server_exceptions=False) as client:
        page = client.get("/outlets")
        assert page.status_code == 500 and "secret internal detail" not in page.text
        assert client.get("/outlets.json").json()["error"]["status"] == 500


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/stories", "/stories.json", "/static/newsprism.css", "/nothing", "/openapi.json"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "default-src 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_hostile_article_is_escaped_on_every_page(client: TestClient) -> None:
    hits = client.get("/search.json", params={"q": "Seilbahn"}).json()["articles"]
    assert len(hits) == 2
    story_id = hits[0]["story_id"]
    pages = [
        "/stories",
        f"/stories/{story_id}",
        "/outlets",
        "/blindspots",
        "/search?q=Seilbahn",
        "/search?q=Auerbach",
        *(f"/articles/{hit['id']}" for hit in hits),
    ]
    for path in pages:
        html = client.get(path).text
        assert "<script>window.pwned" not in html and "<script>alert" not in html, path
        assert _active_content(html) == [("script", "src", "/static/newsprism.js")], path
    article = client.get(f"/articles/{hits[0]['id']}").text
    assert "&lt;script&gt;window.pwned" in article
    assert HOSTILE_OUTLET not in article and "evil&#34;&gt;&lt;img" in article


def test_the_web_process_cannot_write(web_db: Path) -> None:
    from newsprism.present.web import WebSettings

    store = WebSettings(db=web_db).store()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store._db.execute("DELETE FROM articles")
    assert store.count_stories(StoryQuery()) > 0


def test_openapi_documents_the_json_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {
        "/stories.json",
        "/stories/{story_id}.json",
        "/articles/{article_id}.json",
        "/outlets.json",
        "/blindspots.json",
        "/search.json",
    }
    parameters = {p["name"] for p in spec["paths"]["/stories.json"]["get"]["parameters"]}
    assert parameters == {"since", "until", "outlet", "group", "language", "page", "per_page"}
    json.dumps(spec)


def test_the_active_content_check_can_fail() -> None:
    assert _active_content('<p><img src=x onerror="alert(1)"></p>') == [
        ("img", "onerror", "alert(1)")
    ]
    assert _active_content("<a href='JavaScript:alert(1)'>x</a>")
    assert _active_content("<script>alert(1)</script>") == [("script", "", "")]


def test_the_form_may_send_empty_filters(client: TestClient) -> None:
    empty = client.get("/stories.json?since=&until=&outlet=&group=&language=")
    assert empty.status_code == 200 and empty.json() == _stories(client)
    no_day = client.get("/stories.json?since=2026-02-31").json()["error"]
    assert no_day["status"] == 400 and "since" in no_day["message"]


def test_search_newest_first(client: TestClient) -> None:
    relevant = client.get("/search.json", params={"q": "Brücke"}).json()["articles"]
    newest = client.get("/search.json", params={"q": "Brücke", "sort": "newest"}).json()
    assert newest["sort"] == "newest"
    assert sorted(a["id"] for a in newest["articles"]) == sorted(a["id"] for a in relevant)
    assert client.get("/search.json", params={"q": "Brücke", "sort": "random"}).status_code == 400


def test_story_pages_serve_the_writers_comparisons(client: TestClient, web_db: Path) -> None:
    from newsprism.compare.stored import comparison_key
    from newsprism.compare.story import compare_articles
    from newsprism.present.comparison_json import comparison_record

    store = SQLiteStore(web_db, readonly=True)
    try:
        stories = store.stories()
        assert stories
        for story in stories:
            articles = [store.article(m.article_id) for m in store.story_articles(story.id)]
            stored = store.stored_comparison(story.id)
            assert stored is not None and stored[0] == comparison_key(articles)
            fresh = compare_articles(articles, story.id).comparison
            # What the writer stored is what a fresh comparison gives.
            assert stored[1].to_json() == json.loads(json.dumps(fresh.to_json()))
            served = client.get(f"/stories/{story.id}.json").json()["comparison"]
            assert served == json.loads(json.dumps(comparison_record(fresh, articles)))
    finally:
        store.close()


def test_a_stale_stored_comparison_is_not_served(web_db: Path, tmp_path: Path) -> None:
    import shutil

    from newsprism.present.web import WebSettings, create_app

    copy = tmp_path / "stale.db"
    shutil.copy(web_db, copy)
    connection = sqlite3.connect(copy)
    story_id, record = connection.execute(
        "SELECT story_id, record FROM story_comparisons LIMIT 1"
    ).fetchone()
    forged = json.loads(record)
    forged["facts"] = []  # as if the story had changed since
    connection.execute(
        "UPDATE story_comparisons SET articles = 'older', record = ? WHERE story_id = ?",
        (json.dumps(forged), story_id),
    )
    connection.commit()
    connection.close()
    with TestClient(create_app(WebSettings(db=copy, warm=0))) as fresh_client:
        served = fresh_client.get(f"/stories/{story_id}.json").json()["comparison"]
        stored = Comparison.from_json(json.loads(record))
        assert [
            [(m["article_id"], m["sentence"]["start"]) for m in fact["members"]]
            for fact in served["facts"]
        ] == [[(m.article_id, m.sentence.start) for m in fact.members] for fact in stored.facts]
        assert served["facts"] != []
        assert fresh_client.get(f"/stories/{story_id}").status_code == 200


def test_a_comparison_stored_in_an_older_format_is_compared_afresh(
    web_db: Path, tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "old.db"
    shutil.copy(web_db, copy)
    connection = sqlite3.connect(copy)
    story_id, record = connection.execute(
        "SELECT story_id, record FROM story_comparisons LIMIT 1"
    ).fetchone()
    older = {key: value for key, value in json.loads(record).items() if key != "version"}
    older["facts"] = []  # what a page drawn from it would show
    connection.execute(
        "UPDATE story_comparisons SET record = ? WHERE story_id = ?", (json.dumps(older), story_id)
    )
    connection.commit()
    connection.close()
    with TestClient(create_app(WebSettings(db=copy, warm=0))) as fresh_client:
        served = fresh_client.get(f"/stories/{story_id}.json").json()["comparison"]
        assert served["facts"] != []
        assert fresh_client.get(f"/stories/{story_id}").status_code == 200


def test_a_search_past_its_time_budget_is_stopped(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FTS5 syntax can ask for unbounded work; the query is interrupted, the answer is a 400."""
    import newsprism.store.sqlite as sqlite_store

    monkeypatch.setattr(sqlite_store, "SEARCH_SECONDS", -1.0)  # every query is over budget
    response = client.get("/search.json", params={"q": "d* OR s* OR e* OR a*"})
    assert response.status_code == 400
    assert "took longer" in response.json()["error"]["message"]
    monkeypatch.undo()
    assert client.get("/search.json", params={"q": "Brücke"}).status_code == 200
