"""Comment ids kept in a browser's signed cookie (its pending comments, its trust): read back
only when the signature holds, and only as integers."""

from django.core import signing


def read_ids(request, cookie, *, salt, max_age):
    """The ids in ``request``'s cookie ``cookie``; none if it is missing, old or altered."""
    value = request.COOKIES.get(cookie) if request else None
    if not value:
        return []
    try:
        ids = signing.loads(value, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return []
    if not isinstance(ids, list):
        return []
    return [pk for pk in ids if isinstance(pk, int)]


def sign_ids(ids, *, salt):
    """The cookie's value for ``ids``."""
    return signing.dumps(list(ids), salt=salt, compress=True)


def set_ids(response, request, cookie, ids, *, salt, max_age, path):
    """Set the cookie ``cookie`` to ``ids``, signed; for the pages under ``path`` only."""
    response.set_cookie(
        cookie,
        sign_ids(ids, salt=salt),
        max_age=max_age,
        path=path,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
