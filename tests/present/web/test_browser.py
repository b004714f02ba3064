"""End to end in a real browser: Playwright drives Debian's chromium against the served app.

Skips (with the reason) when no chromium is installed; `.ci/run` installs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers import ARTIFACTS, CHROMIUM_FLAGS, find_chromium

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    executable = find_chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_api.sync_playwright() as driver:
        # A persistent context is how Playwright takes a fresh --user-data-dir.
        context = driver.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            args=CHROMIUM_FLAGS,
            headless=True,
            viewport={"width": 1400, "height": 1000},
        )
        yield context
        context.close()


class Watch:
    """Everything a page could do that it must not: dialogs, script errors, console errors."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"console: {message.text}") if message.type == "error" else None
            ),
        )

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    tab = browser.new_page()
    watch = Watch(tab)
    yield tab, watch
    tab.close()


def test_browse_a_story_side_by_side_follow_an_article_and_search(
    live_url: str, page: tuple[Any, Watch]
) -> None:
    tab, watch = page
    tab.goto(f"{live_url}/stories")
    stories = tab.locator("a.story-link")
    listed = tab.request.get(f"{live_url}/stories.json").json()
    assert stories.count() == len(listed["stories"])
    biggest = max(listed["stories"], key=lambda s: s["articles"])
    tab.locator(f'a.story-link[href="/stories/{biggest["id"]}"]').click()
    tab.wait_for_url(f"**/stories/{biggest['id']}")
    assert tab.locator("h1.story-title").inner_text() == biggest["label"]
    assert tab.locator(".article-column").count() == biggest["articles"]
    assert tab.locator("svg.timeline circle").count() >= 1
    assert tab.locator("table.quotes tbody tr").count() >= 1
    # The progressive script runs under the CSP: pointing at a fact marks it everywhere.
    fact = tab.locator(".article-column .fact[data-fact]").first
    number = fact.get_attribute("data-fact")
    fact.hover()
    marked = tab.locator(f'.active[data-fact="{number}"]')
    assert marked.count() >= 2  # the sentence in two columns or a column and the table row
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "story-page.png"), full_page=True)
    first = tab.locator(".article-column h3 a").first
    title = first.inner_text()
    first.click()
    tab.wait_for_url("**/articles/*")
    assert tab.locator("h1.article-title").inner_text() == title
    assert tab.locator(".article-text .ent").count() > 0
    assert tab.locator(f'.crumbs a[href="/stories/{biggest["id"]}"]').count() == 1
    tab.fill("header form.search input[name=q]", "Lindenbrücke")
    tab.press("header form.search input[name=q]", "Enter")
    tab.wait_for_url("**/search?q=*")
    assert tab.locator("ol.hits li").count() >= 2
    assert tab.locator("p.snippet mark").first.inner_text() == "Lindenbrücke"
    assert watch.dialogs == [] and watch.errors == []


@pytest.mark.parametrize("width", [1280, 900])
def test_story_page_fits_the_screen_and_labels_every_fact_distinctly(
    live_url: str, page: tuple[Any, Watch], width: int
) -> None:
    """At 1,280 and 900 px: the summary comes first, no column is cut off at the screen's edge
    (they wrap into rows instead), nothing makes the page scroll sideways, and each fact has one
    label (its number, in one colour) wherever it appears."""
    tab, watch = page
    tab.set_viewport_size({"width": width, "height": 900})
    listed = tab.request.get(f"{live_url}/stories.json").json()
    widest = max(listed["stories"], key=lambda s: len(s["outlets"]))
    tab.goto(f"{live_url}/stories/{widest['id']}")
    stats = tab.locator("section.summary .stat")
    assert stats.count() >= 6
    summary_top = tab.locator("section.summary").bounding_box()
    columns_top = tab.locator("#columns").bounding_box()
    assert summary_top is not None and columns_top is not None
    assert summary_top["y"] < columns_top["y"]
    viewport = tab.evaluate("document.documentElement.clientWidth")
    assert tab.evaluate("document.documentElement.scrollWidth") <= viewport
    for box in (c.bounding_box() for c in tab.locator(".article-column").all()):
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport + 0.5
    colour_of: dict[str, set[str]] = {}
    for label in tab.locator(".article-column sup.fact-label").all():
        number = label.inner_text()
        classes = set((label.get_attribute("class") or "").split()) - {"fact-label", "active"}
        colour_of.setdefault(number, set()).update(classes)
        assert label.get_attribute("data-fact") == number
    assert colour_of and all(len(colours) == 1 for colours in colour_of.values()), colour_of
    # the focus (keyboard) marks a fact everywhere, as pointing does
    first = tab.locator(".article-column sup.fact-label").first
    first.focus()
    assert tab.locator(f'.active[data-fact="{first.inner_text()}"]').count() >= 2
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"story-page-{width}.png"))
    assert watch.errors == []


def test_filters_work_from_the_form(live_url: str, page: tuple[Any, Watch]) -> None:
    tab, watch = page
    tab.goto(f"{live_url}/stories")
    tab.select_option("select[name=outlet]", "schnellpost.de")  # the script submits the form
    tab.wait_for_url("**/stories?*outlet=schnellpost.de*")
    expected = tab.request.get(f"{live_url}/stories.json?outlet=schnellpost.de").json()
    assert tab.locator("a.story-link").count() == len(expected["stories"]) > 0
    assert watch.errors == []


def test_no_script_of_a_hostile_article_runs(live_url: str, page: tuple[Any, Watch]) -> None:
    tab, watch = page
    hits = tab.request.get(f"{live_url}/search.json?q=Seilbahn").json()["articles"]
    assert len(hits) == 2
    paths = [
        "/stories",
        f"/stories/{hits[0]['story_id']}",
        "/outlets",
        "/blindspots",
        "/search?q=Seilbahn",
        *(f"/articles/{hit['id']}" for hit in hits),
    ]
    for path in paths:
        tab.goto(live_url + path)
        tab.wait_for_load_state("load")
        for link in tab.locator("a").all():
            if link.is_visible():
                link.hover(timeout=2000)
        assert tab.evaluate("typeof window.pwned") == "undefined", path
    shown = tab.locator(".article-text").inner_text()
    assert "<script>window.pwned = 1;" in shown  # shown as text, not run
    assert watch.dialogs == [], watch.dialogs
    assert watch.errors == [], watch.errors
