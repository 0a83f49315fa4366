"""Whole pages for anonymous readers, served from the cache and never stale.

Every cached page is stored with the site's *generation*, a stamp renewed by `pages_changed()`
whenever anything a reader can see changes (the apps call it from their models' signals). A
page stored under an older generation is never served again. The time a scheduled article comes
out changes pages without any write, so no page is kept past the next scheduled publication.

Where the generation lives follows the cache: with Redis it is a key beside the pages, read in
the same round trip; with the local-memory cache each app process has its own pages, so the
generation is the modification time of a file that every process on the machine can see
(``NEWSROOM_PAGE_STAMP``), one ``stat()`` a request.

Readers who may see a page of their own (a session: staff, a pending comment, a message) and
every non-GET request go past the cache. Pages hold nothing personal: the comment form carries
no CSRF token (comments/views.py checks where the POST comes from instead), and values that
must be fresh for each reader are replaced on the way out (`refresh_on_serve()`).
"""

import hashlib
import os
import re
import time
import uuid
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.module_loading import import_string

from .gzip_pieces import SplicedContent

CACHE_ALIAS = "pages"
GENERATION_KEY = "generation"
# Added by newsletters and social networks to every link; no page reads them, and keeping them
# in the key would give each visitor from a share their own, uncached, copy.
TRACKING_PARAMETERS = {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "igshid"}
TRACKING_PREFIXES = ("utm_", "mc_", "_ga")
STORED_HEADERS_SKIPPED = {"content-length", "content-encoding", "set-cookie"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _cache():
    return caches[CACHE_ALIAS]


def _is_shared(cache):
    return not isinstance(cache, LocMemCache)


# The generation --------------------------------------------------------------------------------


def pages_changed():
    """Every cached page is out of date: call when anything a reader can see has changed.

    Renewed at once, and again after the transaction commits: a request that read the old
    rows before the commit must not store its page under the new generation.
    """
    renew_generation()
    transaction.on_commit(renew_generation)


def renew_generation():
    """Every page stored so far goes out of date, at once."""
    cache = _cache()
    if _is_shared(cache):
        # Random rather than a counter or a time: a counter evicted and started again, or a
        # clock set back, could bring back the generation of pages stored long ago.
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        return
    stamp = settings.NEWSROOM_PAGE_STAMP
    try:
        now = max(time.time_ns(), os.stat(stamp).st_mtime_ns + 1)
    except FileNotFoundError:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
        now = time.time_ns()
    os.utime(stamp, ns=(now, now))


def _local_generation():
    try:
        return os.stat(settings.NEWSROOM_PAGE_STAMP).st_mtime_ns
    except FileNotFoundError:
        return 0


# What a page may hold, and for how long --------------------------------------------------------


def refresh_on_serve(request, text, function, *args):
    """Replace ``text`` in this page by ``function(*args)`` each time it is served from the
    cache. ``function`` must be importable by its dotted path (a module-level function)."""
    refreshes = request.__dict__.setdefault("_page_refreshes", [])
    refreshes.append((text, f"{function.__module__}.{function.__qualname__}", args))


def keep_until(request, moment):
    """This page changes by itself at ``moment`` (a comment form closing, say)."""
    if moment is not None:
        request.__dict__.setdefault("_page_expiries", []).append(moment)


def page_lifetime(request, generation):
    """Seconds this page may be kept: the setting, cut short by the next scheduled article
    and by anything the page said about itself."""
    moments = [_next_publication(generation), *getattr(request, "_page_expiries", [])]
    seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS
    now = timezone.now()
    for moment in moments:
        if moment is not None:
            seconds = min(seconds, (moment - now).total_seconds())
    return max(0, int(seconds))


_known_next_publication = {"generation": None, "at": None}


def _next_publication(generation):
    """When the next scheduled article comes out. It only changes with a new generation (an
    article saved) or when that moment passes, so the query runs about once per change."""
    known = _known_next_publication
    if known["generation"] != generation or (known["at"] and known["at"] <= timezone.now()):
        from articles.models import Article

        known.update(generation=generation, at=Article.objects.next_publication_time())
    return known["at"]


def current_generation():
    cache = _cache()
    if _is_shared(cache):
        return cache.get(GENERATION_KEY, 0)
    return _local_generation()


def generation_and(key):
    """``(current generation, what the cache holds under key)``: with Redis, one round trip.
    The generation is read before anything else of the request, so a page or part made from
    rows read before a commit is never stored under the generation that commit brings."""
    cache = _cache()
    if _is_shared(cache):
        found = cache.get_many([GENERATION_KEY, key])
        return found.get(GENERATION_KEY, 0), found.get(key)
    return _local_generation(), cache.get(key)


# Parts of pages ---------------------------------------------------------------------------------


def fragment(key, make, *, is_current=lambda value: True):
    """``make()``, kept in the page cache until pages change: for the costly part of a page
    that readers who go past the page cache see the same. ``is_current(value)`` says whether a
    kept value still holds, for values that change with time alone."""
    generation, found = generation_and(f"fragment:{key}")
    if found is not None and found[0] == generation and is_current(found[1]):
        return found[1]
    value = make()
    _cache().set(
        f"fragment:{key}", (generation, value), timeout=settings.NEWSROOM_PAGE_CACHE_SECONDS
    )
    return value


# The middleware --------------------------------------------------------------------------------


def is_anonymous_read(request):
    """A GET or HEAD from a reader without a session or a pending message: the same page for
    all of them."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def page_key(request):
    parameters = sorted(
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if name not in TRACKING_PARAMETERS and not name.startswith(TRACKING_PREFIXES)
    )
    address = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            urlencode(parameters),
            translation.get_language() or "",
        ]
    )
    return "page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def page_etag(request, content):
    """Weak, and blind to the values refreshed for each reader: the page is the same page."""
    for text, _function, _args in getattr(request, "_page_refreshes", []):
        content = content.replace(text.encode(), b"")
    return f'W/"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def is_public(request, response):
    """Whether this response is the same for every anonymous reader, so that a cache (ours, or
    a CDN's) may give it to the next one."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.path.startswith("/" + settings.NEWSROOM_ADMIN_PATH):
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    """Serve anonymous readers from the page cache; store what they are given."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and not response.has_header("Cache-Control"):
                # Possibly this reader's own page: never for a shared cache.
                patch_cache_control(response, private=True, max_age=0)
            return response

        enabled = settings.NEWSROOM_PAGE_CACHE
        key = page_key(request)
        if enabled:
            generation, entry = generation_and(key)
            if entry is not None and entry[0] == generation and time.time() < entry[1]:
                return self._serve(request, entry)
        else:
            generation = current_generation()

        response = self.get_response(request)
        if not is_public(request, response):
            return response
        lifetime = page_lifetime(request, generation)
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=min(settings.NEWSROOM_CDN_SECONDS, lifetime)
        )
        patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
        if not response.has_header("ETag"):
            response["ETag"] = page_etag(request, response.content)
        if enabled and lifetime > 0 and request.method == "GET":
            self._store(key, generation, request, response, lifetime)
        return response

    def _store(self, key, generation, request, response, lifetime):
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in STORED_HEADERS_SKIPPED
        ]
        refreshes = getattr(request, "_page_refreshes", [])
        content = SplicedContent(response.content, [text.encode() for text, *_ in refreshes])
        # The end of its life goes in too: the cache's own timeout runs on the cache
        # server's clock (Redis), and no page may be served past that moment.
        expires = time.time() + lifetime
        entry = (generation, expires, response.status_code, headers, content, refreshes)
        _cache().set(key, entry, timeout=lifetime)

    def _serve(self, request, entry):
        _generation, _expires, status, headers, content, refreshes = entry
        values = [import_string(path)(*args).encode() for _text, path, args in refreshes]
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
