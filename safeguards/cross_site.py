"""Telling a form sent from this site's own pages from one sent by another site's page.

Comment forms are served from the page cache to every reader alike, so they cannot carry a
per-reader CSRF token. Browsers say where a request comes from instead: in ``Sec-Fetch-Site``
(every current browser), or in ``Origin`` (older ones, for every POST), or else in ``Referer``.

What is believed depends on what a forged request could gain:

- a signed-in user's POST carries their session, so it must prove it comes from this site:
  ``Sec-Fetch-Site: same-origin`` or this site's ``Origin``; nothing else is enough;
- over HTTPS, a request without ``Sec-Fetch-Site`` or ``Origin`` needs a ``Referer`` of this
  site (Django's own rule for HTTPS), since a browser could have left both out;
- over plain HTTP, a request with none of the three comes from a program rather than a
  visitor's browser, and cross-site request forgery needs a visitor's browser.
"""

from urllib.parse import urlsplit

from django.conf import settings


def is_cross_site(request):
    """Whether this request may have been sent from another site's page."""
    fetched_from = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    signed_in = getattr(getattr(request, "user", None), "is_authenticated", False)
    if fetched_from == "same-origin":
        return False
    if origin is not None:
        return not _is_this_site(request, origin)
    if signed_in:
        return True  # neither same-origin nor this site's Origin
    if fetched_from is not None:
        # "none": the reader's own action (a bookmark, the address bar), not another page.
        return fetched_from != "none"
    referer = request.headers.get("Referer")
    if referer is None:
        return request.is_secure()
    parts = urlsplit(referer)
    return not _is_this_site(request, f"{parts.scheme}://{parts.netloc}")


def _is_this_site(request, origin):
    this_site = f"{request.scheme}://{request.get_host()}"
    return origin in {this_site, *settings.CSRF_TRUSTED_ORIGINS}
