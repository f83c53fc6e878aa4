from __future__ import annotations

import os

from django.db import connection
from django.test import SimpleTestCase


class DatabaseTestCase(SimpleTestCase):
    def test_it_runs_on_the_database_it_was_given(self) -> None:
        # scripts/test runs the suite twice; make sure the second run really is on PostgreSQL.
        url = os.environ.get("PRAMOEN_DATABASE_URL", "")
        expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
        self.assertEqual(connection.vendor, expected)
