"""Values left out of a kept part and filled in each time it is used.

A list of articles changes when an article does; each card's comment count changes with every
approval. Kept with its counts, the list would be made again at each approval, its articles
read and its cards put together again. Made while ``leaving_slots(name)`` is on, a value
named ``name`` (``slot(name, *values)``) is a marker in the part instead; whoever uses the
part reads the markers' values (``slots_in()``) and puts the values of now in their place
(``fill_slots()``), and declares what those show to the page.
"""

import re
from contextvars import ContextVar

from .contexts import set_for_block

_left = ContextVar("pagecache_slots", default=frozenset())
EVERY = "*"


def leaving_slots(*names):
    """Inside the block, ``slot(name, ...)`` of any of ``names`` (of every name, without any)
    gives a marker."""
    return set_for_block(_left, _left.get() | set(names or [EVERY]))


def leaving(name):
    """Whether values named ``name`` are being left out (``leaving_slots()``)."""
    left = _left.get()
    return name in left or EVERY in left


def slot(name, *values):
    """A marker standing for ``name`` with ``values`` (strings without spaces or ``>``), or
    None when ``name`` is not being left out: the caller makes its value now."""
    if not leaving(name):
        return None
    return f"<!--slot:{name}:{' '.join(str(value) for value in values)}-->"


def _markers(name):
    return re.compile(rf"<!--slot:{re.escape(name)}:([^>]*)-->")


def slots_in(html, name):
    """The values of each ``name`` marker in ``html``, in order: ``[(value, ...)]``."""
    return [tuple(found.split(" ")) for found in _markers(name).findall(html)]


def fill_slots(html, name, fills):
    """``html`` with each ``name`` marker replaced by ``fills[its values]``."""
    return _markers(name).sub(lambda found: fills[tuple(found.group(1).split(" "))], html)
