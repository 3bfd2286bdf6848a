"""Browser tests: headless Chromium (Debian's package) driven by Playwright, against a live server.

They run in CI (which installs chromium) and skip elsewhere when no Chromium is installed.
Screenshots of the main pages are saved under test-output/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from web_fixtures import build_db

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"

if not CHROMIUM:
    if os.environ.get("CI") or os.environ.get("EVENTWIRE_REQUIRE_SHARED") == "1":
        pytest.fail("chromium is required for browser tests in CI (apt-get install chromium)", pytrace=False)
    pytest.skip("chromium not installed", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from eventwire.web.app import create_app

    db = build_db(tmp_path_factory.mktemp("browser") / "web.db")
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not instance.started:
        if time.monotonic() > deadline:
            pytest.fail("server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.errors.append("dialog: " + d.message), d.dismiss()))  # type: ignore[attr-defined]
        yield page
        browser.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_overview_and_events_filter(page, server):
    page.goto(server + "/")
    assert page.locator(".counts").inner_text().count("articles") == 1
    _shot(page, "overview")
    page.goto(server + "/events")
    assert page.locator("table.events tbody tr").count() == 3
    page.select_option("select[name=type]", "CONSULT")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert "type=CONSULT" in page.url
    assert page.locator("table.events tbody tr").count() == 1
    _shot(page, "events")


def test_open_an_event_and_see_highlighted_evidence(page, server):
    page.goto(server + "/events?type=ASSAULT&country=COD")
    page.locator("a.evidence").first.click()
    page.wait_for_load_state()
    assert "/events/" in page.url
    assert page.locator("blockquote .hl-trigger").count() >= 1
    _shot(page, "event")


def test_map_renders_points(page, server):
    page.goto(server + "/map")
    assert page.locator("svg.world path.country").count() > 100
    assert page.locator("svg.world circle.point").count() == 3
    _shot(page, "map")


def test_csv_download(page, server, tmp_path):
    page.goto(server + "/events?type=ASSAULT")
    with page.expect_download() as info:
        page.click("#dl-csv")
    target = tmp_path / "events.csv"
    info.value.save_as(target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,") and len(lines) == 3


def test_hostile_article_runs_no_script(page, server):
    page.goto(server + "/events/evt-hostile")
    page.locator("dd a", has_text="<b onmouseover").first.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url
    page.mouse.move(200, 200)
    assert page.errors == []  # type: ignore[attr-defined]
    assert page.locator("img").count() == 0 and page.locator("main script").count() == 0
