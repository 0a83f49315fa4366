"""Who sent a comment, as far as moderators need to know: "the same sender", never an address.

A comment keeps a keyed hash of its client's address (an IPv4 address, or the /64 of an IPv6
one, as flood control counts them: newsroom/addresses.py). The key changes every retention
period (COMMENTS_IP_RETENTION_DAYS), so two comments of one period from one client share a
hash, while a hash cannot be matched against an address once its period is over; the hash
itself is cleared with the user agent when the comment is older than the retention period.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from safeguards.addresses import client_block, parse_address

LENGTH = 16
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def period(at):
    """The number of the retention period ``at`` falls in: what the key changes with."""
    days = max(settings.COMMENTS_IP_RETENTION_DAYS, 1)
    return (at - EPOCH).days // days


def sender_hash(ip, *, at=None):
    """The hash of ``ip``'s client in the period of ``at`` (now); "" if ``ip`` is no address."""
    if parse_address(ip or "") is None:
        return ""
    key = f"comments.senders.{period(at or timezone.now())}"
    return salted_hmac(key, client_block(ip), algorithm="sha256").hexdigest()[:LENGTH]
