"""Signed links sent to commenters: confirm an address, stop notifications, open their data.

A link names a row by its id, signed with a salt of its own kind, so a link of one kind never
opens another, and no email ever appears in an address. Confirmation and data links expire;
unsubscribe links do not (RFC 8058: they must work from the message alone, whenever it is read).
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM = "comments.links.confirm"
UNSUBSCRIBE_THREAD = "comments.links.unsubscribe-thread"
UNSUBSCRIBE_ALL = "comments.links.unsubscribe-all"
DATA = "comments.links.data"


class BadLink(Exception):
    """A link altered, cut, or of another kind."""


class ExpiredLink(BadLink):
    """A genuine link, too old."""


def make(kind, pk):
    return signing.dumps(pk, salt=kind, compress=True)


def read(kind, token, *, max_age=None):
    """The id a link of ``kind`` names; BadLink or ExpiredLink when it names none."""
    try:
        pk = signing.loads(token, salt=kind, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except signing.BadSignature as error:
        raise BadLink from error
    if not isinstance(pk, int):
        raise BadLink
    return pk


def confirm_max_age():
    return settings.COMMENTS_CONFIRM_LINK_DAYS * 24 * 3600


def data_max_age():
    return settings.COMMENTS_DATA_LINK_HOURS * 3600


def absolute(base_url, name, kind, pk):
    """The full address of the link of ``kind`` for row ``pk``."""
    return base_url + reverse(name, kwargs={"token": make(kind, pk)})


def confirm_url(base_url, address_pk):
    return absolute(base_url, "comments:confirm", CONFIRM, address_pk)


def unsubscribe_thread_url(base_url, subscription_pk):
    return absolute(base_url, "comments:unsubscribe-thread", UNSUBSCRIBE_THREAD, subscription_pk)


def unsubscribe_all_url(base_url, address_pk):
    return absolute(base_url, "comments:unsubscribe-all", UNSUBSCRIBE_ALL, address_pk)


def data_url(base_url, request_pk):
    return absolute(base_url, "comments:your-data-open", DATA, request_pk)
