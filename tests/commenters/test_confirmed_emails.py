"""Confirming an address: a link sent after the comment, a page on GET, the change on POST."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import timezone

from comments.models import Comment, CommenterAddress
from comments.trust import trusted_ids
from tests.comments.factories import make_comment
from tests.factories import make_article

from .helpers import link_to, post, sent_to

pytestmark = pytest.mark.django_db(transaction=False)


def test_ticking_the_box_sends_one_confirmation_link(client, django_capture_on_commit_callbacks):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, author_email="Ada.Lovelace@Example.net", notify_replies="on")
    (message,) = sent_to("ada.lovelace@example.net")
    assert "/comments/confirm/" in message.body
    # Long enough that a random token never holds it by chance, as "ada" once did.
    assert "lovelace" not in link_to(message, "/comments/confirm/").lower()
    assert message.alternatives[0].mimetype == "text/html"


def test_without_the_box_no_email_and_no_address_kept(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, make_article())
    assert mail.outbox == []
    assert not CommenterAddress.objects.exists()


def test_the_box_is_off_by_default(client):
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'name="notify_replies"' in page
    assert 'name="notify_replies" checked' not in page


def test_get_shows_a_page_and_changes_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, make_article(), notify_replies="on")
    link = link_to(mail.outbox[0], "/comments/confirm/")
    response = client.get(link)
    assert response.status_code == 200
    assert b'<form method="post"' in response.content
    assert not CommenterAddress.objects.confirmed().exists()


def test_post_confirms_and_makes_the_address_comments_this_browser_own(
    client, django_capture_on_commit_callbacks
):
    article = make_article()
    earlier = make_comment(article, author_email="ada@example.net", status=Comment.Status.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        pending = post(client, article, author_email="ada@example.net", notify_replies="on")
    link = link_to(mail.outbox[0], "/comments/confirm/")
    response = client.post(link)
    assert response.status_code == 302
    assert CommenterAddress.objects.get().is_confirmed
    cookie = response.cookies[settings.COMMENTS_TRUST_COOKIE]
    assert cookie["httponly"]
    client.cookies[settings.COMMENTS_TRUST_COOKIE] = cookie.value

    class Request:
        COOKIES = {settings.COMMENTS_TRUST_COOKIE: cookie.value}

    assert trusted_ids(Request) == [earlier.pk, pending.pk]


def test_the_trusted_browser_next_comment_is_published_at_once(
    client, django_capture_on_commit_callbacks
):
    article = make_article()
    make_comment(article, author_email="ada@example.net", status=Comment.Status.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, author_email="ada@example.net", notify_replies="on")
    assert Comment.objects.latest("id").status == Comment.Status.PENDING
    client.post(link_to(mail.outbox[0], "/comments/confirm/"))
    again = post(client, article, author_email="ada@example.net", body="Another thought.")
    assert again.status == Comment.Status.APPROVED


def test_a_confirmed_address_gets_no_second_confirmation(
    client, django_capture_on_commit_callbacks
):
    CommenterAddress.objects.create(email="ada@example.net", confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        post(client, make_article(), author_email="ada@example.net", notify_replies="on")
    assert mail.outbox == []


def test_confirmations_to_one_address_go_at_most_once_an_hour(
    client, django_capture_on_commit_callbacks
):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, notify_replies="on", body="One.")
        post(client, article, notify_replies="on", body="Two.")
    assert len(mail.outbox) == 1


def test_a_reused_confirmation_link_gets_a_friendly_page(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, make_article(), notify_replies="on")
    link = link_to(mail.outbox[0], "/comments/confirm/")
    client.post(link)
    response = client.post(link)
    assert response.status_code == 410
    assert b"already used" in response.content


def test_an_expired_confirmation_link_gets_a_friendly_page(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, make_article(), notify_replies="on")
    link = link_to(mail.outbox[0], "/comments/confirm/")
    later = timezone.now() + timedelta(days=settings.COMMENTS_CONFIRM_LINK_DAYS, hours=1)
    with time_machine.travel(later):
        response = client.post(link)
    assert response.status_code == 410
    assert b"too old" in response.content
    assert not CommenterAddress.objects.confirmed().exists()


@pytest.mark.parametrize("change", [lambda t: t[:-2], lambda t: "x" + t, lambda t: "garbage"])
def test_a_tampered_confirmation_link_gets_a_friendly_page(
    client, django_capture_on_commit_callbacks, change
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, make_article(), notify_replies="on")
    link = link_to(mail.outbox[0], "/comments/confirm/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    for method in (client.get, client.post):
        response = method(f"/comments/confirm/{change(token)}/")
        assert response.status_code == 400
        assert b"incomplete or was changed" in response.content


def test_a_comment_taken_for_spam_sends_no_confirmation_and_gets_the_same_answer(
    client, django_capture_on_commit_callbacks
):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/articles/{article.slug}/comments/",
            {
                "author_name": "Bot",
                "author_email": "victim@example.net",
                "body": "Buy now.",
                "homepage": "http://spam.example",  # the honeypot
                "notify_replies": "on",
            },
        )
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.SPAM
    assert mail.outbox == []


def test_a_comment_approved_after_confirming_makes_the_next_one_trusted(
    client, django_capture_on_commit_callbacks
):
    article, other = make_article(), make_article()
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, article, author_email="ada@example.net", notify_replies="on")
    client.post(link_to(mail.outbox[0], "/comments/confirm/"))
    first.moderate(Comment.Status.APPROVED, by=None)
    # On another article's page: the proof came from the link, not from that page's cookie.
    again = post(client, other, author_email="ada@example.net", body="Elsewhere.")
    assert again.status == Comment.Status.APPROVED


def test_a_stranger_typing_a_confirmed_email_is_not_trusted(
    client, django_capture_on_commit_callbacks
):
    article = make_article()
    make_comment(article, author_email="ada@example.net", status=Comment.Status.APPROVED)
    CommenterAddress.objects.create(email="ada@example.net", confirmed_at=timezone.now())
    stranger = post(client.__class__(), article, author_email="ada@example.net", body="Fake.")
    assert stranger.status == Comment.Status.PENDING
    assert stranger.reason == Comment.Reason.UNVERIFIED
