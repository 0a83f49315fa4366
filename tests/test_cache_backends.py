"""The cache and sessions run on the backend the environment chose: local memory by default,
Redis when REDIS_URL is set (CI runs the suite a second time that way)."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache, caches

pytestmark = pytest.mark.django_db


def test_cache_backend_follows_redis_url_and_answers():
    expected = "RedisCache" if os.environ.get("REDIS_URL") else "LocMemCache"

    assert type(caches["default"]).__name__ == expected
    cache.set("newsroom:probe", {"answer": 42}, timeout=30)
    assert cache.get("newsroom:probe") == {"answer": 42}


def test_sessions_are_stored_in_the_cache_when_redis_is_configured(client):
    session = client.session
    session["pending"] = [1, 2]
    session.save()

    cached = cache.get(f"django.contrib.sessions.cache{session.session_key}")
    if os.environ.get("REDIS_URL"):
        assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cache"
        assert cached == {"pending": [1, 2]}
    else:
        assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
        assert cached is None
