"""Each process's memory in front of files shared by the app processes of one machine.

Without Redis, each process keeps pages and their parts in its own memory. After a write
renews a popular page, every process would make it again, at the same moment. Here the first
process to make it leaves a copy in a file beside the versions table
(``NEWSROOM_PAGE_VERSIONS`` + ``.d/<cache name>/``); the others read that copy instead of
making the page, and a lock file (``add()``) makes them wait for it rather than make it too.
Reading from memory stays the rule: a file is read only when memory has no current entry.

Files are written whole (a temporary file renamed, or linked for ``add()``), so a reader never
sees half of one. Each file's modification time is the moment it expires: ``sweep()``, run every
``SWEEP_EVERY`` writes, deletes expired files by their ``stat()`` alone, and the oldest ones past
``MAX_FILES``.
"""

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT

from .locmem import SizedLocMemCache

SWEEP_EVERY = 256
FOREVER = 10 * 365 * 24 * 3600
_MISSING = object()


class MachineCache(SizedLocMemCache):
    """``SizedLocMemCache`` whose entries are also kept in files shared by the machine's
    processes. ``OPTIONS: {"MAX_FILES": n}`` bounds the files (default: ten times
    ``MAX_ENTRIES``); ``"FILES": name`` names their folder (default: the cache's name)."""

    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self._files = options.get("FILES") or name
        self._max_files = int(options.get("MAX_FILES", 0)) or 10 * self._max_entries
        self._writes = 0
        # {path: what identifies the file} of the files whose entries this process's memory
        # holds as they are (written or read by it): no need to read one again while it is
        # the same file, as after a renewal, when the file is as stale as memory.
        self._held = OrderedDict()

    # The cache API ----------------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        value = super().get(key, _MISSING, version)
        if value is _MISSING:
            value = self.get_shared(key, _MISSING, version)
        return default if value is _MISSING else value

    def get_shared(self, key, default=None, version=None):
        """The entry another process left under ``key``, kept in memory from now on."""
        path = self._path(key, version)
        found = self._read(path)
        if found is None:
            return default
        expires, value, identity = found
        super().set(key, value, expires - time.time(), version)
        self._hold(path, identity)
        return value

    def get_newer(self, key, default=None, version=None):
        """``get_shared()``, but ``default`` without reading it when the file under ``key``
        is the one whose entry memory holds (as after a renewal: as stale as memory)."""
        path = self._path(key, version)
        held = self._held.get(path)
        if held is not None and held == _identity(path) and self._in_memory(key, version):
            return default
        return self.get_shared(key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        seconds = self._seconds(timeout)
        super().set(key, value, seconds, version)
        self._write(self._path(key, version), value, seconds)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Add ``key`` unless a process of the machine holds it: a lock for them all."""
        path = self._path(key, version)
        seconds = self._seconds(timeout)
        if self._read(path) is not None:
            return False
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # expired: whoever held it is gone
        temporary = self._temporary(path, value, seconds)
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        finally:
            os.unlink(temporary)
        super().set(key, value, seconds, version)
        return True

    def delete(self, key, version=None):
        deleted = super().delete(key, version)
        try:
            self._path(key, version).unlink()
        except FileNotFoundError:
            return deleted
        return True

    def clear(self):
        super().clear()
        self._held.clear()
        directory = self._directory()
        if directory.is_dir():
            for path in directory.iterdir():
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()

    # Files ------------------------------------------------------------------------------------

    def sweep(self, now=None):
        """Delete the expired files, then the oldest past ``MAX_FILES``."""
        now = now or time.time()
        alive = []
        if not self._directory().is_dir():
            return
        with os.scandir(self._directory()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue  # being written
                try:
                    expires = entry.stat().st_mtime
                except FileNotFoundError:
                    continue
                if expires <= now:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)
                else:
                    alive.append((expires, entry.path))
        alive.sort()
        for _expires, path in alive[: max(0, len(alive) - self._max_files)]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)

    def _directory(self):
        return Path(f"{settings.NEWSROOM_PAGE_VERSIONS}.d") / self._files

    def _path(self, key, version):
        made = self.make_and_validate_key(key, version)
        digest = hashlib.md5(made.encode(), usedforsecurity=False).hexdigest()
        return self._directory() / digest

    def _seconds(self, timeout):
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return FOREVER if timeout is None else max(timeout, 0)

    def _read(self, path):
        """``(expires, value, the file's identity)`` from ``path``, or None when there is
        none or it expired."""
        try:
            with open(path, "rb") as file:
                identity = _identity(file.fileno())
                expires, value = pickle.load(file)
        except FileNotFoundError:
            return None
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            return None  # left by another version of the code: made again
        return (expires, value, identity) if expires > time.time() else None

    def _in_memory(self, key, version):
        made = self.make_and_validate_key(key, version)
        with self._lock:
            return not self._has_expired(made) and made in self._cache

    def _hold(self, path, identity):
        self._held[path] = identity
        self._held.move_to_end(path)
        while len(self._held) > self._max_entries:
            self._held.popitem(last=False)

    def _temporary(self, path, value, seconds):
        path.parent.mkdir(parents=True, exist_ok=True)
        expires = time.time() + seconds
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".")
        with os.fdopen(descriptor, "wb") as file:
            pickle.dump((expires, value), file, pickle.HIGHEST_PROTOCOL)
        os.utime(temporary, (expires, expires))
        return temporary

    def _write(self, path, value, seconds):
        temporary = self._temporary(path, value, seconds)
        identity = _identity(temporary)
        # Never renamed over the file it replaces: ext4 then writes the new file to disk at
        # once (auto_da_alloc), a fraction of a millisecond at best, several at worst, for
        # each page made. A reader that comes between these two calls finds no file, as before
        # the first write, and makes the entry itself.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.rename(temporary, path)
        self._hold(path, identity)
        self._writes += 1
        if self._writes % SWEEP_EVERY == 0:
            self.sweep()


def _identity(file):
    """What tells one file written under a path from the next (``file``: a path or an open
    file's descriptor): its inode, size and time; None when there is none."""
    try:
        stat = os.stat(file)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)
