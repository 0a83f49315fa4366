"""Production behaviour: settings chosen by the environment, HTTP hardening, login throttling,
error pages and the database task queue."""

import logging
import subprocess
import sys

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from comments.models import Comment
from comments.services import post_comment
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "SECRET_KEY": "a-real-secret-that-is-long-enough-" + "k8Zq" * 12,
    "ALLOWED_HOSTS": "news.example.org",
    "PATH": "/usr/bin:/bin",
}


def run_django(tmp_path, code, **environment):
    env = {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "NEWSROOM_VAR_DIR": str(tmp_path),
        **PRODUCTION_ENV,
        **environment,
    }
    script = f"import django; django.setup(); {code}"
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


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


@pytest.mark.parametrize("url", ["/", "/admin/login/"])
def test_security_headers_on_public_pages_and_the_admin(client, url):
    response = client.get(url, secure=True)

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp
    script_src = next(part for part in csp.split(";") if "script-src" in part)
    assert "unsafe-inline" not in script_src
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert_features_denied(response)


def assert_features_denied(response):
    policy = {
        rule.split("=")[0].strip(): rule.split("=")[1].strip()
        for rule in response["Permissions-Policy"].split(",")
    }
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert policy[feature] == "()", feature


def test_static_files_and_errors_carry_the_permissions_policy_too(client):
    client.raise_request_exception = False
    for url in ["/static/css/newsroom.css", "/no/such/page/"]:
        assert_features_denied(client.get(url))


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/"), ("get", "/no/such/page/"), ("post", "/admin/login/"), ("get", "/feed/")],
)
def test_a_host_the_site_does_not_serve_gets_a_400_page_without_a_traceback(
    client, caplog, method, path
):
    client.raise_request_exception = False

    response = getattr(client, method)(path, HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert "This request could not be understood" in response.content.decode()
    assert "attacker.example" not in response.content.decode()
    assert not [record for record in caplog.records if record.exc_info]
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_pages_have_no_inline_scripts_or_styles(client):
    article = make_article()

    for url in ["/", article.get_absolute_url(), "/admin/login/"]:
        html = client.get(url).content.decode()
        scripts = html.split("<script")[1:]
        assert all(
            ' src="' in tag.split(">")[0] or 'type="application/ld+json"' in tag.split(">")[0]
            for tag in scripts
        ), url
        assert " style=" not in html, url


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


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (400, "This request could not be understood"),
        (403, "You may not see this page"),
        (404, "Page not found"),
        (500, "Something went wrong"),
    ],
)
def test_error_pages_are_styled_and_show_no_traceback(client, status, text):
    from django.template.loader import render_to_string

    html = render_to_string(f"{status}.html")

    assert text in html
    assert "newsroom.css" in html
    assert "Traceback" not in html


def test_server_error_response_uses_the_styled_page(client, monkeypatch):
    from articles import views

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views.HomeView, "get", explode)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_database_queue_holds_moderator_emails_until_the_worker_runs(
    settings, django_capture_on_commit_callbacks, monkeypatch
):
    from django_tasks_db.management.commands import db_worker

    # The worker closes connections not in autocommit mode: inside this test's transaction,
    # that would be the test's own connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@example.org"]
    article = make_article()

    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(
            article=article,
            name="Ada",
            email="ada@example.net",
            url="",
            body="Hello.",
            form_age=10,
        )

    assert comment.status == Comment.Status.PENDING
    assert mail.outbox == []

    call_command("db_worker", "--batch", verbosity=0)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["desk@example.org"]


def test_database_queue_makes_renditions_in_the_worker_and_pages_show_no_image_meanwhile(
    settings, client, monkeypatch
):
    from django_tasks_db.management.commands import db_worker

    from articles.models import ArticleImage
    from tests.factories import image_file, make_image

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    article = make_article()
    image = make_image(article, is_lead=True, image=image_file("zq-queued.jpg"))

    assert ArticleImage.objects.get(pk=image.pk).renditions == {}
    waiting = client.get(article.get_absolute_url()).content.decode()
    assert "<picture" not in waiting and "og:image" not in waiting
    assert "zq-queued" not in waiting

    call_command("db_worker", "--batch", verbosity=0)

    renditions = ArticleImage.objects.get(pk=image.pk).renditions
    assert set(renditions["crops"]) == {"free", "16x9", "1x1"}
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<picture" in page and "og:image" in page
    assert "zq-queued" not in page


@pytest.mark.parametrize(("debug", "expected"), [("", "True"), ("1", "False")])
def test_the_page_cache_is_on_in_production_and_off_while_developing(tmp_path, debug, expected):
    output = run_django(
        tmp_path,
        "from django.conf import settings as s; print(s.NEWSROOM_PAGE_CACHE)",
        NEWSROOM_DEBUG=debug,
    )
    assert output == expected
