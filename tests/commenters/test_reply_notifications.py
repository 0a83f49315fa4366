"""Reply notifications: one email per visible reply to a confirmed subscriber, digests, one-click
unsubscribe."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from comments import mail_queue, replies
from comments.models import Comment, CommenterAddress, ReplyNotice, ReplySubscription
from tests.comments.factories import make_comment
from tests.factories import make_article

from .helpers import approve, link_to, post, sent_to

pytestmark = pytest.mark.django_db

ADA = "ada@example.net"


@pytest.fixture
def thread(client, django_capture_on_commit_callbacks):
    """Ada's approved comment, her address confirmed, replies to it asked for."""
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(client, article, author_email=ADA, notify_replies="on")
    client.post(link_to(mail.outbox[0], "/comments/confirm/"))
    approve(comment)
    mail.outbox.clear()
    return comment


def reply_to(parent, **fields):
    fields.setdefault("author_name", "Bob Replier")
    fields.setdefault("author_email", "bob@example.net")
    fields.setdefault("body", "I see it otherwise.")
    return make_comment(parent.article, parent=parent, **fields)


def test_an_approved_reply_sends_one_email_with_both_parts_and_one_click_headers(
    thread, django_capture_on_commit_callbacks
):
    reply = reply_to(thread)
    with django_capture_on_commit_callbacks(execute=True):
        approve(reply)
    (message,) = sent_to(ADA)
    assert "Bob Replier" in message.subject
    assert "I see it otherwise." in message.body
    assert f"#comment-{reply.pk}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "I see it otherwise." in html
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = headers["List-Unsubscribe"]
    assert one_click.startswith("<http://testserver/comments/unsubscribe/")
    assert "bob@example.net" not in message.body and "bob@example.net" not in html


def test_the_email_is_in_the_site_language(thread, django_capture_on_commit_callbacks, settings):
    settings.LANGUAGE_CODE = "fr"
    with django_capture_on_commit_callbacks(execute=True):
        approve(reply_to(thread))
    (message,) = sent_to(ADA)
    assert "a répondu" in message.subject


@pytest.mark.parametrize(
    "status", [Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED]
)
def test_no_email_for_a_reply_readers_cannot_see(
    thread, django_capture_on_commit_callbacks, status
):
    reply = reply_to(thread)
    with django_capture_on_commit_callbacks(execute=True):
        reply.moderate(status, by=None)
        replies.replies_visible([reply], base_url="http://testserver")
    assert mail.outbox == []


def test_a_reply_removed_before_its_email_went_is_never_told(thread):
    with time_machine.travel(timezone.now()):
        reply = reply_to(thread, status=Comment.Status.APPROVED)
        replies.replies_visible([reply], base_url="")
        reply.moderate(Comment.Status.REMOVED, by=None)
        mail_queue.deliver(base_url="http://testserver")
    assert mail.outbox == []


def test_no_email_for_a_reply_to_yourself(thread, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approve(reply_to(thread, author_email="ADA@example.net"))
    assert mail.outbox == []


def test_no_email_before_the_address_is_confirmed(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(client, make_article(), author_email=ADA, notify_replies="on")
    approve(comment)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve(reply_to(comment))
    assert mail.outbox == []


def test_approving_a_reply_twice_tells_it_once(thread, django_capture_on_commit_callbacks):
    reply = reply_to(thread)
    with django_capture_on_commit_callbacks(execute=True):
        approve(reply)
        approve(reply)
    assert len(sent_to(ADA)) == 1


def test_replies_in_a_short_window_go_together_in_one_digest(
    thread, django_capture_on_commit_callbacks, settings
):
    start = timezone.now()
    with (
        time_machine.travel(start, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        approve(reply_to(thread, body="First answer."))
    with (
        time_machine.travel(start + timedelta(minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        approve(reply_to(thread, body="Second answer."))
        approve(reply_to(thread, body="Third answer.", author_email="cy@example.net"))
    assert len(sent_to(ADA)) == 1
    later = start + timedelta(minutes=settings.COMMENTS_REPLY_DIGEST_MINUTES + 1)
    with time_machine.travel(later, tick=False):
        mail_queue.deliver(base_url="http://testserver")
    _first, digest = sent_to(ADA)
    assert "2 replies" in digest.subject
    assert "Second answer." in digest.body and "Third answer." in digest.body
    assert ReplyNotice.objects.filter(sent_at__isnull=True).count() == 0


def test_one_click_post_from_the_link_alone_stops_the_thread(
    thread, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approve(reply_to(thread))
    one_click = sent_to(ADA)[0].message()["List-Unsubscribe"].strip("<>")
    fresh = client.__class__(enforce_csrf_checks=True)
    response = fresh.post(one_click, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 204
    assert not ReplySubscription.objects.exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve(reply_to(thread, body="Unheard."))
    assert mail.outbox == []


def test_the_unsubscribe_link_shows_a_page_on_get_and_acts_on_post(
    thread, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approve(reply_to(thread))
    link = link_to(sent_to(ADA)[0], "/comments/unsubscribe/")
    assert client.get(link).status_code == 200
    assert ReplySubscription.objects.exists()
    response = client.post(link)
    assert response.status_code == 302
    assert not ReplySubscription.objects.exists()


def test_unsubscribe_from_everything_stops_every_thread(
    thread, client, django_capture_on_commit_callbacks
):
    other = post(client, thread.article, author_email=ADA, notify_replies="on", body="More.")
    approve(other)
    with django_capture_on_commit_callbacks(execute=True):
        approve(reply_to(thread))
    assert ReplySubscription.objects.count() == 2
    client.post(link_to(sent_to(ADA)[0], "/comments/unsubscribe-all/"))
    assert not ReplySubscription.objects.exists()
    assert CommenterAddress.objects.filter(email=ADA).exists()


def test_a_tampered_unsubscribe_link_gets_a_friendly_page(client):
    response = client.post("/comments/unsubscribe/not-a-token/")
    assert response.status_code == 400
    assert b"incomplete or was changed" in response.content
