"""`make run` tells the admin's address with the host and port it really serves on."""

import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


def ensure_admin(**options):
    output = io.StringIO()
    call_command("ensure_admin", stdout=output, **options)
    return output.getvalue()


@pytest.mark.django_db
def test_the_admin_address_has_the_host_and_port_given(monkeypatch):
    monkeypatch.delenv("NEWSROOM_ADMIN_PASSWORD", raising=False)

    assert "at http://0.0.0.0:8001/admin/" in ensure_admin(address="0.0.0.0:8001")
    assert "The admin: http://[::1]:9000/admin/" in ensure_admin(address="[::1]:9000")


def test_make_run_gives_ensure_admin_the_address_runserver_serves_on():
    dry_run = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", "HOST=0.0.0.0", "PORT=8001"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert "manage.py ensure_admin --address 0.0.0.0:8001" in dry_run
    assert "manage.py runserver 0.0.0.0:8001" in dry_run
