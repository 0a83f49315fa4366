"""Commenters' pages are their own: never cached, and no address in a page, header or log line."""

import logging

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comments import links
from comments.models import Comment, CommenterAddress, ReplySubscription
from tests.comments.factories import make_comment
from tests.factories import make_article

from .helpers import approve, link_to, links_in, post, sent_to

pytestmark = pytest.mark.django_db

ADA = "ada.marker@example.net"


def assert_never_cached(response):
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_every_commenter_page_is_never_cached(client, django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.DEBUG)
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(client, article, author_email=ADA, notify_replies="on")
    confirm = link_to(mail.outbox[0], "/comments/confirm/")
    responses = [client.get(confirm), client.post(confirm, follow=True)]
    approve(comment)
    with django_capture_on_commit_callbacks(execute=True):
        approve(make_comment(article, parent=comment, status=Comment.Status.APPROVED))
    replies_mail = sent_to(ADA)[-1]
    for path in links_in(replies_mail):
        if "/unsubscribe" in path:
            responses.append(client.get(path))
    with django_capture_on_commit_callbacks(execute=True):
        responses.append(client.get(reverse("comments:your-data")))
        responses.append(client.post(reverse("comments:your-data"), {"email": ADA}, follow=True))
    data_link = link_to(sent_to(ADA)[-1], "/comments/your-data/open/")
    responses += [client.get(data_link), client.post(data_link, follow=True)]
    responses.append(client.post(reverse("comments:your-data-stop"), follow=True))
    responses.append(client.post(reverse("comments:your-data-erase"), {"sure": "on"}, follow=True))
    responses.append(client.get("/comments/confirm/broken/"))

    for response in responses:
        assert response.status_code < 500
        assert_never_cached(response)
        assert ADA not in response.content.decode(), response.request["PATH_INFO"]
        assert ADA not in str(response.headers)
    logged = "\n".join(
        f"{record.getMessage()} {getattr(record, 'fields', '')}" for record in caplog.records
    )
    assert "ada.marker" not in logged


def test_the_unsubscribe_page_is_made_anew_each_time(client):
    article = make_article()

    address = CommenterAddress.objects.create(email=ADA, confirmed_at=timezone.now())
    comment = make_comment(article, author_email=ADA, status=Comment.Status.APPROVED)
    subscription = ReplySubscription.objects.create(address=address, comment=comment)
    path = links.unsubscribe_thread_url("", subscription.pk)
    assert b"Stop these emails" in client.get(path).content
    subscription.delete()
    assert b"Stop these emails" not in client.get(path).content
