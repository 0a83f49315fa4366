"""The import's small rules: statuses, ids, addresses, and fields cut to fit."""

import ipaddress
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from comments.models import Comment

from .models import ImportedObject

PUBLISHED, SCHEDULED = "publish", "future"
DRAFT_STATUSES = {"draft", "pending", "private"}
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REMOVED,
    "post-trashed": Comment.Status.REMOVED,
}
SKIPPED_COMMENT_TYPES = {"pingback": "pingbacks", "trackback": "trackbacks"}


def record_key(wordpress_id):
    """A WordPress id as ImportedObject stores it (an image's holds a file path: cut to fit)."""
    return str(wordpress_id)[: ImportedObject._meta.get_field("wordpress_id").max_length]


def is_imported(item):
    return item.status in {PUBLISHED, SCHEDULED, *DRAFT_STATUSES}


def host_of(address):
    host = (urlsplit(address if "//" in address else f"//{address}").hostname or "").lower()
    return host.removeprefix("www.")


def site_key(address):
    parts = urlsplit(address if "//" in address else f"//{address}")
    return (host_of(address) + parts.path.rstrip("/"))[:200]


def lookup_form(address):
    """One spelling per address: ``/a/b`` and ``/a/b/`` are the same."""
    if not address or "?" in address:
        return address
    return address.rstrip("/") + "/"


def fit(text, length, *, cut=False):
    text = (text or "").strip()
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0] + "…" if cut else text[:length]


def depth_of(comment, by_id):
    depth, seen = 0, {comment.id}
    while comment.parent in by_id and comment.parent not in seen:
        comment = by_id[comment.parent]
        seen.add(comment.id)
        depth += 1
    return depth


def valid_email(value):
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value[:254]


def valid_website(value):
    value = (value or "").strip()
    ok = urlsplit(value).scheme in {"http", "https"} and len(value) <= 300
    return value if ok else ""


def recent_ip(value, created_at):
    """The address, if it is one and its comment is younger than the retention period."""
    try:
        address = str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None
    retention = timedelta(days=settings.COMMENTS_IP_RETENTION_DAYS)
    if created_at is None or created_at < timezone.now() - retention:
        return None
    return address
