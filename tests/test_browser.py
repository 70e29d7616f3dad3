"""The web UI in a real browser: Debian's Chromium driven by Playwright against a real uvicorn server.

Needs Chromium on the PATH (``apt-get install -y chromium``) and the ``playwright``
Python package; Playwright's own browser downloads are never used.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from typing import Self

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")  # Debian's, or another distribution's name
if CHROMIUM is None:
    pytest.skip(
        "browser tests skipped: chromium is not on the PATH (install it with `apt-get install -y chromium`)",
        allow_module_level=True,
    )
pytest.importorskip("uvicorn")
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need `pip install playwright`")

import uvicorn
from playwright.sync_api import Browser, Dialog, Page
from test_web import IMG, JS_LINK, SCRIPT, SEEDS, write_hostile_pages

from storydesk.api import ingest
from storydesk.store import Store
from storydesk.web import create_app

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class LiveServer:
    """uvicorn in a thread, on a free port of 127.0.0.1 (the socket is bound before the server starts)."""

    def __init__(self, db: str) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_app(db), log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 120  # the lifespan analyses the store before serving
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = str(tmp_path_factory.mktemp("browser") / "seeds.db")
    ingest([str(SEEDS)], db)
    with LiveServer(db) as srv:
        yield srv


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str]]:
    folder = tmp_path_factory.mktemp("browser-hostile")
    write_hostile_pages(folder / "pages")
    db = str(folder / "hostile.db")
    ingest([str(folder / "pages")], db)
    with LiveServer(db) as srv:
        yield srv, db


def watched_page(browser: Browser, width: int = 1280, height: int = 900) -> tuple[Page, list[str]]:
    """A page whose dialogs, page errors and CSP violations are all recorded in ``events``."""
    page = browser.new_page(viewport={"width": width, "height": height})
    events: list[str] = []

    def on_dialog(d: Dialog) -> None:
        events.append(f"dialog: {d.type} {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda e: events.append(f"pageerror: {e}"))
    page.on("console", lambda m: events.append(f"console: {m.text}") if m.type == "error" else None)
    return page, events


def test_browse_stories_articles_search(browser: Browser, seed_server: LiveServer) -> None:
    page, events = watched_page(browser)
    page.goto(seed_server.url + "/")
    assert page.title() == "Stories · storydesk"
    assert page.locator("h1").inner_text() == "Stories"
    assert page.locator("ol.stories li").count() >= 2  # one story (both seed events) in "recent" and in "biggest"
    # the stylesheet loaded under the CSP (a rule of style.css is in effect)
    assert page.eval_on_selector("header.site", "e => getComputedStyle(e).borderBottomStyle") == "solid"

    page.get_by_role("link", name="Kim Jong Un invites Putin to North Korea").first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").inner_text() == "Kim Jong Un invites Putin to North Korea"
    assert page.locator("svg.chart").is_visible()
    assert page.locator("li.source").count() == 4  # one story: 000 plus the summit's three sources
    group = page.locator("li.source-group")
    assert group.count() == 1 and "rewrite of" in group.inner_text()
    assert page.locator(".quotes .speaker").count() > 3
    # quotes grouped by speaker entity: Kim Jong Un's (most quoted) first, named as the articles name him
    first = page.locator(".quotes .speaker").first
    assert first.locator("h3").inner_text().startswith("Kim Jong Un")
    assert "North Korean leader Kim Jong Un" in first.locator(".aliases").inner_text()
    headings = [h.split("\n")[0].rsplit(" ", 1)[0] for h in page.locator(".quotes .speaker h3").all_inner_texts()]
    assert len(headings) == len(set(headings)) and not {"Kim", "KCNA", "Putin", "South Korea"} & set(headings)
    assert len(re.findall(r"\b\d+ events?\b", page.locator("header.story-head .meta").inner_text())) == 1

    page.locator("li.source h3 a").first.click()
    page.wait_for_url("**/articles/*")
    removed = page.locator("details.removed")
    assert removed.count() == 1
    assert not removed.locator("ol").is_visible()
    removed.locator("summary").click()
    assert removed.locator("ol li").first.is_visible()

    page.fill("header input[name=q]", "Vostochny")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Vostochny")
    assert page.locator("li.result").count() >= 1
    assert page.locator("li.result mark").first.inner_text() == "Vostochny"
    page.locator("li.result h2 a").first.click()
    page.wait_for_url("**/articles/*")
    assert "Vostochny" in page.locator(".body").inner_text()

    # a phone: no horizontal scrolling of the page itself
    phone, phone_events = watched_page(browser, 390, 844)
    for path in ["/", page.url.removeprefix(seed_server.url), "/search?q=Putin"]:
        phone.goto(seed_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
    phone.close()
    page.close()
    assert events == [] and phone_events == []


def test_hostile_page_does_not_execute(browser: Browser, hostile_server: tuple[LiveServer, str]) -> None:
    srv, db = hostile_server
    page, events = watched_page(browser)
    page.add_init_script("window.__xss = 0;")  # init scripts are the test's own, not the page's
    urls = ["/", "/search?q=alert", "/search?q=launch"]
    urls += [f"/articles/{a.id}" for a in Store(db).articles()]
    page.goto(srv.url + "/")
    urls += [a.get_attribute("href") or "" for a in page.locator("a.story-title").all()]
    for url in urls:
        page.goto(srv.url + url)
        page.wait_for_load_state("load")
        # the only scripts in the DOM would be content's: there must be none
        assert page.locator("script").count() == 0, url
        # the content's <img onerror> is text, not an element; no image with onerror exists anywhere
        assert page.evaluate("document.querySelectorAll('img, [onerror], iframe, object, embed').length") == 0, url
        assert page.evaluate("Array.from(document.links).filter(a => !/^https?:/.test(a.href)).length") == 0, url
        assert page.evaluate("window.__xss") == 0, url
        text = page.locator("body").inner_text()
        if "/articles/" in url:
            assert SCRIPT in text or IMG in text or JS_LINK in text, url  # shown to the reader, as text
    page.close()
    assert not [e for e in events if e.startswith("dialog")], events
    assert events == [], events
