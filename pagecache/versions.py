"""The version of each thing pages depend on, shared by every app process.

A *dependency* is a name an app chooses ("article:12", "nav"). Renewing it gives it a new
version; a page or fragment is stored with the versions of its dependencies and served only
while they are all unchanged. Versions come from one *sequence* that only grows, so comparing a
version with the sequence read when a request started tells whether the dependency changed
during that request (see ``PageCacheMiddleware``).

Two places hold them, following the page cache:

``SharedVersions``
    a key per dependency beside the pages in the shared cache (Redis), read in the same round
    trip as the page (MGET), and a sequence key incremented by each renewal.
``FileVersions``
    a table in a file that every app process on the machine maps into memory
    (``NEWSROOM_PAGE_VERSIONS``): reading a version is a memory read, whatever the number of
    dependencies; renewing takes a lock on the file. Each name has a slot chosen by its hash;
    two names sharing a slot only renew each other's pages more often, never less.
"""

import fcntl
import hashlib
import logging
import mmap
import os
import struct
import threading
import time
from pathlib import Path

logger = logging.getLogger(__name__)

SEQUENCE_KEY = "versions:sequence"
VERSION_PREFIX = "version:"

MAGIC = b"NRPGVER1"
HEADER_BYTES = 64
SLOT_BYTES = 8
SLOTS = 1 << 18  # 2 MiB: few collisions for sites of tens of thousands of articles
FILE_BYTES = HEADER_BYTES + SLOTS * SLOT_BYTES
_SEQUENCE_OFFSET = len(MAGIC)
_WORD = struct.Struct("<Q")


def first_sequence():
    """Where a new sequence starts: the clock, in nanoseconds. A sequence lost (a key evicted,
    a file deleted) starts again above every version it gave, so no page stored against an
    old version can ever look current again."""
    return time.time_ns()


class SharedVersions:
    """Versions as keys of a shared cache (Django's Redis backend)."""

    def __init__(self, cache):
        self.cache = cache

    @staticmethod
    def key(name):
        return VERSION_PREFIX + name

    def read(self, names, *also):
        """``(sequence, {name: version or None}, [values of the ``also`` keys])`` in one
        round trip (two the first time, when there is no sequence yet)."""
        keys = [*also, SEQUENCE_KEY, *(self.key(name) for name in names)]
        found = self.cache.get_many(keys)
        sequence = found.get(SEQUENCE_KEY)
        if sequence is None:
            self.cache.add(SEQUENCE_KEY, first_sequence(), timeout=None)
            sequence = self.cache.get(SEQUENCE_KEY)
        versions = {name: found.get(self.key(name)) for name in names}
        return sequence, versions, [found.get(key) for key in also]

    def settled(self, names):
        """The versions of ``names``, giving those that have none yet the sequence as it is:
        a version key evicted later then reads as a change, never as "never renewed"."""
        sequence, versions, _ = self.read(names)
        missing = [name for name, version in versions.items() if version is None]
        if missing:
            for name in missing:
                self.cache.add(self.key(name), sequence, timeout=None)
            versions.update(self.read(missing)[1])
        return versions

    def renew(self, names):
        sequence = self._next_sequence()
        self.cache.set_many({self.key(name): sequence for name in names}, timeout=None)

    def _next_sequence(self):
        try:
            return self.cache.incr(SEQUENCE_KEY)
        except ValueError:  # no sequence yet, or evicted
            self.cache.add(SEQUENCE_KEY, first_sequence(), timeout=None)
            return self.cache.incr(SEQUENCE_KEY)


class FileVersions:
    """Versions in a memory-mapped file shared by the processes of one machine."""

    def __init__(self, path):
        self.path = Path(path)
        self._identity = None
        self._map = None
        self._file = None
        self._offsets = {}
        # flock() excludes other processes; threads of this one share its file, so they also
        # take this lock.
        self._lock = threading.Lock()

    # The file ---------------------------------------------------------------------------------

    def _current_map(self):
        """The mapping of the file now at ``path``: one ``stat()``, and a new mapping only when
        the file was replaced or is new."""
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            self._create()
            status = os.stat(self.path)
        identity = (status.st_dev, status.st_ino)
        if identity != self._identity and (
            status.st_size != FILE_BYTES or not self._open(identity)
        ):
            # Damaged or foreign: a new table takes its place, for every process.
            logger.warning("%s is not a page versions table; made again.", self.path)
            self._create(replace=True)
            return self._current_map()
        return self._map

    def _create(self, *, replace=False):
        """A new table, every slot at the first sequence, put in place atomically: processes
        racing to create it all end up with the same file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        start = first_sequence()
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.{start}")
        with open(temporary, "wb") as new:
            new.write(MAGIC + _WORD.pack(start) + bytes(HEADER_BYTES - len(MAGIC) - 8))
            new.write(_WORD.pack(start) * SLOTS)
        try:
            if replace:
                os.replace(temporary, self.path)
            else:
                os.link(temporary, self.path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink(missing_ok=True)

    def _open(self, identity):
        """Map the file; False if it is not a table."""
        # The previous mapping is left to the garbage collector: another thread may be reading
        # it right now.
        file = open(self.path, "r+b")  # noqa: SIM115 (kept open for the lock and the map)
        table = mmap.mmap(file.fileno(), FILE_BYTES)
        if table[: len(MAGIC)] != MAGIC:
            table.close()
            file.close()
            return False
        self._file, self._map, self._identity = file, table, identity
        return True

    def offset(self, name):
        found = self._offsets.get(name)
        if found is None:
            digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
            found = HEADER_BYTES + (int.from_bytes(digest, "little") % SLOTS) * SLOT_BYTES
            if len(self._offsets) > 100_000:
                self._offsets.clear()
            self._offsets[name] = found
        return found

    # Reading and renewing ---------------------------------------------------------------------

    def read(self, names):
        """``(sequence, {name: version})``: one ``stat()``, then memory reads."""
        table = self._current_map()
        sequence = _WORD.unpack_from(table, _SEQUENCE_OFFSET)[0]
        return sequence, {name: _WORD.unpack_from(table, self.offset(name))[0] for name in names}

    def settled(self, names):
        return self.read(names)[1]

    def renew(self, names):
        with self._lock:
            table, file = self._current_map(), self._file
            fcntl.flock(file, fcntl.LOCK_EX)
            try:
                sequence = _WORD.unpack_from(table, _SEQUENCE_OFFSET)[0] + 1
                for name in names:
                    _WORD.pack_into(table, self.offset(name), sequence)
                # The sequence last: a request reading it finds the slots already written.
                _WORD.pack_into(table, _SEQUENCE_OFFSET, sequence)
            finally:
                fcntl.flock(file, fcntl.LOCK_UN)
