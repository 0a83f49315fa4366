"""The task that sends commenters' emails, queued after each change that makes one due."""

from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from . import mail_queue

RETRY_AFTER = timedelta(minutes=5)


def deliver_soon(*, base_url):
    """Send what is due once the transaction commits: a failing mail server never fails (nor
    rolls back) the request that made the email due."""
    transaction.on_commit(lambda: deliver_commenter_mail.enqueue(base_url))


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
