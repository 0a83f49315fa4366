"""newsroom/settings.py in production: what the environment chooses (cache, sessions, media
storage, admin path, page cache), checked in a child process that reads it as a server would."""

import subprocess
import sys

import pytest

from tests.processes import PRODUCTION_ENV, ROOT, run_django


def test_deploy_checks_report_no_issues_with_production_settings(tmp_path):
    output = run_django(
        tmp_path,
        "from django.core.management import call_command; "
        "call_command('check', '--deploy', '--fail-level', 'WARNING')",
    )
    assert "System check identified no issues" in output


def test_redis_url_moves_cache_and_sessions_to_redis(tmp_path):
    output = run_django(
        tmp_path,
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.SESSION_ENGINE)",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert output == (
        "django.core.cache.backends.redis.RedisCache redis://127.0.0.1:6379/3 "
        "django.contrib.sessions.backends.cache"
    )


def test_s3_bucket_moves_media_to_s3_compatible_storage(tmp_path):
    output = run_django(
        tmp_path,
        "from django.core.files.storage import storages; d = storages['default']; "
        "from django.conf import settings as s; "
        "print(type(d).__name__, d.bucket_name, d.endpoint_url, s.SECURE_CSP['img-src'])",
        MEDIA_S3_BUCKET="newsroom-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.net",
        MEDIA_S3_CUSTOM_DOMAIN="media.example.org",
    )
    assert output.startswith("S3Storage newsroom-media https://s3.example.net")
    assert "https://media.example.org" in output


S3_ORIGINALS = (
    "from django.core.files.storage import storages; o = storages['originals']; "
    "print(type(o).__name__, o.bucket_name, o.location, o.default_acl, o.querystring_auth)"
)


def test_on_s3_originals_go_under_a_private_prefix_of_their_own(tmp_path):
    output = run_django(tmp_path, S3_ORIGINALS, MEDIA_S3_BUCKET="newsroom-media")

    assert output == "PrivateS3Storage newsroom-media originals private True"


def test_on_s3_originals_may_have_a_bucket_of_their_own(tmp_path):
    output = run_django(
        tmp_path,
        S3_ORIGINALS,
        MEDIA_S3_BUCKET="newsroom-media",
        MEDIA_S3_ORIGINALS_BUCKET="newsroom-originals",
        MEDIA_S3_ORIGINALS_PREFIX="uploads/",
    )

    assert output == "PrivateS3Storage newsroom-originals uploads private True"


@pytest.mark.parametrize("prefix", ["renditions", "/"])
def test_originals_cannot_share_the_public_prefix_of_renditions(tmp_path, prefix):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "NEWSROOM_VAR_DIR": str(tmp_path),
            **PRODUCTION_ENV,
            "MEDIA_S3_BUCKET": "newsroom-media",
            "MEDIA_S3_ORIGINALS_PREFIX": prefix,
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "MEDIA_S3_ORIGINALS_PREFIX" in result.stderr


def test_admin_path_comes_from_the_environment(tmp_path):
    output = run_django(
        tmp_path,
        "from django.urls import reverse; print(reverse('admin:index'))",
        NEWSROOM_ADMIN_PATH="/desk/",
    )
    assert output == "/desk/"


@pytest.mark.parametrize(("debug", "expected"), [("", "True"), ("1", "False")])
def test_the_page_cache_is_on_in_production_and_off_while_developing(tmp_path, debug, expected):
    output = run_django(
        tmp_path,
        "from django.conf import settings as s; print(s.NEWSROOM_PAGE_CACHE)",
        NEWSROOM_DEBUG=debug,
    )
    assert output == expected


@pytest.mark.parametrize(("keep", "expected"), [("", "0"), ("600", "600")])
def test_a_process_keeps_its_database_connection_only_when_told(tmp_path, keep, expected):
    output = run_django(
        tmp_path,
        "from django.conf import settings as s; print(s.DATABASES['default']['CONN_MAX_AGE'])",
        NEWSROOM_DB_CONN_MAX_AGE=keep,
    )
    assert output == expected


GUNICORN_CONFIG_KEEPS = (
    "import os, runpy; runpy.run_path('deploy/gunicorn.conf.py'); "
    "print(os.environ['NEWSROOM_DB_CONN_MAX_AGE'])"
)


@pytest.mark.parametrize(("given", "expected"), [(None, "600"), ("30", "30")])
def test_gunicorn_workers_keep_their_database_connection_unless_told_otherwise(given, expected):
    env = {"PATH": "/usr/bin:/bin"}
    if given is not None:
        env["NEWSROOM_DB_CONN_MAX_AGE"] = given
    output = subprocess.run(
        [sys.executable, "-c", GUNICORN_CONFIG_KEEPS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert output == expected
