"""Where kept pages and fragments live, with the versions they were made against.

An entry is ``(versions, expires, value)``: the version of each dependency when the value was
made, the moment (our clock) past which it is never served, and the value itself. It is
*current* while every one of those versions still holds and that moment has not come.

``Storage`` pairs a cache (Django's ``pages`` alias) with the versions that go with it: in the
shared cache itself when it is Redis (``SharedVersions``), in a file mapped by every process of
the machine otherwise (``FileVersions``, beside each process's own local-memory pages).
"""

import contextlib
import logging
import pickle
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from .versions import FileVersions, SharedVersions

PAGES = "pages"
# Parts of pages, many and small: a cache of their own, so that they never push pages out.
FRAGMENTS = "fragments"
# How many pages' dependency names each process remembers (shared cache only: they let one
# MGET fetch a page and the versions it needs).
HINTS_KEPT = 5000
# How long a page found not to be kept is made at once for each reader, without the lock.
UNKEPT_SECONDS = 60

logger = logging.getLogger(__name__)
# What reading an entry left by another version of the code may raise: it is made again, never
# an error page.
UNREADABLE = (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError)


def is_current(entry, versions, now=None):
    stored, expires, _value = entry
    if (now or time.time()) >= expires:
        return False
    return all(versions.get(name, -1) == version for name, version in stored.items())


def is_settled(versions, sequence):
    """Whether none of ``versions`` changed after ``sequence`` was read: a value made from rows
    read after that moment may be kept against them. One that changed since may have been
    renewed by a write the rows did not show yet, so the value is used but not kept."""
    start = sequence or 0
    return all(version is not None and version <= start for version in versions.values())


class Storage:
    def __init__(self, cache, versions):
        self.cache = cache
        self.versions = versions
        self.shared = isinstance(versions, SharedVersions)
        self._hints = OrderedDict()

    # Reading ----------------------------------------------------------------------------------

    def lookup(self, key, names=()):
        """``(sequence, entry or None, versions)`` for the entry under ``key``: the sequence
        now, and the versions of ``names`` and of the entry's dependencies.

        With the shared cache, one round trip: the page and the versions of the dependencies
        it had when this process last saw it, fetched together."""
        if not self.shared:
            entry = self._get(key)
            wanted = {*names, *(entry[0] if entry else ())}
            sequence, versions = self.versions.read(wanted)
            if entry is not None and not is_current(entry, versions):
                # Another process of the machine may have made it since (MachineCache).
                made = self._valid(self._get_shared(key))
                if made is not None:
                    entry = made
                    sequence, versions = self.versions.read({*names, *entry[0]})
            return sequence, entry, versions
        wanted = {*names, *self._hints.get(key, ())}
        try:
            sequence, versions, (entry,) = self.versions.read(wanted, key)
        except UNREADABLE:
            logger.warning("Unreadable entry in the page cache; made again.")
            self.cache.delete(key)
            sequence, versions, _nothing = self.versions.read(wanted)
            entry = None
        entry = self._valid(entry)
        if entry is not None:
            missing = entry[0].keys() - versions.keys()
            if missing:
                versions.update(self.versions.read(missing)[1])
            self._hint(key, entry[0].keys())
        return sequence, entry, versions

    def settled_versions(self, names):
        return self.versions.settled(names)

    # Writing ----------------------------------------------------------------------------------

    def store(self, key, versions, expires, value, timeout):
        self.cache.set(key, (versions, expires, value), timeout=timeout)
        if self.shared:
            self._hint(key, versions.keys())

    def renew(self, names):
        self.versions.renew(names)

    # Making a page once -----------------------------------------------------------------------

    def lock(self, key, seconds):
        """A token if this process may make the entry under ``key`` now, None if another one
        is making it. The lock expires by itself: a process that dies never holds it longer."""
        token = uuid.uuid4().hex
        return token if self.cache.add(f"lock:{key}", token, timeout=seconds) else None

    def mark_unkept(self, key):
        """The page under ``key`` was made but is not one to keep (personal, never_cache): a
        while, readers asking for it make it at once instead of waiting for a copy."""
        self.cache.set(f"unkept:{key}", True, timeout=UNKEPT_SECONDS)

    def is_unkept(self, key):
        return self.cache.get(f"unkept:{key}") is not None

    def unlock(self, key, token):
        with contextlib.suppress(Exception):
            if self.cache.get(f"lock:{key}") == token:
                self.cache.delete(f"lock:{key}")

    # ------------------------------------------------------------------------------------------

    def _get(self, key):
        try:
            return self._valid(self.cache.get(key))
        except UNREADABLE:
            logger.warning("Unreadable entry in the page cache; made again.")
            return None

    def _get_shared(self, key):
        get_newer = getattr(self.cache, "get_newer", None)
        if get_newer is None:
            return None
        try:
            return get_newer(key)
        except UNREADABLE:
            return None

    @staticmethod
    def _valid(entry):
        if isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[0], dict):
            return entry
        return None

    def _hint(self, key, names):
        self._hints[key] = tuple(names)
        self._hints.move_to_end(key)
        while len(self._hints) > HINTS_KEPT:
            self._hints.popitem(last=False)


# Django gives each thread its own cache object; the versions file is mapped once per process.
_per_thread = threading.local()
_files = {}
_files_lock = threading.Lock()


def storage(alias=PAGES):
    """The storage of the cache ``alias`` (``PAGES`` or ``FRAGMENTS``) for this thread."""
    cache = caches[alias]
    path = settings.NEWSROOM_PAGE_VERSIONS
    kept = _per_thread.__dict__.setdefault("storages", {})
    found = kept.get(alias)
    if found is None or found.cache is not cache or found.path != path:
        if isinstance(cache, LocMemCache):
            with _files_lock:
                versions = _files.get(path) or _files.setdefault(path, FileVersions(path))
        else:
            # The shared cache's aliases share one key space: versions are read with the
            # entries, in the same round trip.
            versions = SharedVersions(cache)
        found = kept[alias] = Storage(cache, versions)
        found.path = path
    return found
