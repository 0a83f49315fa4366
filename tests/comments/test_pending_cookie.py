"""A commenter is a reader too: their pending comment follows them on its article's page only,
and once it is moderated they get the cached pages like everyone else."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment
from comments.pending import signed
from tests.comments.factories import comment_form_data, make_comment, make_moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db

AWAITING = "Your comment is awaiting moderation."
PENDING = settings.COMMENTS_PENDING_COOKIE


def post_comment(browser, article, body="My own words, for the moderators first."):
    return browser.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_form_data(article, body=body),
        headers={"Origin": "http://testserver"},
    )


def served_from_cache(browser, url):
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(url)
    assert response.status_code == 200
    return not queries.captured_queries


def test_posting_a_comment_starts_no_session_but_a_cookie_for_its_article_only():
    article = make_article()
    commenter = Client()

    response = post_comment(commenter, article)

    assert response.status_code == 302
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    cookie = response.cookies[PENDING]
    assert cookie["path"] == article.get_absolute_url()
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    # The cookie holds ids only, signed: never the email, nor anything readable as one.
    assert "ada" not in cookie.value
    assert "@" not in cookie.value


def test_before_approval_the_commenter_sees_their_comment_and_nobody_else_does():
    article = make_article()
    commenter = Client()
    post_comment(commenter, article)

    own = commenter.get(article.get_absolute_url()).content.decode()
    others = Client().get(article.get_absolute_url()).content.decode()

    assert "My own words" in own
    assert AWAITING in own
    assert "My own words" not in others


def test_after_approval_the_commenter_gets_the_cached_page_again():
    article = make_article()
    commenter = Client()
    post_comment(commenter, article)
    commenter.get(article.get_absolute_url())  # the message, shown once
    comment = Comment.objects.get()

    comment.moderate(Comment.Status.APPROVED, by=make_moderator())
    response = commenter.get(article.get_absolute_url())

    assert "My own words" in response.content.decode()
    assert response.cookies[PENDING]["max-age"] == 0  # nothing of theirs is pending
    assert response.cookies[PENDING]["path"] == article.get_absolute_url()
    assert PENDING not in commenter.cookies or not commenter.cookies[PENDING].value
    Client().get(article.get_absolute_url())  # a reader puts the page in the cache
    assert served_from_cache(commenter, article.get_absolute_url())


def test_a_comment_moderated_leaves_the_cookie_with_the_others_still_pending():
    article = make_article()
    first = make_comment(article, body="First, still waiting.")
    second = make_comment(article, body="Second, soon approved.")
    commenter = Client()
    commenter.cookies[PENDING] = signed([first.pk, second.pk])

    second.moderate(Comment.Status.APPROVED, by=make_moderator())
    response = commenter.get(article.get_absolute_url())

    assert "First, still waiting." in response.content.decode()
    commenter.cookies[PENDING] = response.cookies[PENDING].value
    assert "First, still waiting." in commenter.get(article.get_absolute_url()).content.decode()
    assert PENDING not in commenter.get(article.get_absolute_url()).cookies


def test_an_altered_cookie_shows_nothing_pending():
    article = make_article()
    comment = make_comment(article, body="Someone else's words, awaiting moderation.")
    forger = Client()
    forger.cookies[PENDING] = signed([comment.pk])[:-2] + "xx"

    page = forger.get(article.get_absolute_url()).content.decode()

    assert "Someone else's words" not in page


def test_a_cookie_of_another_article_shows_nothing_of_it_here():
    article, other = make_article(), make_article()
    comment = make_comment(other, body="Pending under the other story.")
    reader = Client()
    reader.cookies[PENDING] = signed([comment.pk])

    page = reader.get(article.get_absolute_url()).content.decode()

    assert "Pending under the other story." not in page


def test_the_moderation_message_is_shown_once_then_the_page_is_everyones():
    article = make_article()
    Client().get(article.get_absolute_url())
    commenter = Client()
    post_comment(commenter, article)
    del commenter.cookies[PENDING]  # as on any other page of the site

    first = commenter.get(article.get_absolute_url()).content.decode()

    assert AWAITING in first
    assert served_from_cache(commenter, article.get_absolute_url())
