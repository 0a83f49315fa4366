"""Whole pages for anonymous readers, served from the cache and never stale.

A page is stored with the versions of everything it depends on (see ``pagecache.dependencies``)
and served while they all hold; a write renews only the names it touches, so a comment approved
on one article renews that article's page and the lists showing its comment count, and nothing
else. Knowing whether a page is current stays cheap: with Redis, the page and its dependencies'
versions come in one MGET; without, the versions are a table mapped in memory (one ``stat()``).

Readers who may see a page of their own (a session: staff; a cookie of a pending comment on
that article; a flash message) and every non-GET request go past the cache. Pages hold nothing
personal: the comment form carries no CSRF token (comments/views.py checks where the POST comes
from instead), and values that must be fresh for each reader are replaced on the way out
(``refresh_on_serve()``).

When a page must be made again, one request makes it; others asking for it at the same time
wait for it a short while (``RENDER_WAIT_SECONDS``) instead of all making it too.
"""

import hashlib
import re
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from .dependencies import collecting
from .gzip_pieces import SplicedContent
from .lifetimes import page_lifetime
from .splices import splice, splicing
from .storage import is_current, is_settled, storage

STORED_HEADERS_SKIPPED = {"content-length", "content-encoding", "set-cookie"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Fastly's and Varnish's (xkey) header for purging by key.
SURROGATE_KEY_HEADER = "Surrogate-Key"
# How long a request waits for a page another request is making, and how long that one may
# take before anyone else makes it instead (a crashed process never blocks a page longer).
RENDER_WAIT_SECONDS = 1.0
RENDER_LOCK_SECONDS = 5
# A page is made in a few milliseconds: a waiting reader looks again that often (a look is a
# stat() or one round trip), and a sync worker is not left asleep long after the page is ready.
WAIT_STEP_SECONDS = 0.002


def is_anonymous_read(request):
    """A GET or HEAD from a reader without a cookie of their own or credentials: the same page
    for all of them."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    personal = (settings.SESSION_COOKIE_NAME, *settings.NEWSROOM_PAGE_CACHE_PERSONAL_COOKIES)
    if any(cookies.get(name) for name in personal):  # an emptied cookie is no cookie
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def page_key(request):
    """The page's address, with only the query parameters pages read: any other parameter
    (tracking tags, cache busters, junk) shares the page instead of making a copy of it."""
    read = settings.NEWSROOM_PAGE_CACHE_PARAMETERS
    parameters = sorted(
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if name in read
    )
    address = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            urlencode(parameters),
            get_language() or "",
        ]
    )
    return "page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def page_etag(refreshes, content):
    """Weak, and blind to the values refreshed for each reader: the page is the same page."""
    for text, _function, _args in refreshes:
        content = content.replace(text.encode(), b"")
    return f'W/"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def is_public(request, response):
    """Whether this response is the same for every anonymous reader, so that a cache (ours, or
    a CDN's) may give it to the next one."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.path.startswith("/" + settings.NEWSROOM_ADMIN_PATH):
        return False
    return not says_never_keep(response)


def says_never_keep(response):
    """Whether the view itself said no cache may keep this response (``never_cache``)."""
    cache_control = response.get("Cache-Control", "")
    return any(word in cache_control for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    """Serve anonymous readers from the page cache; store what they are given."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._functions = {}

    def __call__(self, request):
        if not is_anonymous_read(request):
            with splicing() as splices:
                response = self.get_response(request)
            splice(response, splices)
            if request.method in ("GET", "HEAD") and not response.has_header("Cache-Control"):
                # Possibly this reader's own page: never for a shared cache.
                patch_cache_control(response, private=True, max_age=0)
            return response

        if not settings.NEWSROOM_PAGE_CACHE:
            return self._make(request, key=None, sequence=None)

        store = storage()
        key = page_key(request)
        sequence, entry, versions = store.lookup(key)
        if entry is not None and is_current(entry, versions):
            return self._serve(request, entry)
        if store.is_unkept(key):
            return self._make(request, key=None, sequence=sequence)  # nothing to wait for
        token = store.lock(key, RENDER_LOCK_SECONDS)
        if token is None:
            waited = self._wait_for(store, key)
            if waited is not None:
                return self._serve(request, waited)
            sequence = store.lookup(key)[0]
        try:
            return self._make(request, key=key, sequence=sequence)
        finally:
            if token is not None:
                store.unlock(key, token)

    def _wait_for(self, store, key):
        """The page another request is making, once it is stored; None after the wait."""
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP_SECONDS)
            _sequence, entry, versions = store.lookup(key)
            if entry is not None and is_current(entry, versions):
                return entry
            if store.is_unkept(key):
                return None  # the page made meanwhile is not one to keep: made for each reader
        return None

    def _make(self, request, *, key, sequence):
        """Make the page; keep it if it is public and ``key`` is given. ``sequence``: the
        versions' sequence read before anything of the page was."""
        with collecting() as collected, splicing() as splices:
            response = self.get_response(request)
        if not is_public(request, response):
            if key is not None and says_never_keep(response):
                # Said by the view, not caused by this reader: the next ones need not wait.
                storage().mark_unkept(key)
            splice(response, splices)
            return response
        lifetime = page_lifetime(collected.expiries)
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=min(settings.NEWSROOM_CDN_SECONDS, lifetime)
        )
        patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
        response[SURROGATE_KEY_HEADER] = " ".join(sorted(collected.dependencies))
        shell = response.content  # the kept parts' markers in their place
        if not response.has_header("ETag"):
            # Made before the kept parts go in: their markers name their digests.
            response["ETag"] = page_etag(collected.refreshes, shell)
        splice(response, splices)
        if key is not None and lifetime > 0 and request.method == "GET":
            self._store(key, sequence, collected, response, lifetime, shell, splices)
        return response

    def _store(self, key, sequence, collected, response, lifetime, shell, splices):
        store = storage()
        versions = store.settled_versions(collected.dependencies)
        if not is_settled(versions, sequence):
            return  # something it shows changed while it was made: made again next time
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in STORED_HEADERS_SKIPPED
        ]
        refreshes = collected.refreshes
        holes = [text.encode() for text, *_ in refreshes]
        content = SplicedContent(shell, holes, kept=splices)
        # The end of its life goes in too: the cache's own timeout runs on the cache
        # server's clock (Redis), and no page may be served past that moment.
        page = (response.status_code, headers, content, refreshes)
        store.store(key, versions, time.time() + lifetime, page, lifetime)

    def _serve(self, request, entry):
        status, headers, content, refreshes = entry[2]
        values = [self._function(path)(*args).encode() for _text, path, args in refreshes]
        # Compressed once when stored: neither this process nor the proxy in front compresses
        # the page again for each reader.
        gzipped = ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
        body = content.render_gzip(values) if gzipped else content.render(values)
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        if gzipped:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(body))
        return response

    def _function(self, path):
        function = self._functions.get(path)
        if function is None:
            function = self._functions[path] = import_string(path)
        return function
