"""A headless Debian chromium for the journeys, the live server, login and screenshots.

The browser is Debian's ``chromium`` package (scripts/setup installs it with the
Thai fonts), launched by Playwright from its path: no browser is ever downloaded.
Without chromium the journeys fail and say so, unless PRAMOEN_SKIP_BROWSER=1.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pramoen.journeys import browser as browser_module

REPO_DIR = Path(__file__).resolve().parents[3]
SCREENSHOTS = REPO_DIR / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
TABLET = {"width": 820, "height": 1180}
TIMEOUT_MS = 15_000


def find_chromium() -> str:
    """The path of Debian's chromium. Missing, the journeys fail (a CI without a browser must
    not pass by skipping them) unless PRAMOEN_SKIP_BROWSER=1 asks to skip them."""
    if os.environ.get("PRAMOEN_SKIP_BROWSER") == "1":
        pytest.skip("PRAMOEN_SKIP_BROWSER=1: browser journeys skipped")
    executable = browser_module.chromium_path()
    if executable is None:
        pytest.fail(
            "The browser journeys need Debian's chromium, which is not installed: run scripts/setup "
            "(or set PRAMOEN_SKIP_BROWSER=1 to skip them).",
            pytrace=False,
        )
    return executable


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Headless chromium, started once for all the journeys.

    Package scope, not session: it is closed when the journeys are done, so that a
    browser test elsewhere in the suite (run later) can start Playwright itself.
    """
    yield browser_module.shared_browser(find_chromium())
    browser_module.stop()


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Uploaded evidence goes to a throwaway folder (the live server runs in this process)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def one_request_at_a_time(live_server: Any) -> Any:
    """Serve the browser's requests one by one.

    With SQLite the test database lives in memory and every server thread shares
    one connection; a page's requests overlapping (the favicon, an HTMX check while
    the page loads) then trip over each other's locks. One at a time is what a
    user's browser mostly does anyway, and it costs the journeys little.
    """
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    lock = threading.Lock()

    def serialised(environ: dict[str, Any], start_response: Any) -> Any:
        with lock:
            return app(environ, start_response)

    httpd.set_app(serialised)
    return live_server


@pytest.fixture
def page(browser: Any, live_server: Any, one_request_at_a_time: Any, media_root: Path) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


class Screenshots:
    """``shot(page, "step")`` saves test-artifacts/screenshots/<test>-<step>.png: what the
    window shows (1280×800, or the size the test set), or with ``full_page`` the whole page."""

    def __init__(self, test_name: str) -> None:
        self.prefix = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)

    def __call__(self, page: Any, step: str, *, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.prefix}-{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Screenshots:
    return Screenshots(request.node.name)


@pytest.fixture
def log_in() -> Any:
    """``log_in(page, user)``: through the login page, as a user made by the test factories
    (or with ``password``, as another user: a demo user, say)."""
    from pramoen.testing.factories import PASSWORD

    def go(page: Any, user: Any, password: str = PASSWORD) -> None:
        page.context.clear_cookies()  # whoever was logged in is logged out
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("section.login form button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return go


@pytest.fixture
def th() -> Any:
    """``th(text)``: what the Thai page shows for an English source string or lazy label.

    The UI is Thai by default; asking the same catalogue the server uses keeps the
    assertions right whether a string has been translated yet or not.
    """
    from django.utils import translation

    def translate(text: Any) -> str:
        with translation.override("th"):
            return str(translation.gettext(text) if isinstance(text, str) else text)

    return translate
