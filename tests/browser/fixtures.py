"""Browser test fixtures: Playwright (sync API) driving Debian's Chromium against ``live_server``.

Every test in tests/browser is marked ``browser`` automatically (tests/conftest.py). Fixtures:

* ``browser`` (session): headless /usr/bin/chromium.
* ``phone_page``: 375x812 touch phone, nl-NL, base URL = live_server.url.
* ``desk_page``: 1366x768 desktop, nl-NL, base URL = live_server.url.
* ``assert_accessible`` / ``login``: the helpers from tests/browser/helpers.py as fixtures.

Pages may only reach the live server: any other request is aborted and fails the test,
and so does an uncaught JavaScript error. A failing test leaves a screenshot in test-results/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import helpers

# Playwright's sync API runs an asyncio event loop in this thread, which trips Django's
# "you cannot call this from an async context" guard on every ORM call made by the tests.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
DEFAULT_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _new_page(request, browser, live_server, **context_options):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam", **context_options
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    server = urlsplit(live_server.url).netloc
    blocked: list[str] = []
    page_errors: list[str] = []

    def only_live_server(route):
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or urlsplit(url).netloc == server:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route(re.compile(r".*"), only_live_server)
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    yield page

    reports = (getattr(request.node, f"rep_{when}", None) for when in ("setup", "call"))
    failed = any(report is not None and report.failed for report in reports)
    if failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        except Exception as exc:  # a screenshot must never hide the real failure
            print(f"could not take a screenshot: {exc}")
    context.close()
    problems = []
    if blocked:
        problems.append("the page requested something other than the live server (blocked): " + ", ".join(blocked))
    if page_errors:
        problems.append("uncaught JavaScript error(s): " + " | ".join(page_errors))
    if problems and not failed:
        pytest.fail("; ".join(problems))


@pytest.fixture
def phone_page(request, browser, live_server):
    """A page in a 375x812 touch phone context (nl-NL) whose base URL is the live server."""
    yield from _new_page(
        request,
        browser,
        live_server,
        viewport={"width": 375, "height": 812},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def desk_page(request, browser, live_server):
    """A page in a 1366x768 desktop context (nl-NL) whose base URL is the live server."""
    yield from _new_page(request, browser, live_server, viewport={"width": 1366, "height": 768})


@pytest.fixture
def assert_accessible():
    """``assert_accessible(page)``: fail on serious/critical WCAG 2.1 A/AA violations (axe-core)."""
    return helpers.assert_accessible


@pytest.fixture
def login(live_server):
    """``login(page, username, password)``: log in through the form at /accounts/login/."""

    def do_login(page, username: str, password: str, **kwargs):
        return helpers.login(page, live_server, username, password, **kwargs)

    return do_login
