"""/healthz: 200 when the database and the cache answer, 503 naming the one that does not."""

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.urls import reverse

pytestmark = pytest.mark.django_db

SECRET_LOOKING = "password=hunter2 host=db.internal version 15.4"


def get_health(client):
    response = client.get(reverse("healthz"))
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    return response


def test_healthz_answers_ok_when_database_and_cache_answer(client):
    response = get_health(client)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_is_unavailable_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError(SECRET_LOOKING)

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = get_health(client)

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "failing", "cache": "ok"}
    assert b"hunter2" not in response.content


def test_healthz_is_unavailable_when_the_cache_fails(client, monkeypatch):
    def broken_set(*args, **kwargs):
        raise ConnectionError(SECRET_LOOKING)

    monkeypatch.setattr(cache, "set", broken_set)

    response = get_health(client)

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "failing"}
    assert b"hunter2" not in response.content


def test_healthz_is_unavailable_when_the_cache_forgets_what_it_was_given(client, monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)

    response = get_health(client)

    assert response.status_code == 503
    assert response.json()["cache"] == "failing"


def test_healthz_reports_both_failures(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError(SECRET_LOOKING)

    monkeypatch.setattr(connection, "cursor", broken)
    monkeypatch.setattr(cache, "set", broken)

    response = get_health(client)

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "failing",
        "cache": "failing",
    }


def test_healthz_answers_get_and_head_only(client):
    assert client.head(reverse("healthz")).status_code == 200
    assert client.post(reverse("healthz")).status_code == 405
