"""Telling a form sent from this site's own pages from one sent by another site's page.

Comment forms are served from the page cache to every reader alike, so they cannot carry a
per-reader CSRF token. Browsers say where a request comes from instead: in ``Sec-Fetch-Site``
(every current browser), or in ``Origin`` (older ones, for every POST), or else in ``Referer``.
A request with none of them comes from a program rather than a visitor's browser, and cross-site
request forgery needs a visitor's browser.
"""

from urllib.parse import urlsplit

from django.conf import settings


def is_cross_site(request):
    """Whether a browser sent this request from another site's page."""
    fetched_from = request.headers.get("Sec-Fetch-Site")
    if fetched_from is not None:
        # "none": the reader's own action (a bookmark, the address bar), not another page.
        return fetched_from not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        referer = request.headers.get("Referer")
        if referer is None:
            return False
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    this_site = f"{request.scheme}://{request.get_host()}"
    return origin not in {this_site, *settings.CSRF_TRUSTED_ORIGINS}
