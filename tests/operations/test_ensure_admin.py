import io
import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_password_in_environment(monkeypatch):
    monkeypatch.delenv("NEWSROOM_ADMIN_PASSWORD", raising=False)


def ensure_admin():
    output = io.StringIO()
    call_command("ensure_admin", stdout=output)
    return output.getvalue()


def test_ensure_admin_creates_a_superuser_with_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEWSROOM_ADMIN_PASSWORD", "from-the-environment")

    output = ensure_admin()

    user = authenticate(username="admin", password="from-the-environment")
    assert user is not None
    assert user.is_superuser
    assert user.is_staff
    assert user.email == "admin@localhost"
    assert "from-the-environment" not in output


def test_ensure_admin_sets_the_environment_password_on_an_existing_account(monkeypatch):
    ensure_admin()
    monkeypatch.setenv("NEWSROOM_ADMIN_PASSWORD", "changed-by-the-environment")

    ensure_admin()

    assert authenticate(username="admin", password="changed-by-the-environment") is not None
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_ensure_admin_without_environment_prints_a_generated_password_once():
    output = ensure_admin()

    password = re.search(r"Admin login: admin / (\S+) at http://127\.0\.0\.1:8000/admin/", output)
    assert password is not None
    assert authenticate(username="admin", password=password[1]) is not None

    second_output = ensure_admin()

    assert "Admin account 'admin' already exists." in second_output
    assert password[1] not in second_output
    assert authenticate(username="admin", password=password[1]) is not None


def test_ensure_admin_without_environment_leaves_an_existing_account_unchanged():
    user = get_user_model().objects.create_superuser("admin", "editor@example.org", "kept")

    ensure_admin()

    user.refresh_from_db()
    assert user.email == "editor@example.org"
    assert user.check_password("kept")
