"""A commenter's own data, on request: the link by email, then export, erase, stop emails.

Asking always gets the same answer, whether the address wrote anything or not; the link goes
only to an address that has comments or subscriptions here. Asking is limited per address and
per client address (newsroom/counters.py), so nobody fills an inbox or probes many addresses.
The moderation log records each export and erasure by comment ids and a keyed hash of the
email, never the email itself.
"""

import logging

from django.conf import settings
from django.core import signing
from django.utils import timezone

from safeguards import counters
from safeguards.addresses import client_block

from . import links, privacy, replies
from .commenter_models import CommenterAddress, DataRequest, normalize
from .commenter_tasks import deliver_soon
from .models import Comment

moderation_log = logging.getLogger("newsroom.moderation")

ACCESS_SALT = "comments.your-data.access"
# How long the page opened by a data link stays open in that browser.
ACCESS_SECONDS = 30 * 60
HOUR = 3600


def is_limited(email, ip):
    """Count this request; True when the address or the client asked too often this hour."""
    by_address = counters.hit(counters.counter_key("data-request", normalize(email)), window=HOUR)
    by_client = counters.hit(
        counters.counter_key("data-request-ip", client_block(ip)), window=HOUR
    )
    return (
        by_address > settings.COMMENTS_DATA_REQUEST_LIMIT
        or by_client > settings.COMMENTS_DATA_REQUEST_IP_LIMIT
    )


def request_link(email, *, base_url):
    """Send ``email`` its data link if we hold anything of it; nothing tells which, not even
    the time the request takes: the request is queued the same way for any address, and the
    mail queue drops those of addresses we hold nothing of (mail_queue.holds_anything)."""
    DataRequest.objects.create(email=normalize(email))
    deliver_soon(base_url=base_url)


def open_link(token):
    """The data request a link names, used now; BadLink, ExpiredLink or UsedLink if none."""
    pk = links.read(links.DATA, token, max_age=links.data_max_age())
    request = DataRequest.objects.filter(pk=pk).first()
    if request is None:
        raise links.BadLink
    if not DataRequest.objects.filter(pk=pk, used_at__isnull=True).update(used_at=timezone.now()):
        raise UsedLink
    return request


class UsedLink(links.BadLink):
    """A data link already followed once."""


def access_value(data_request):
    """The value of the cookie that keeps the opened page open for a while."""
    return signing.dumps(data_request.pk, salt=ACCESS_SALT)


def opened_request(value):
    """The data request a browser opened in the last ``ACCESS_SECONDS``, or None."""
    try:
        pk = signing.loads(value or "", salt=ACCESS_SALT, max_age=ACCESS_SECONDS)
    except signing.BadSignature:
        return None
    return DataRequest.objects.filter(pk=pk, used_at__isnull=False).first()


def comments_of(email):
    return Comment.objects.by_email(email).select_related("article").order_by("created_at", "id")


def export(email, *, base_url):
    data = privacy.export_comments(email, base_url=base_url)
    _log("export", [comment["id"] for comment in data], email)
    return data


def erase(email):
    """Erase every comment and everything else kept of ``email``; how many comments went."""
    ids = list(Comment.objects.by_email(email).values_list("pk", flat=True))
    count = privacy.erase_comments(email)
    DataRequest.objects.filter(email=normalize(email)).update(email="")
    _log("erase", ids, email)
    return count


def stop_emails(email):
    for address_id in CommenterAddress.objects.for_email(email).values_list("pk", flat=True):
        replies.stop_all(address_id)


def _log(action, comment_ids, email):
    fields = {
        "action": action,
        "comment_ids": sorted(comment_ids),
        "moderator": "commenter",
        "commenter": counters.counter_key("commenter", normalize(email))[:16],
    }
    moderation_log.info(
        "%(action)s by %(moderator)s %(commenter)s: comments %(comment_ids)s",
        fields,
        extra={"fields": fields},
    )
