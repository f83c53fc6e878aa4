"""The journeys' browser: Debian's chromium, or a failure that says how to get it."""

from __future__ import annotations

import pytest

from pramoen.journeys import browser

from .conftest import find_chromium

pytestmark = pytest.mark.browser


def test_it_fails_and_says_to_run_setup_when_chromium_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRAMOEN_SKIP_BROWSER", raising=False)
    monkeypatch.setattr(browser, "chromium_path", lambda: None)
    with pytest.raises(pytest.fail.Exception, match="run scripts/setup"):
        find_chromium()


def test_it_skips_only_when_asked_explicitly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAMOEN_SKIP_BROWSER", "1")
    monkeypatch.setattr(browser, "chromium_path", lambda: None)
    with pytest.raises(pytest.skip.Exception):
        find_chromium()


def test_it_uses_the_chromium_on_the_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRAMOEN_SKIP_BROWSER", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    assert find_chromium() == "/usr/bin/chromium"
