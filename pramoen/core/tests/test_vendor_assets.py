"""Browser assets are installed from the npm registry (scripts/vendor-assets) and checked here."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.test import Client

VENDOR = Path(__file__).resolve().parents[1] / "static" / "vendor"


def test_every_vendored_file_matches_its_recorded_checksum() -> None:
    lock = json.loads((VENDOR / "assets.json").read_text())
    assert lock["assets"], "no assets listed"
    for asset in lock["assets"]:
        data = (VENDOR / asset["to"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == asset["sha256"], asset["to"]


def test_pages_load_htmx_from_the_app_itself(db) -> None:
    html = Client().get("/accounts/login/").content.decode()
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
