"""Real-browser journeys: Playwright driving Debian's chromium through the main paths of the site.

The journeys live in ``tests/``; run them with the rest of the suite, or alone with
``pytest -m browser``. ``browser.py`` holds the one chromium a test process may run:
a browser test elsewhere must use it (``shared_browser``), not start Playwright again.
"""
