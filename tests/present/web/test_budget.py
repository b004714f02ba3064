"""No request runs away: pathological searches answer in time while other pages keep coming.

A NUL byte once sent the phrase fallback of the search into a loop that doubled the query's
quotes with a fresh time budget each round (18–47 s, 2.7 GB, the event loop blocked). These
tests run the real app under uvicorn and time every answer on the wall clock.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from newsprism.compare.blindspots import OutletGroups
from newsprism.errors import QueryTooCostly
from newsprism.present.web import WebSettings, pages
from newsprism.store import SQLiteStore
from tests.present.web.conftest import LiveServer

LIMIT = 2.0  # seconds: what any search may take, however it is written

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
PATHOLOGICAL = [
    "\x00",  # /search.json?q=%00, the one that ran away
    "\x00" * 400,
    "Seilbahn\x00",
    '"\x00"',
    "Stadt\x00rat OR \x00*",
    "\x01\x1b[31m\x7f\x9f",
    '"' * 499,
    '"' * 500,
    '"a' * 250,
    "*" * 500,
    "(" * 400,
    "NEAR(" + " ".join(f"{c}*" for c in _LETTERS) + ", 0)",
    " OR ".join(f"{c}*" for c in _LETTERS),
    " OR ".join(
        f"NEAR({c}* {d}*, 100)" for c, d in zip(_LETTERS[:13], _LETTERS[:12:-1], strict=True)
    ),
    "a* " * 166,  # as many prefix terms as fit in the parameter's 500 characters
    "{title text}: " + " AND ".join(f"{c}*" for c in _LETTERS[:20]),
    "x" * 10_000,  # past the parameter's limit: a 400 before any work
    "Brücke " * 1_400,
]
# What readers ask for meanwhile: each must keep being answered.
NORMAL = ("/stories.json", "/stories", "/search.json?q=Seilbahn", "/outlets.json", "/blindspots")


@dataclass(frozen=True)
class Answer:
    what: str
    status: int
    seconds: float
    ended: float  # time.monotonic() when the answer was complete
    body: str


def _get(client: httpx.Client, path: str, params: dict[str, str] | None = None) -> Answer:
    started = time.monotonic()
    try:
        response = client.get(path, params=params)
    except httpx.TimeoutException:
        ended = time.monotonic()
        return Answer(f"{path} {params}", 0, ended - started, ended, "no answer (client timeout)")
    ended = time.monotonic()
    return Answer(f"{path} {params}", response.status_code, ended - started, ended, response.text)


@pytest.fixture
def served(web_db: Path, web_groups: OutletGroups) -> Iterator[str]:
    # No warmer: the timings are the requests' own.
    with LiveServer(WebSettings(db=web_db, groups=web_groups, warm=0)) as url:
        with httpx.Client(base_url=url, timeout=60) as client:
            for path in NORMAL:  # first visits compile templates and fill caches: not timed
                assert client.get(path).status_code == 200, path
        yield url


@pytest.mark.slow
def test_pathological_searches_answer_in_time_while_pages_are_served(served: str) -> None:
    done = threading.Event()
    normal: list[Answer] = []

    def read_pages() -> None:
        with httpx.Client(base_url=served, timeout=30) as client:
            while not done.is_set():
                for path in NORMAL:
                    normal.append(_get(client, path))

    def search(query: str) -> Answer:
        # A client timeout well past the limit: a runaway shows as a slow answer, not a hang.
        with httpx.Client(base_url=served, timeout=LIMIT * 5) as client:
            return _get(client, "/search.json", {"q": query})

    readers = [threading.Thread(target=read_pages) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        time.sleep(0.2)
        first = time.monotonic()
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(search, PATHOLOGICAL * 2))
        last = time.monotonic()
    finally:
        done.set()
        for reader in readers:
            reader.join(timeout=60)

    slow = [(a.what[:80], a.status, round(a.seconds, 2)) for a in answers if a.seconds >= LIMIT]
    assert slow == []
    for answer in answers:
        assert answer.status == 200 or 400 <= answer.status < 500, (answer.what[:80], answer.body)
        if answer.status != 200:
            error = httpx.Response(answer.status, text=answer.body).json()["error"]
            assert error["status"] == answer.status and error["message"]
    failed = [(a.what, a.status, a.body[:200]) for a in normal if a.status != 200]
    assert failed == []
    meanwhile = [a for a in normal if first < a.ended < last]
    assert len(meanwhile) >= 2 * len(NORMAL), (len(meanwhile), round(last - first, 2))
    assert max(a.seconds for a in meanwhile) < LIMIT


def test_a_page_past_its_budget_answers_in_time_with_a_coded_error(
    web_db: Path, web_groups: OutletGroups, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Work the database cannot interrupt (here a sleep) still cannot hold the answer back."""
    real = pages.outlets_page

    def stuck(store: SQLiteStore, groups: OutletGroups) -> dict[str, object]:
        time.sleep(3)
        return real(store, groups)

    monkeypatch.setattr(pages, "outlets_page", stuck)
    settings = WebSettings(db=web_db, groups=web_groups, warm=0, page_seconds=0.5)
    with LiveServer(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
        with ThreadPoolExecutor(2) as pool:
            stuck_answer = pool.submit(_get, client, "/outlets.json")
            time.sleep(0.1)
            other = _get(client, "/stories.json")
            answer = stuck_answer.result()
        html = client.get("/outlets")
    assert other.status == 200 and other.seconds < 1.0  # not stuck behind the other
    assert answer.status == 503 and answer.seconds < LIMIT  # not after the 3 s of work
    error = httpx.Response(503, text=answer.body).json()["error"]
    assert "E202" in error["message"] and "0.5 s" in error["message"]
    assert html.status_code == 503 and "E202" in html.text
    assert html.headers["retry-after"]


def test_search_runs_one_phrase_retry_at_most_and_drops_control_characters(web_db: Path) -> None:
    store = SQLiteStore(web_db, readonly=True)
    statements: list[str] = []
    store._db.set_trace_callback(statements.append)
    try:
        found = {h.article.id for h in store.search("Seilbahn")}
        assert found
        assert {h.article.id for h in store.search("Seilbahn\x00")} == found
        assert {h.article.id for h in store.search("\x00Seil\x00bahn\x1f")} <= found
        for query in ("\x00", "\x00" * 400, '"\x00"', "\x01\x7f", '"' * 499, '"unbalanced AND ('):
            statements.clear()
            started = time.monotonic()
            assert store.search(query) == []
            assert time.monotonic() - started < 0.5, query
            # The query, then at most the same words as one phrase: never a third attempt.
            matches = [s for s in statements if "MATCH" in s]
            assert len(matches) <= 2, (query, len(matches))
    finally:
        store.close()


def test_the_phrase_fallback_gets_what_is_left_of_the_budget(web_db: Path) -> None:
    """One deadline for the whole call: a retry after the deadline is not a fresh start."""
    store = SQLiteStore(web_db, readonly=True)
    try:
        with store.budget(time.monotonic() - 1), pytest.raises(QueryTooCostly, match="E202"):
            store.search('"unbalanced AND (')
        assert [h.article.id for h in store.search("Seilbahn")]  # the budget ended with the block
        with store.budget(time.monotonic() + 60):
            assert store.search("Seilbahn")
    finally:
        store.close()


def test_the_request_budget_interrupts_any_query(web_db: Path) -> None:
    store = SQLiteStore(web_db, readonly=True)
    try:
        slow = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n"
        )
        started = time.monotonic()
        with store.budget(started + 0.2), pytest.raises(sqlite3.OperationalError):
            store._db.execute(slow).fetchone()
        assert time.monotonic() - started < 1.0
    finally:
        store.close()


def test_a_search_past_the_request_budget_is_a_400_and_the_app_goes_on(
    web_db: Path, web_groups: OutletGroups
) -> None:
    """With no time left the database stops the search: a coded 400 naming it, at once."""
    settings = WebSettings(db=web_db, groups=web_groups, warm=0, search_seconds=0.0)
    heavy = " OR ".join(f"{c}*" for c in _LETTERS)
    with LiveServer(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
        answer = _get(client, "/search.json", {"q": heavy})
        page = _get(client, "/stories.json")
    assert answer.status == 400 and answer.seconds < 1.0
    message = httpx.Response(400, text=answer.body).json()["error"]["message"]
    assert "E202" in message and "a* OR b*" in message
    assert page.status == 200
