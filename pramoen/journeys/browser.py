"""One headless Debian chromium per test process, shared by every browser test.

Playwright's sync API cannot be started twice in one thread (the first keeps its
event loop running), so a browser test anywhere in the suite should take its
browser from :func:`shared_browser` — or use the ``browser``/``page`` fixtures
of ``pramoen/journeys/tests/conftest.py`` — rather than start its own.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking"]

_playwright: Any = None
_browser: Any = None
_async_unsafe_before: str | None = None


def chromium_path() -> str | None:
    """Debian's chromium (scripts/setup installs it); never a browser downloaded by Playwright."""
    return shutil.which("chromium")


def shared_browser(executable: str) -> Any:
    """The running browser, launched from ``executable`` on first use."""
    global _playwright, _browser, _async_unsafe_before
    if _browser is None:
        from playwright.sync_api import sync_playwright

        # Playwright's event loop keeps running in this thread, and Django refuses
        # ORM calls from a thread with a running loop unless told otherwise.
        _async_unsafe_before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        _playwright = sync_playwright().start()
        _browser = _playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
    return _browser


def stop() -> None:
    """Close the browser and stop Playwright (its event loop with it)."""
    global _playwright, _browser
    if _playwright is None:
        return
    if _browser is not None:
        _browser.close()
        _browser = None
    _playwright.stop()
    _playwright = None
    if _async_unsafe_before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = _async_unsafe_before
