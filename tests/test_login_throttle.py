"""newsroom/login_throttle.py: failed admin logins are limited per address and username."""

import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def login(client, username, password, address):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_failed_logins_are_throttled_per_address_and_username(client, settings):
    settings.NEWSROOM_LOGIN_FAILURE_LIMIT = 3
    make_user(username="editor", password="right-password-123", is_staff=True)
    make_user(username="other", password="right-password-456", is_staff=True)

    for _ in range(3):
        assert login(client, "editor", "wrong", "10.0.0.1").status_code == 200
    locked = login(client, "editor", "right-password-123", "10.0.0.1")

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert login(client, "other", "right-password-456", "10.0.0.1").status_code == 302
    client.logout()
    assert login(client, "editor", "right-password-123", "10.0.0.2").status_code == 302


def test_a_successful_login_clears_the_failures(client, settings):
    settings.NEWSROOM_LOGIN_FAILURE_LIMIT = 3
    make_user(username="editor", password="right-password-123", is_staff=True)

    for _ in range(2):
        login(client, "editor", "wrong", "10.0.0.1")
    assert login(client, "editor", "right-password-123", "10.0.0.1").status_code == 302
    client.logout()
    for _ in range(2):
        login(client, "editor", "wrong", "10.0.0.1")

    assert login(client, "editor", "right-password-123", "10.0.0.1").status_code == 302
