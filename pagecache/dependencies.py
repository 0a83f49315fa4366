"""What the page being made depends on, declared by whatever code shows something.

While the page cache makes a page, a *collector* gathers what the page shows: dependency names
(``depends_on()``), moments when the page changes by itself (``keep_until()``), and values to be
made again for each reader (``refresh_on_serve()``). Views, template tags and context processors
declare them where they read the data; fragments keep what was declared while they were made and
declare it again each time they are reused, so a page built from kept parts still knows all it
shows. Outside a page (a command, a test), declaring does nothing.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from .contexts import set_for_block

# Every page and fragment depends on it: renewed when the whole site changed (a restore).
EVERYTHING = "site"


@dataclass
class Collector:
    dependencies: set = field(default_factory=set)
    expiries: list = field(default_factory=list)
    refreshes: list = field(default_factory=list)

    def merge(self, other):
        self.dependencies |= other.dependencies
        self.expiries += other.expiries
        self.refreshes += [refresh for refresh in other.refreshes if refresh not in self.refreshes]


_current = ContextVar("pagecache_collector", default=None)


@contextmanager
def collecting(*names):
    """Collect what is declared inside the block; a collector nested in another hands what it
    gathered to the outer one when the block ends."""
    outer = _current.get()
    collector = Collector(dependencies={EVERYTHING, *names})
    token = _current.set(collector)
    try:
        yield collector
    finally:
        _current.reset(token)
        if outer is not None:
            outer.merge(collector)


def not_collecting():
    """Work done for the page cache itself (its lifetime), which pages do not show."""
    return set_for_block(_current, None)


def declare(collector):
    """Declare again what ``collector`` gathered (a fragment reused from the cache)."""
    current = _current.get()
    if current is not None:
        current.merge(collector)


def depends_on(*names):
    """The page being made shows something that changes when any of ``names`` is renewed."""
    collector = _current.get()
    if collector is not None:
        collector.dependencies.update(names)


def keep_until(moment):
    """The page being made changes by itself at ``moment`` (a comment form closing, say)."""
    collector = _current.get()
    if collector is not None and moment is not None:
        collector.expiries.append(moment)


def refresh_on_serve(text, function, *args):
    """Replace ``text`` in the page by ``function(*args)`` each time it is served from the
    cache. ``function`` must be importable by its dotted path (a module-level function)."""
    collector = _current.get()
    if collector is not None:
        refresh = (text, f"{function.__module__}.{function.__qualname__}", args)
        if refresh not in collector.refreshes:
            collector.refreshes.append(refresh)
