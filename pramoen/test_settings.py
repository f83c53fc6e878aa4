"""Settings for the test suite: the normal settings, with a throwaway key and fast hashing."""

import os

os.environ.setdefault("PRAMOEN_ALLOW_INSECURE_KEY", "1")

from pramoen.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
