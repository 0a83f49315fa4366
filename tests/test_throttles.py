"""Flood control and login throttling: who counts as one client, which usernames count as one
account, and counts that every app process shares (two processes, one database)."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safeguards import counters
from safeguards.addresses import client_block
from safeguards.models import Counter
from tests.comments.factories import comment_form_data
from tests.factories import make_article, make_user
from tests.processes import manage, project_env

pytestmark = pytest.mark.django_db

PASSWORD = "right-password-123"


def login(username, password, address):
    return Client(REMOTE_ADDR=address).post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
    )


def post_comment(article, address, body="A thought."):
    return Client(REMOTE_ADDR=address).post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_form_data(article, author_name="Ada", body=body),
    )


@pytest.fixture
def admin_account():
    return make_user(username="admin", password=PASSWORD, is_staff=True)


# Who is one client -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "block"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::1", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("", ""),
    ],
)
def test_an_ipv6_client_is_its_64_and_an_ipv4_client_its_address(address, block):
    assert client_block(address) == block


def test_addresses_of_one_ipv6_64_share_the_login_limit(admin_account, settings):
    settings.NEWSROOM_LOGIN_FAILURE_LIMIT = 3
    for host in range(1, 4):
        assert login("admin", "wrong", f"2001:db8:1:2::{host}").status_code == 200

    assert login("admin", PASSWORD, "2001:db8:1:2::ffff").status_code == 429
    assert login("admin", PASSWORD, "2001:db8:1:3::1").status_code == 302


def test_addresses_of_one_ipv6_64_share_the_comment_flood_limit(settings):
    settings.COMMENTS_FLOOD_LIMIT = 2
    article = make_article()
    for host in range(1, 3):
        assert post_comment(article, f"2001:db8:7:7::{host}", f"Post {host}").status_code == 302

    assert post_comment(article, "2001:db8:7:7:1:2:3:4", "Third").status_code == 429
    assert post_comment(article, "2001:db8:7:8::1", "Next door").status_code == 302


# Which usernames are one account ------------------------------------------------------------


def test_fullwidth_and_other_case_usernames_count_as_the_account_they_sign_in_to(
    admin_account, settings
):
    settings.NEWSROOM_LOGIN_FAILURE_LIMIT = 3
    # Django's login form applies NFKC: a fullwidth "ａ" signs in as "admin".
    assert login("\uff41dmin", PASSWORD, "192.0.2.1").status_code == 302

    for spelling in ["\uff41dmin", "ADMIN", "Ａｄｍｉｎ"]:
        assert login(spelling, "wrong", "192.0.2.2").status_code == 200

    assert login("admin", PASSWORD, "192.0.2.2").status_code == 429


def test_one_account_locks_after_failures_from_many_addresses(admin_account, settings):
    settings.NEWSROOM_LOGIN_USERNAME_FAILURE_LIMIT = 4
    make_user(username="other", password=PASSWORD, is_staff=True)
    for host in range(1, 5):
        assert login("admin", "wrong", f"198.51.100.{host}").status_code == 200

    locked = login("admin", PASSWORD, "203.0.113.50")

    assert locked.status_code == 429
    assert "Too many failed logins for this account. Try again in 60 minutes." in (
        locked.content.decode()
    )
    assert locked["Retry-After"] == "3600"
    assert login("other", PASSWORD, "198.51.100.1").status_code == 302


def test_the_account_limit_ends_with_its_window(admin_account, settings):
    settings.NEWSROOM_LOGIN_USERNAME_FAILURE_LIMIT = 2
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for host in range(1, 4):
            login("admin", "wrong", f"198.51.100.{host}")

    with time_machine.travel(start + timedelta(hours=1, seconds=1), tick=False):
        assert login("admin", PASSWORD, "203.0.113.50").status_code == 302


def test_successful_logins_do_not_count_towards_the_account_limit(admin_account, settings):
    settings.NEWSROOM_LOGIN_USERNAME_FAILURE_LIMIT = 2

    for _ in range(4):
        assert login("admin", PASSWORD, "192.0.2.9").status_code == 302


def test_a_login_refused_for_its_csrf_token_is_not_a_failure(admin_account, settings):
    settings.NEWSROOM_LOGIN_FAILURE_LIMIT = 2
    strict = Client(REMOTE_ADDR="192.0.2.3", enforce_csrf_checks=True)
    for _ in range(3):
        response = strict.post(reverse("admin:login"), {"username": "admin", "password": "x"})
        assert response.status_code == 403

    assert login("admin", PASSWORD, "192.0.2.3").status_code == 302


# The counters ---------------------------------------------------------------------------------


def test_counts_are_kept_per_key_for_their_window():
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert [counters.hit("a", window=60) for _ in range(3)] == [1, 2, 3]
        assert counters.hit("b", window=60) == 1
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        assert counters.hit("a", window=60) == 4  # the window is not extended...
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        assert counters.hit("a", window=60) == 1  # ...and a new one opens after it


def test_given_back_and_cleared_counts():
    counters.hit("a", window=60)
    counters.hit("a", window=60)
    counters.give_back("a")
    assert counters.hit("a", window=60) == 2
    counters.clear("a")
    assert counters.hit("a", window=60) == 1


def test_expired_counts_are_deleted_now_and_then(monkeypatch):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        counters.hit("old", window=60)
    monkeypatch.setattr(counters, "CULL_CHANCE", 1.0)
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        counters.hit("new", window=60)

    assert list(Counter.objects.values_list("key", flat=True)) == ["new"]


def test_the_counters_hold_no_address_and_no_username(admin_account, settings):
    login("admin", "wrong", "198.51.100.77")
    post_comment(make_article(), "198.51.100.77")

    rows = json.dumps(list(Counter.objects.values("key", "count")))
    assert Counter.objects.count() == 3  # client and username, username, comments
    assert "198.51.100" not in rows and "admin" not in rows


# Two processes, one database ------------------------------------------------------------------

SEED = """
from tests.factories import make_article, make_user
make_user(username="admin", password="right-password-123", is_staff=True)
print(make_article(slug="shared").slug)
"""
# Run in each process: the statuses of its login attempts and comment posts.
ATTEMPTS = """
import json, time
from django.test import Client
from comments.forms import sign_render_time
from articles.models import Article

client = Client(REMOTE_ADDR="198.51.100.9")
article = Article.objects.get(slug="shared")
logins, posts = [], []
for password in {passwords}:
    response = client.post("/admin/login/", {{"username": "admin", "password": password}})
    logins.append(response.status_code)
for number in range({posts}):
    response = client.post(f"/articles/shared/comments/", {{
        "author_name": "Ada", "author_email": "ada@example.net", "author_url": "",
        "body": f"Post {{number}} from {{__import__('os').getpid()}}",
        "rendered": sign_render_time(article.pk, now=time.time() - 10),
        "homepage": "", "parent": "",
    }})
    posts.append(response.status_code)
print(json.dumps([logins, posts]))
"""


def run_attempts(env, *, passwords, posts):
    code = ATTEMPTS.format(passwords=passwords, posts=posts)
    return json.loads(manage("shell", "-c", code, env=env).stdout.splitlines()[-1])


def test_limits_hold_across_processes_sharing_the_database(tmp_path):
    """What one process counted, another enforces: two processes, as two gunicorn workers."""
    env = project_env(
        tmp_path / "var",
        ALLOWED_HOSTS="testserver",
        NEWSROOM_LOGIN_FAILURE_LIMIT="3",
        COMMENTS_FLOOD_LIMIT="4",
        COMMENTS_MIN_SECONDS="0",
    )
    manage("migrate", "--noinput", env=env)
    manage("shell", "-c", SEED, env=env)

    first = run_attempts(env, passwords=["wrong"] * 3, posts=4)
    second = run_attempts(env, passwords=[PASSWORD], posts=1)

    assert first == [[200, 200, 200], [302] * 4]
    assert second == [[429], [429]]
