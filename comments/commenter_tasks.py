"""The task that sends commenters' emails, queued after each change that makes one due."""

import threading
from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from . import mail_queue

RETRY_AFTER = timedelta(minutes=5)

# What the request being answered queued, sent once its response is gone (request_finished).
_after_response = threading.local()


def deliver_soon(*, base_url):
    """Send what is due once the transaction commits, and within a request once its response
    has been sent: a failing mail server never fails (nor rolls back) the request that made the
    email due, and with a queue that runs tasks at once (the immediate backend), an answer
    never takes longer because an email was sent, which would tell whether an address is
    known."""
    transaction.on_commit(lambda: _once_answered(lambda: deliver_commenter_mail.enqueue(base_url)))


def _once_answered(send):
    waiting = getattr(_after_response, "sends", None)
    if waiting is None:  # outside a request: a command, a task
        send()
    else:
        waiting.append(send)


def request_started(**kwargs):
    _after_response.sends = []


def request_finished(**kwargs):
    sends = getattr(_after_response, "sends", None) or []
    _after_response.sends = None
    for send in sends:
        send()


@task
def deliver_commenter_mail(base_url):
    """Send the emails due; on a queue that can wait, come back for failures and digests
    (without one, ``manage.py commenter_upkeep`` on its timer does)."""
    failed = mail_queue.deliver(base_url=base_url)
    if deliver_commenter_mail.get_backend().supports_defer:
        retry_at = timezone.now() + RETRY_AFTER if failed else None
        when = min(filter(None, [retry_at, mail_queue.next_digest_at()]), default=None)
        if when is not None:
            deliver_commenter_mail.using(run_after=when).enqueue(base_url)
    return failed
