import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_system_checks_pass():
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "SECRET_KEY is not set"),
        ({"NEWSROOM_DEBUG": "1"}, "ok"),
        ({"SECRET_KEY": "a-real-secret-" + "k" * 40}, "ok"),
    ],
)
def test_start_up_refuses_a_missing_secret_key_outside_debug(tmp_path, environment, expected):
    script = "import django; django.setup(); print('ok')"
    env = {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "NEWSROOM_VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        **environment,
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert expected in result.stdout + result.stderr


def settings_in_subprocess(tmp_path, expression, **environment):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        f"print(repr({expression}))"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "NEWSROOM_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "a-real-secret-" + "k" * 40,
        "PATH": "/usr/bin:/bin",
        **environment,
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_debug_is_off_unless_asked_for(tmp_path):
    assert settings_in_subprocess(tmp_path, "s.DEBUG") == "False"
    assert settings_in_subprocess(tmp_path, "s.DEBUG", NEWSROOM_DEBUG="1") == "True"


def test_hosts_language_time_zone_and_database_come_from_the_environment(tmp_path):
    expression = (
        "(s.ALLOWED_HOSTS, s.LANGUAGE_CODE, s.TIME_ZONE, s.DATABASES['default']['ENGINE'])"
    )
    value = settings_in_subprocess(
        tmp_path,
        expression,
        ALLOWED_HOSTS="news.example.org,www.news.example.org",
        LANGUAGE_CODE="fr",
        TIME_ZONE="Europe/Paris",
        DATABASE_URL="postgres://newsroom:pw@db.internal:5432/newsroom",
    )
    assert value == (
        "(['news.example.org', 'www.news.example.org'], 'fr', 'Europe/Paris', "
        "'django.db.backends.postgresql')"
    )


def test_default_database_is_sqlite_under_the_var_directory(tmp_path):
    value = settings_in_subprocess(tmp_path, "str(s.DATABASES['default']['NAME'])")
    assert value == repr(str(tmp_path / "db.sqlite3"))
