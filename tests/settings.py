"""Test settings: the real settings, with a throwaway key and faster password hashing."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)

from newsroom.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Each test run has its own page-cache versions, apart from a development server's (and the
# processes a test starts share them).
NEWSROOM_PAGE_VERSIONS = Path(
    os.environ.get("NEWSROOM_TEST_PAGE_VERSIONS")
    or Path(tempfile.gettempdir()) / f"newsroom-tests-{os.getpid()}" / "page-versions"
)

# WhiteNoise serves collected files; tests serve static files from the app folders instead.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
