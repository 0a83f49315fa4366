"""Sending what is due to commenters, again and again until the mail server takes it.

Rows say what is due (an address to confirm, replies not yet told, a data link not yet sent),
so a mail server that is down delays these emails and loses none: whatever failed is still due
the next round, run by the task queue after each change and by ``manage.py commenter_upkeep``
(deploy/systemd/newsroom-commenters.timer). A row is claimed by a conditional UPDATE before its
email goes, so two workers never send it twice. Failures are logged by row id, never by address.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from . import mailings
from .commenter_models import CommenterAddress, DataRequest, ReplyNotice
from .models import Comment, counted_q

logger = logging.getLogger(__name__)


def failure(what, pk, error):
    """Log an email that could not go, by row id and the error's kind only: a mail server's
    message names the recipient (``SMTPRecipientsRefused``), which no log line may hold."""
    logger.warning("Could not send %s %s (%s); it stays due.", what, pk, type(error).__name__)


def digest_window():
    return timedelta(minutes=settings.COMMENTS_REPLY_DIGEST_MINUTES)


def deliver(*, base_url, now=None):
    """Send every email due now; return how many could not be sent (to try again)."""
    now = now or timezone.now()
    return (
        send_confirmations(base_url=base_url, now=now)
        + send_replies(base_url=base_url, now=now)
        + send_data_links(base_url=base_url, now=now)
    )


def send_confirmations(*, base_url, now):
    failed = 0
    for address in CommenterAddress.objects.filter(confirmation_due=True):
        claimed = CommenterAddress.objects.filter(pk=address.pk, confirmation_due=True).update(
            confirmation_due=False, confirmation_sent_at=now
        )
        if not claimed:
            continue
        try:
            mailings.send_confirmation(address, base_url=base_url)
        except Exception as error:
            failure("the confirmation of commenter address", address.pk, error)
            CommenterAddress.objects.filter(pk=address.pk).update(confirmation_due=True)
            failed += 1
    return failed


def visible_replies():
    return counted_q("reply__")


def send_replies(*, base_url, now):
    """One email per subscriber with replies untold, unless they had one within the digest
    window: then their replies wait, and go together once it has passed."""
    unsent = ReplyNotice.objects.filter(sent_at__isnull=True)
    # A reply removed or erased before its email went is never told.
    unsent.exclude(visible_replies()).delete()
    failed = 0
    address_ids = set(unsent.values_list("subscription__address_id", flat=True))
    for address in CommenterAddress.objects.filter(pk__in=address_ids):
        last = address.notified_at
        if last is not None and now - last < digest_window():
            continue
        claimed = CommenterAddress.objects.filter(pk=address.pk, notified_at=last).update(
            notified_at=now
        )
        if not claimed:
            continue
        notices = list(
            unsent.filter(subscription__address=address)
            .select_related("reply__article", "subscription")
            .order_by("created_at", "id")
        )
        try:
            mailings.send_replies(address, notices, base_url=base_url)
        except Exception as error:
            failure("replies to commenter address", address.pk, error)
            CommenterAddress.objects.filter(pk=address.pk).update(notified_at=last)
            failed += 1
            continue
        ReplyNotice.objects.filter(pk__in=[notice.pk for notice in notices]).update(sent_at=now)
    return failed


def next_digest_at():
    """When replies now waiting for their digest window may go, or None."""
    waiting = CommenterAddress.objects.filter(
        subscriptions__notices__sent_at__isnull=True, notified_at__isnull=False
    ).order_by("notified_at")
    first = waiting.values_list("notified_at", flat=True).first()
    return first + digest_window() if first else None


def holds_anything(email):
    """Whether we keep anything of ``email``: only then does it get its data link."""
    return (
        Comment.objects.by_email(email).exists()
        or CommenterAddress.objects.for_email(email).exists()
    )


def send_data_links(*, base_url, now):
    failed = 0
    fresh = now - timedelta(hours=settings.COMMENTS_DATA_LINK_HOURS)
    for data_request in DataRequest.objects.filter(sent_at__isnull=True, created_at__gt=fresh):
        if not holds_anything(data_request.email):
            data_request.delete()  # an address we know nothing of: no email, nothing kept
            continue
        claimed = DataRequest.objects.filter(pk=data_request.pk, sent_at__isnull=True).update(
            sent_at=now
        )
        if not claimed:
            continue
        try:
            mailings.send_data_link(data_request, base_url=base_url)
        except Exception as error:
            failure("data request", data_request.pk, error)
            DataRequest.objects.filter(pk=data_request.pk).update(sent_at=None)
            failed += 1
    return failed
