"""How long a page may be kept: the setting, cut short by what the page said about itself
(``keep_until()``) and by moments that change pages without any write, which apps register
(an article scheduled to come out at noon changes lists at noon)."""

from contextvars import ContextVar

from django.conf import settings
from django.utils import timezone

from .contexts import set_for_block
from .dependencies import not_collecting

_limits = []
_asking = ContextVar("pagecache_asking_limits", default=False)


def limit_lifetimes(function):
    """Register ``function()``: the next moment pages change by themselves, or None. It is
    called each time a page is stored, so it should be cheap (a fragment)."""
    if function not in _limits:
        _limits.append(function)
    return function


def page_lifetime(expiries):
    """Seconds a page, or a part of pages, may be kept, given the moments it said it changes
    at. (The limits are kept parts themselves: while one is made, the others are not asked.)"""
    if _asking.get():
        return lifetime(expiries)
    with set_for_block(_asking, True), not_collecting():
        moments = [*expiries, *(limit() for limit in _limits)]
    return lifetime(moments)


def lifetime(moments):
    """Seconds something may be kept: the setting, cut short by the first of ``moments`` (None
    for none) that something it shows changes at."""
    seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS
    now = timezone.now()
    for moment in moments:
        if moment is not None:
            seconds = min(seconds, (moment - now).total_seconds())
    return max(0, int(seconds))
