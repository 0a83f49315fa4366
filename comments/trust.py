"""Trust that only the commenter has: a signed cookie of their own approved comments.

"Returning commenters are approved at once" must not mean "whoever types a regular's email". A
browser earns trust when a comment it posted itself is approved: the next time it opens that
article's page, the pending-comments cookie shows the comment approved, and this cookie gets
its id (``pending.PendingCookieMiddleware``). A later comment is trusted only if this browser
holds an approved comment written with the same email. The cookie holds comment ids, signed,
never an email nor anything made from one; it is sent only with the articles' pages and
comment forms (its path), and read only when a comment is posted.
"""

from django.conf import settings

from .signed_ids import read_ids, set_ids

SALT = "comments.trust"
KEPT = 20
MAX_AGE = 365 * 24 * 3600
PATH = "/articles/"


def trusted_ids(request):
    """The ids of approved comments this browser proved it posted; none if altered."""
    return read_ids(request, settings.COMMENTS_TRUST_COOKIE, salt=SALT, max_age=MAX_AGE)


def grant(response, request, comment_ids):
    """Add ``comment_ids`` (approved comments this browser posted) to its trust cookie."""
    ids = [pk for pk in trusted_ids(request) if pk not in comment_ids] + list(comment_ids)
    cookie = settings.COMMENTS_TRUST_COOKIE
    set_ids(response, request, cookie, ids[-KEPT:], salt=SALT, max_age=MAX_AGE, path=PATH)
