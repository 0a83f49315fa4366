"""On a queue that can wait (the database queue), the mail task comes back by itself: for
replies waiting for their digest, and to retry what a mail server refused."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.tasks import task_backends
from django.utils import timezone

from comments.commenter_tasks import RETRY_AFTER, deliver_commenter_mail
from comments.models import Comment, CommenterAddress, ReplyNotice, ReplySubscription
from tests.comments.factories import make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.results.clear()
    return backend


def subscriber_with_a_reply(notified_at):
    address = CommenterAddress.objects.create(
        email="ada@example.net", confirmed_at=notified_at, notified_at=notified_at
    )
    comment = make_comment(author_email=address.email, status=Comment.Status.APPROVED)
    subscription = ReplySubscription.objects.create(address=address, comment=comment)
    reply = make_comment(comment.article, parent=comment, status=Comment.Status.APPROVED)
    return ReplyNotice.objects.create(subscription=subscription, reply=reply)


def test_replies_waiting_for_their_digest_bring_the_task_back_when_it_is_due(
    waiting_queue, settings
):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        subscriber_with_a_reply(notified_at=now - timedelta(minutes=1))
        deliver_commenter_mail.call("http://testserver")
    assert mail.outbox == []
    (again,) = waiting_queue.results
    window = timedelta(minutes=settings.COMMENTS_REPLY_DIGEST_MINUTES)
    assert again.task.run_after == now - timedelta(minutes=1) + window


def test_a_refused_email_brings_the_task_back_to_retry(waiting_queue, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "use_tls": False, "timeout": 2},
        }
    }
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        notice = subscriber_with_a_reply(notified_at=None)
        assert deliver_commenter_mail.call("http://testserver") == 1
    (again,) = waiting_queue.results
    assert again.task.run_after == now + RETRY_AFTER
    notice.refresh_from_db()
    assert notice.sent_at is None
