"""The pending comments a browser posted, remembered in a signed cookie of its own.

The cookie lists the ids of the reader's comments awaiting moderation, and is sent only with the
pages of their article (its path is the article's address). So the reader goes past the page
cache only there, sees their own comment where they left it, and nobody else does; once no
comment of theirs is pending any more, the next visit deletes the cookie and the page comes from
the cache again. Nothing is kept on the server, and no session is ever started for a reader.
"""

from django.conf import settings

from . import trust
from .signed_ids import read_ids, set_ids, sign_ids

SALT = "comments.pending"
REMEMBERED = 50
MAX_AGE = 30 * 24 * 3600


def pending_ids(request):
    """The ids in the reader's cookie for this page; none if it is missing or altered."""
    ids = read_ids(request, settings.COMMENTS_PENDING_COOKIE, salt=SALT, max_age=MAX_AGE)
    return ids[-REMEMBERED:]


def signed(ids):
    """The cookie's value for ``ids``."""
    return sign_ids(list(ids)[-REMEMBERED:], salt=SALT)


def remember(response, request, article_url, ids):
    """Set the cookie of ``article_url`` to ``ids``, or delete it when there are none."""
    name = settings.COMMENTS_PENDING_COOKIE
    if not ids:
        response.delete_cookie(name, path=article_url, samesite="Lax")
        return
    ids = list(ids)[-REMEMBERED:]
    set_ids(response, request, name, ids, salt=SALT, max_age=MAX_AGE, path=article_url)


def note_moderated(request, *, waiting, approved):
    """What the page found of the reader's comments: still ``waiting``, or ``approved`` since,
    for ``PendingCookieMiddleware``."""
    request._own_comments = (list(waiting), list(approved))


class PendingCookieMiddleware:
    """Keep the cookie in step with moderation, without any query of its own (the page read
    the reader's comments anyway): ids of comments moderated since are dropped, the cookie
    goes with the last of them, and those approved earn the browser trust (comments/trust.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        own = getattr(request, "_own_comments", None)
        if own is not None and response.status_code == 200:
            waiting, approved = own
            sent = pending_ids(request)
            if set(waiting) != set(sent):
                remember(response, request, request.path, [pk for pk in sent if pk in waiting])
            if approved:
                trust.grant(response, request, approved)
        return response
