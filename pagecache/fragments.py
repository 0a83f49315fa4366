"""Parts of pages kept for readers who go past the page cache (staff, a reader with a pending
comment, the first reader after a change).

``fragment(key, make, depends_on=...)`` keeps ``make()`` until one of its dependencies is
renewed, and declares them (and whatever ``make()`` declared) to the page being made, whether
the part is made now or reused. ``kept_parts()`` and ``keep_parts()`` keep content-addressed
pieces, which need no versions at all: a key that says what the piece is made of changes when
the piece would.
"""

import time

from django.conf import settings

from .dependencies import EVERYTHING, Collector, collecting, declare
from .lifetimes import page_lifetime
from .splices import not_splicing
from .storage import FRAGMENTS, is_current, is_settled, storage


def fragment(key, make, *, depends_on=(), is_current_value=lambda value: True):
    """``make()``, kept in the page cache until any of ``depends_on`` is renewed.

    ``is_current_value(value)`` says whether a kept value still holds, for values that change
    with time alone. The versions are read before ``make()`` reads anything, so a part made
    from rows read before a commit is never kept against the versions that commit brings.
    """
    store = storage(FRAGMENTS)
    cache_key = f"fragment:{key}"
    names = {EVERYTHING, *depends_on}
    sequence, entry, versions = store.lookup(cache_key, names)
    if entry is not None and is_current(entry, versions):
        value, collected = entry[2]
        if is_current_value(value):
            declare(collected)
            return value
    with collecting(*names) as collected, not_splicing():
        value = make()
    kept = store.settled_versions(collected.dependencies)
    # Like a page: no longer than the moments it said, or pages change without a write.
    seconds = page_lifetime(collected.expiries)
    if is_settled(kept, sequence) and seconds > 0:
        snapshot = Collector(collected.dependencies, collected.expiries, collected.refreshes)
        store.store(cache_key, kept, time.time() + seconds, (value, snapshot), seconds)
    return value


def kept_parts(group):
    """``{key: piece}`` kept together under ``group`` by ``keep_parts()``, or ``{}``."""
    store = storage(FRAGMENTS)
    _sequence, entry, versions = store.lookup(f"parts:{group}", {EVERYTHING})
    return entry[2] if entry is not None and is_current(entry, versions) else {}


def keep_parts(group, pieces):
    """Keep ``pieces`` (``{key: piece}``) together under ``group``, in place of what was.

    For pieces whose key names everything they are made of (content-addressed), which need no
    versions but that of the whole site (``renew_everything()`` drops them too). Keeping only
    the pieces used last lets those no longer shown drop out; one read gets them all back."""
    store = storage(FRAGMENTS)
    seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS
    versions = store.settled_versions({EVERYTHING})
    store.store(f"parts:{group}", versions, time.time() + seconds, pieces, seconds)
