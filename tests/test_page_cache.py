"""Whole pages for anonymous readers come from the cache, and never show anything out of date.

A cached page runs no SQL query, so "served from the cache" is asserted as zero queries. Rows
changed with QuerySet.update() send no signal: a reader served from the cache still sees the
old text, which shows who is and who is not served from it.
"""

import gzip
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.forms import form_age
from comments.models import Comment
from tests.comments.factories import make_comment, make_moderator
from tests.factories import make_article, make_author, make_editor, make_tag

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def quietly_retitle(article, title):
    """Change a title behind the cache's back: no signal, so cached pages are not renewed."""
    Article.objects.filter(pk=article.pk).update(title=title)


def cached_article(client, **fields):
    """An article whose page an anonymous reader has just put in the cache."""
    article = make_article(title="The first title", **fields)
    assert client.get(article.get_absolute_url()).status_code == 200
    return article


def hidden_value(page, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert tag, f"no {name} field on the page"
    return re.search(r'value="([^"]*)"', tag.group(0)).group(1)


# Served from the cache --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?page=1",
        "/search/?q=harbour",
        "/feed/",
        "/feed/atom/",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
def test_a_second_anonymous_reader_gets_the_page_without_a_query(
    client, url, django_assert_num_queries
):
    make_article(title="Harbour reopens")
    first = client.get(url)

    with django_assert_num_queries(0):
        second = Client().get(url)

    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_the_article_page_with_its_comments_comes_from_the_cache(
    client, django_assert_num_queries
):
    article = make_article()
    make_comment(article, body="Seen by everyone.", status=Comment.Status.APPROVED)
    first = client.get(article.get_absolute_url())

    with django_assert_num_queries(0):
        second = Client().get(article.get_absolute_url())

    assert "Seen by everyone." in second.content.decode()
    assert int(second["Content-Length"]) == len(second.content)
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_links_shared_with_tracking_parameters_share_the_cached_page(
    client, django_assert_num_queries
):
    article = cached_article(client)

    with django_assert_num_queries(0):
        response = client.get(
            article.get_absolute_url(), {"utm_source": "newsletter", "fbclid": "AbC123"}
        )

    assert "The first title" in response.content.decode()


def test_parameters_no_page_reads_share_the_page_instead_of_copying_it(
    client, django_assert_num_queries
):
    article = cached_article(client)

    with django_assert_num_queries(0):
        for junk in ({"x": "1"}, {"cache-buster": "827364"}, {"_": "1", "ref": "home"}):
            response = client.get(article.get_absolute_url(), junk)
            assert "The first title" in response.content.decode()


def test_pages_name_what_they_show_for_a_cdn_to_purge(client):
    tag = make_tag(name="Harbours")
    article = make_article(tags=[tag])

    made = client.get(article.get_absolute_url())
    kept = Client().get(article.get_absolute_url())

    names = set(made["Surrogate-Key"].split())
    assert {f"article:{article.pk}", f"comments:{article.pk}", f"tag:{tag.pk}", "nav"} <= names
    assert kept["Surrogate-Key"] == made["Surrogate-Key"]
    assert "Surrogate-Key" not in client.get("/articles/no-such-story/")


def test_other_query_strings_are_other_pages(client):
    make_article(title="Tide tables")

    client.get("/search/", {"q": "tide"})
    response = client.get("/search/", {"q": "storm"})

    assert "Tide tables" not in response.content.decode()


def test_the_page_cache_can_be_switched_off(client, settings):
    settings.NEWSROOM_PAGE_CACHE = False
    article = cached_article(client)

    quietly_retitle(article, "Changed quietly")

    assert "Changed quietly" in client.get(article.get_absolute_url()).content.decode()


# Never stale ------------------------------------------------------------------------------------


def test_an_edited_article_shows_at_once(client):
    article = cached_article(client)
    client.get("/")

    article.title = "The corrected title"
    article.save()

    assert "The corrected title" in client.get(article.get_absolute_url()).content.decode()
    assert "The corrected title" in client.get("/").content.decode()


def test_unpublishing_and_publishing_in_the_admin_show_at_once(client):
    article = cached_article(client)
    assert "The first title" in client.get("/").content.decode()
    editor = Client()
    editor.force_login(make_editor())
    changelist = reverse("admin:articles_article_changelist")

    editor.post(
        changelist,
        {"action": "unpublish", "_selected_action": [article.pk], "reason": "Withdrawn."},
    )

    assert client.get(article.get_absolute_url()).status_code == 410
    assert "The first title" not in client.get("/").content.decode()

    editor.post(changelist, {"action": "publish_now", "_selected_action": [article.pk]})

    assert client.get(article.get_absolute_url()).status_code == 200
    assert "The first title" in client.get("/").content.decode()


def test_approving_and_removing_a_comment_show_at_once(client):
    article = cached_article(client)
    comment = make_comment(article, body="A point worth making.")
    moderator = make_moderator()
    assert "A point worth making." not in client.get(article.get_absolute_url()).content.decode()

    comment.moderate(Comment.Status.APPROVED, by=moderator)

    assert "A point worth making." in client.get(article.get_absolute_url()).content.decode()
    assert "1 comment" in client.get("/").content.decode()

    comment.moderate(Comment.Status.REMOVED, by=moderator)

    assert "A point worth making." not in client.get(article.get_absolute_url()).content.decode()


def test_a_new_pending_comment_leaves_cached_pages_in_place(client, django_assert_num_queries):
    article = cached_article(client)

    make_comment(article, body="Waiting for a moderator.")

    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert "Waiting for a moderator." not in response.content.decode()


@pytest.mark.parametrize("model", ["section", "tag", "author"])
def test_renaming_a_section_tag_or_author_shows_at_once(client, model):
    tag, author = make_tag(name="Weather"), make_author(name="Ada Byline")
    article = make_article(tags=[tag], authors=[author])
    client.get(article.get_absolute_url())
    renamed = {"section": article.section, "tag": tag, "author": author}[model]

    renamed.name = "Renamed in the admin"
    renamed.save()

    assert "Renamed in the admin" in client.get(article.get_absolute_url()).content.decode()


def test_tagging_an_article_shows_at_once(client):
    article = cached_article(client)

    article.tags.add(make_tag(name="Harbours"))

    assert "Harbours" in client.get(article.get_absolute_url()).content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 3600
    now = timezone.now()
    make_article(title="Out at nine", published_at=now + timedelta(minutes=5))
    with time_machine.travel(now, tick=False):
        assert "Out at nine" not in client.get("/").content.decode()
        response = client.get("/")
        assert "Out at nine" not in response.content.decode()
        # A CDN may not keep it past that moment either.
        assert "s-maxage=60" in response["Cache-Control"]

    with time_machine.travel(now + timedelta(minutes=4, seconds=30), tick=False):
        assert "s-maxage=30" in Client().get("/?page=1")["Cache-Control"]

    with time_machine.travel(now + timedelta(minutes=5, seconds=1), tick=False):
        assert "Out at nine" in client.get("/").content.decode()


def test_a_comment_form_that_closes_by_itself_is_not_kept_open(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 2
    now = timezone.now()
    article = make_article(published_at=now - timedelta(days=2) + timedelta(minutes=10))
    with time_machine.travel(now, tick=False):
        assert 'name="rendered"' in client.get(article.get_absolute_url()).content.decode()

    with time_machine.travel(now + timedelta(minutes=11), tick=False):
        page = client.get(article.get_absolute_url()).content.decode()

    assert 'name="rendered"' not in page
    assert "Comments are closed." in page


def renew_in_another_process(*names):
    """Renew ``names`` from another Python process of the project, as another app server's
    worker would."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "NEWSROOM_TEST_PAGE_VERSIONS": str(settings.NEWSROOM_PAGE_VERSIONS),
    }
    code = (
        "import sys, django; django.setup(); "
        "from pagecache.renewals import Renewal; Renewal(sys.argv[1:])()"
    )
    subprocess.run([sys.executable, "-c", code, *names], cwd=ROOT, env=env, check=True, timeout=60)


def test_pages_renewed_in_another_app_process_are_not_served(client):
    """Each process may keep its own pages; what another process renews reaches them all: the
    versions file every process maps with local memory, the version keys beside the pages with
    Redis."""
    article = cached_article(client)
    quietly_retitle(article, "Changed by another process")

    renew_in_another_process(f"article:{article.pk}")

    assert "Changed by another process" in client.get(article.get_absolute_url()).content.decode()


def test_what_another_process_renews_leaves_other_pages_in_place(client):
    other = make_article(title="Another story")
    article = cached_article(client)
    quietly_retitle(article, "Changed quietly")

    renew_in_another_process(f"article:{other.pk}")

    assert "The first title" in client.get(article.get_absolute_url()).content.decode()


# Who goes past the cache ------------------------------------------------------------------------


def test_logged_in_staff_never_get_the_cached_page(client):
    article = cached_article(client)
    quietly_retitle(article, "Changed quietly")
    staff = Client()
    staff.force_login(make_editor())

    response = staff.get(article.get_absolute_url())

    assert "Changed quietly" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "The first title" in client.get(article.get_absolute_url()).content.decode()


def test_a_reader_with_a_pending_comment_sees_it_and_nobody_else_does(client):
    article = cached_article(client)
    commenter = Client()
    page = commenter.get(article.get_absolute_url()).content.decode()
    form = {
        "author_name": "Ada Reader",
        "author_email": "ada@example.net",
        "body": "My own words, awaiting a moderator.",
        "rendered": hidden_value(page, "rendered"),
        "homepage": "",
        "parent": "",
    }
    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        posted = commenter.post(
            reverse("comments:post", kwargs={"slug": article.slug}),
            form,
            headers={"Origin": "http://testserver"},
        )
        assert posted.status_code == 302

        own = commenter.get(article.get_absolute_url()).content.decode()
        assert "My own words, awaiting a moderator." in own
        assert "Your comment is awaiting moderation." in own
        others = Client().get(article.get_absolute_url()).content.decode()
        assert "My own words" not in others


def test_a_reader_with_a_flash_message_goes_past_the_cache(client):
    article = cached_article(client)
    quietly_retitle(article, "Changed quietly")
    reader = Client()
    reader.cookies["messages"] = "a message waiting to be shown"

    assert "Changed quietly" in reader.get(article.get_absolute_url()).content.decode()


def test_posts_are_never_answered_from_the_cache(client):
    article = cached_article(client)

    response = client.post(reverse("comments:post", kwargs={"slug": article.slug}), {})

    assert response.status_code == 200  # the form again, with its errors
    assert "This field is required." in response.content.decode()


# The comment form on a cached page --------------------------------------------------------------


def test_a_new_visitor_comments_from_a_cached_page_without_any_cookie(
    client, django_assert_num_queries
):
    article = cached_article(client)
    visitor = Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        page = visitor.get(article.get_absolute_url())
    assert not page.cookies

    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        response = visitor.post(
            reverse("comments:post", kwargs={"slug": article.slug}),
            {
                "author_name": "New Visitor",
                "author_email": "new@example.net",
                "body": "First time here, from a cached page.",
                "rendered": hidden_value(page.content.decode(), "rendered"),
                "homepage": "",
                "parent": "",
            },
            headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        )

    assert response.status_code == 302
    assert Comment.objects.get().author_name == "New Visitor"


def test_a_cross_site_post_from_a_cached_page_is_refused(client):
    article = cached_article(client)
    page = Client().get(article.get_absolute_url()).content.decode()

    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        response = Client(enforce_csrf_checks=True).post(
            reverse("comments:post", kwargs={"slug": article.slug}),
            {
                "author_name": "Forger",
                "author_email": "forger@example.net",
                "body": "Posted from another site.",
                "rendered": hidden_value(page, "rendered"),
                "homepage": "",
                "parent": "",
            },
            headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"},
        )

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_each_reader_of_a_cached_page_gets_the_time_they_saw_the_form(client):
    article = make_article()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get(article.get_absolute_url())

    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        page = Client().get(article.get_absolute_url()).content.decode()
        age = form_age(hidden_value(page, "rendered"), article.pk)

    assert age == 0


# HTTP caching: CDN headers and conditional GET -------------------------------------------------


def test_anonymous_pages_may_be_kept_by_a_cdn_for_a_short_while(client, settings):
    settings.NEWSROOM_CDN_SECONDS = 45
    article = make_article()

    for url in ["/", article.get_absolute_url(), article.section.get_absolute_url()]:
        for response in (client.get(url), Client().get(url)):  # made now, then from the cache
            cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
            assert {"public", "max-age=0", "s-maxage=45"} <= cache_control
            assert "Cookie" in response["Vary"]


def test_the_health_check_and_error_pages_are_never_kept(client):
    assert client.get("/healthz").get("Cache-Control") == "no-store"
    missing = client.get("/articles/no-such-story/")
    assert missing.status_code == 404
    assert "public" not in missing.get("Cache-Control", "")


@pytest.mark.parametrize("page_cache", [True, False], ids=["cached", "not-cached"])
def test_article_and_list_pages_answer_304_when_unchanged(client, settings, page_cache):
    settings.NEWSROOM_PAGE_CACHE = page_cache
    article = make_article()

    for url in ["/", article.get_absolute_url(), article.section.get_absolute_url()]:
        etag = client.get(url)["ETag"]
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        assert Client().get(url, headers={"If-None-Match": etag}).status_code == 304


def test_a_changed_page_answers_200_to_the_old_etag(client):
    article = make_article()
    etag = client.get(article.get_absolute_url())["ETag"]

    article.title = "A new title"
    article.save()
    response = client.get(article.get_absolute_url(), headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag


# The comment threads, for readers who go past the page cache ----------------------------------


def comment_threads_read(queries):
    """Whether the article's comments themselves (not just their counts) were read."""
    return any(
        '"comments_comment"' in query["sql"] and "body_html" in query["sql"] for query in queries
    )


def test_readers_past_the_page_cache_get_the_threads_made_once(settings):
    settings.NEWSROOM_PAGE_CACHE = False
    article = make_article()
    make_comment(article, body="Made once, shown often.", status=Comment.Status.APPROVED)
    staff = Client()
    staff.force_login(make_editor())

    with CaptureQueriesContext(connection) as first:
        staff.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as second:
        page = staff.get(article.get_absolute_url()).content.decode()

    assert comment_threads_read(first.captured_queries)
    assert not comment_threads_read(second.captured_queries)
    assert "Made once, shown often." in page
    assert "1 comment" in page


def test_threads_made_once_still_change_with_each_moderation():
    article = make_article()
    comment = make_comment(article, body="Approved a moment later.")
    staff = Client()
    staff.force_login(make_editor())
    assert "Approved a moment later." not in staff.get(article.get_absolute_url()).content.decode()

    comment.moderate(Comment.Status.APPROVED, by=make_moderator())

    assert "Approved a moment later." in staff.get(article.get_absolute_url()).content.decode()


def test_a_form_made_once_still_tells_when_each_reader_saw_it(settings):
    settings.NEWSROOM_PAGE_CACHE = False
    article = make_article()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        Client().get(article.get_absolute_url())

    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        page = Client().get(article.get_absolute_url()).content.decode()
        age = form_age(hidden_value(page, "rendered"), article.pk)

    assert age == 0
    assert "rendered-at-placeholder" not in page


def test_cached_pages_go_out_compressed_to_readers_who_accept_gzip(client):
    article = make_article()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get(article.get_absolute_url())

    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        compressed = Client().get(
            article.get_absolute_url(), headers={"Accept-Encoding": "gzip, br"}
        )
        plain = Client().get(article.get_absolute_url()).content.decode()
        html = gzip.decompress(compressed.content).decode()
        age = form_age(hidden_value(html, "rendered"), article.pk)

    assert compressed["Content-Encoding"] == "gzip"
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain)
    assert "Accept-Encoding" in compressed["Vary"]
    assert age == 0
    assert html == plain.replace(hidden_value(plain, "rendered"), hidden_value(html, "rendered"))


@pytest.mark.parametrize("page_cache", [True, False], ids=["cached", "not-cached"])
def test_an_article_without_comments_says_so_every_time(client, settings, page_cache):
    settings.NEWSROOM_PAGE_CACHE = page_cache
    article = make_article()

    for _ in range(2):
        page = client.get(article.get_absolute_url()).content.decode()
        assert "No comments yet." in page
        assert 'class="comment-list"' not in page


class LeftByAnotherVersion:
    """Stands for a class of the code that a cached page was stored with, gone since."""


def test_a_page_left_in_the_cache_by_another_version_of_the_code_is_made_again(
    client, monkeypatch, rf
):
    from pagecache.middleware import page_key

    article = cached_article(client)
    caches["pages"].set(
        page_key(rf.get(article.get_absolute_url())), LeftByAnotherVersion(), timeout=60
    )
    monkeypatch.delattr(sys.modules[__name__], "LeftByAnotherVersion")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "The first title" in response.content.decode()
