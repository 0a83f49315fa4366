"""Knowing whether a page is current stays cheap, however many things it shows: one round
trip to Redis (the page and its dependencies' versions together), or without Redis one
``stat()`` of the versions file, the versions themselves read from memory."""

import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client

from pagecache import versions as versions_module
from tests.factories import make_article, make_author, make_tag

pytestmark = pytest.mark.django_db

SHARED = settings.CACHES["pages"]["BACKEND"].endswith("RedisCache")


@pytest.fixture
def home_with_many_dependencies():
    tag = make_tag()
    for _ in range(12):
        make_article(tags=[tag], authors=[make_author(), make_author()])
    first = Client().get("/")
    names = first["Surrogate-Key"].split()
    assert len(names) > 25  # the list, the menu, each card's comments and authors...
    return first


@pytest.mark.skipif(not SHARED, reason="the shared cache (Redis): CI's PostgreSQL run")
def test_with_redis_a_cached_page_costs_one_round_trip(home_with_many_dependencies, monkeypatch):
    calls = []
    cache = caches["pages"]._cache
    for method in ("get", "get_many", "set", "add", "incr", "delete"):
        original = getattr(cache, method)

        def spy(*args, _original=original, _method=method, **kwargs):
            calls.append(_method)
            return _original(*args, **kwargs)

        monkeypatch.setattr(cache, method, spy)
    Client().get("/")  # this worker learns which versions the page needs

    calls.clear()
    response = Client().get("/")

    assert response.content == home_with_many_dependencies.content
    assert calls == ["get_many"]


@pytest.mark.skipif(SHARED, reason="local memory and the versions file: make test's run")
def test_without_redis_a_cached_page_costs_one_stat(home_with_many_dependencies, monkeypatch):
    stats = []
    original = os.stat

    def counting_stat(path, *args, **kwargs):
        stats.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(versions_module.os, "stat", counting_stat)
    response = Client().get("/")

    assert response.content == home_with_many_dependencies.content
    assert stats == [settings.NEWSROOM_PAGE_VERSIONS]
