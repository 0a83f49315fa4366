import logging

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from comments.models import Comment
from comments.services import post_comment
from tests.comments.factories import make_moderator
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

BASE_URL = "https://news.example"


class FailingBackend(BaseEmailBackend):
    """A mail server that cannot be reached."""

    def send_messages(self, email_messages):
        raise OSError("Connection refused")


def post(article, **fields):
    fields.setdefault("name", "Ada")
    fields.setdefault("email", "ada@example.net")
    fields.setdefault("url", "")
    fields.setdefault("body", "A first comment on this story.")
    fields.setdefault("form_age", 10)
    fields.setdefault("base_url", BASE_URL)
    return post_comment(article=article, **fields)


@pytest.fixture
def moderators(settings):
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@example.org"]
    make_moderator(email="mod@example.org")
    make_moderator(email="")  # no address: not notified
    make_moderator(email="gone@example.org", is_active=False)
    make_user(email="reader@example.org")  # not a moderator


def test_held_comment_sends_one_email_to_moderators_after_commit(
    moderators, mailoutbox, django_capture_on_commit_callbacks
):
    article = make_article(title="Harbour reopens")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment = post(article, body="The harbour master deserves a medal.\nTruly.")
        assert mailoutbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()

    assert comment.status == Comment.Status.PENDING
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert sorted(message.to) == ["desk@example.org", "mod@example.org"]
    assert "Harbour reopens" in message.subject
    assert "The harbour master deserves a medal.\nTruly." in message.body
    assert BASE_URL + reverse("admin:comments_comment_change", args=[comment.pk]) in message.body
    assert "First-time commenter" in message.body


def test_email_excerpt_is_shortened_for_long_comments(
    moderators, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(make_article(), body="word " * 200)

    assert len(mailoutbox) == 1
    assert "word " * 50 in mailoutbox[0].body
    assert "word " * 70 not in mailoutbox[0].body


def test_approved_comment_sends_no_email(
    moderators, mailoutbox, django_capture_on_commit_callbacks
):
    staff = make_user(is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        comment = post(make_article(), user=staff)

    assert comment.status == Comment.Status.APPROVED
    assert mailoutbox == []


def test_spam_sends_no_email(moderators, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(make_article(), honeypot="http://spam.example")

    assert comment.status == Comment.Status.SPAM
    assert mailoutbox == []


def test_no_email_without_any_moderator_address(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_EMAILS = []
    make_moderator(email="")

    with django_capture_on_commit_callbacks(execute=True):
        comment = post(make_article())

    assert comment.status == Comment.Status.PENDING
    assert mailoutbox == []


def test_failing_mail_server_is_logged_and_the_comment_is_kept(
    moderators, settings, caplog, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingBackend"}}
    article = make_article()

    with (
        caplog.at_level(logging.ERROR, logger="comments.notify"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        comment = post(article)

    assert len(callbacks) == 1  # the email was attempted
    assert mailoutbox == []
    assert Comment.objects.filter(pk=comment.pk, status=Comment.Status.PENDING).exists()
    assert any(
        record.name == "comments.notify" and "OSError" in (record.exc_text or "")
        for record in caplog.records
    )
