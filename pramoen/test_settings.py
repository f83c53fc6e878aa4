"""Settings for the test suite: the normal settings, with a throwaway key and fast hashing."""

import os

os.environ.setdefault("PRAMOEN_ALLOW_INSECURE_KEY", "1")

from pramoen.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Several test runs may share one PostgreSQL server (parallel sessions on one machine):
# give each run its own test database so they never drop each other's.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_pramoen_{os.getpid()}"}  # noqa: F405
PRAMOEN_REPORT_JOBS = "inline"  # a job runs within the test that asks for it

# Files the tests make (bulk report archives) go to a throwaway folder, not var/media.
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="pramoen-test-media-")
