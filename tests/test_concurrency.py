"""No lost comments: 30 readers post 300 comments at once to gunicorn with two workers; and no
more comments than the flood limit from one reader who sends many at once.

SQLite by default (WAL, a busy timeout and immediate transactions let two processes write one
file); PostgreSQL when DATABASE_URL names one, in a database of this test's own. Traffic goes
to 127.0.0.1 only, in a bounded number of requests with bounded time.
"""

import html
import http.client
import json
import os
import re
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import dj_database_url
import psycopg
import pytest
from psycopg import sql

from tests.processes import gunicorn, manage, project_env

CLIENTS = 30
COMMENTS_EACH = 10
DEADLINE_SECONDS = 90
REQUEST_TIMEOUT = 30

SEED = """
from tests.factories import make_article
print(make_article(title="Everyone has an opinion", slug="everyone-has-an-opinion").slug)
"""
STORED_BODIES = """
import json
from comments.models import Comment
print(json.dumps(list(Comment.objects.values_list("body", flat=True))))
"""


@pytest.fixture
def database_url(tmp_path):
    """The server's DATABASE_URL: empty for SQLite under tmp_path; when the suite runs on
    PostgreSQL, a fresh database beside pytest-django's, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url or "postgresql" not in dj_database_url.parse(url)["ENGINE"]:
        yield ""
        return
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_concurrency"
    maintenance = parts._replace(path="/postgres").geturl()

    def run(statement):
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(name)))

    run("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    run("CREATE DATABASE {}")
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        run("DROP DATABASE IF EXISTS {} WITH (FORCE)")


FLOOD_LIMIT = 5


@pytest.fixture
def site(request, tmp_path, database_url):
    """gunicorn with two sync workers on a migrated database holding one article (the flood
    limit as high as ``request.param`` says, default: none to speak of)."""
    env = project_env(
        tmp_path / "var",
        ALLOWED_HOSTS="127.0.0.1",
        COMMENTS_MIN_SECONDS="0",
        COMMENTS_FLOOD_LIMIT=str(getattr(request, "param", 100000)),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    manage("migrate", "--noinput", env=env)
    slug = manage("shell", "-c", SEED, env=env).stdout.split()[-1]
    log_path = tmp_path / "gunicorn.log"
    with gunicorn(env=env, log_path=log_path, workers=2) as base_url:
        yield {"url": base_url, "slug": slug, "env": env, "log": log_path}


class Browser:
    """A reader's browser, as far as the comment form needs one: cookies, GET and POST."""

    def __init__(self, base_url, deadline):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = {}
        self.deadline = deadline

    def request(self, method, path, form=None):
        if time.monotonic() > self.deadline:
            raise TimeoutError("the test ran out of time")
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode()
            for header in response.headers.get_all("Set-Cookie") or []:
                self.remember(header)
            return response.status, content
        finally:
            connection.close()

    def remember(self, header):
        for name, morsel in SimpleCookie(header).items():
            if morsel.value and morsel["max-age"] != "0":
                self.cookies[name] = morsel.value
            else:
                self.cookies.pop(name, None)


def hidden_value(page, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert tag, f"no {name} field on the page"
    return html.unescape(re.search(r'value="([^"]*)"', tag.group(0)).group(1))


def reader(site, number, deadline):
    """Load the article once, then post COMMENTS_EACH comments from its form; the statuses."""
    browser = Browser(site["url"], deadline)
    article_path = f"/articles/{site['slug']}/"
    status, page = browser.request("GET", article_path)
    assert status == 200, status
    form = {
        "rendered": hidden_value(page, "rendered"),
        "homepage": "",
        "parent": "",
        "author_name": f"Reader {number}",
        "author_email": f"reader{number}@example.net",
        "author_url": "",
    }
    statuses = []
    for index in range(COMMENTS_EACH):
        body = f"Comment {index} of reader {number}: a view worth keeping."
        status, _ = browser.request("POST", article_path + "comments/", {**form, "body": body})
        statuses.append(status)
    return statuses


def expected_bodies():
    return sorted(
        f"Comment {index} of reader {number}: a view worth keeping."
        for number in range(CLIENTS)
        for index in range(COMMENTS_EACH)
    )


def test_300_comments_from_30_concurrent_readers_are_all_stored(site):
    deadline = time.monotonic() + DEADLINE_SECONDS
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [pool.submit(reader, site, number, deadline) for number in range(CLIENTS)]
        statuses = Counter(status for future in futures for status in future.result())

    log = site["log"].read_text()
    assert not [status for status in statuses if status >= 500], f"{statuses}\n{log[-3000:]}"
    # Post/Redirect/Get: every comment was accepted, none refused (403, 429) or lost.
    assert statuses == {302: CLIENTS * COMMENTS_EACH}, f"{statuses}\n{log[-3000:]}"
    stored = json.loads(
        manage("shell", "-c", STORED_BODIES, env=site["env"]).stdout.splitlines()[-1]
    )
    assert len(stored) == CLIENTS * COMMENTS_EACH
    assert sorted(stored) == expected_bodies()


@pytest.mark.parametrize("site", [FLOOD_LIMIT], indirect=True)
def test_one_reader_sending_many_comments_at_once_gets_only_the_flood_limit_through(site):
    """The two workers count in one place, and no two counts get lost on the way."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    article_path = f"/articles/{site['slug']}/"
    status, page = Browser(site["url"], deadline).request("GET", article_path)
    assert status == 200
    form = {
        "rendered": hidden_value(page, "rendered"),
        "homepage": "",
        "parent": "",
        "author_name": "Hasty Reader",
        "author_email": "hasty@example.net",
        "author_url": "",
    }

    def send(number):
        browser = Browser(site["url"], deadline)  # its own connection, whichever worker
        fields = {**form, "body": f"Hasty comment {number}."}
        return browser.request("POST", article_path + "comments/", fields)[0]

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = Counter(pool.map(send, range(4 * FLOOD_LIMIT)))

    assert statuses == {302: FLOOD_LIMIT, 429: 3 * FLOOD_LIMIT}, site["log"].read_text()[-3000:]
