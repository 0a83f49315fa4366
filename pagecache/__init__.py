"""The page cache: whole pages for anonymous readers, and parts of pages for everyone else,
kept until something they show changes.

Apps tell it what pages show and what writes change, by name; it knows nothing of articles or
comments. The API:

- while a page is made: ``depends_on(*names)``, ``keep_until(moment)``,
  ``refresh_on_serve(text, function, *args)``;
- parts kept across requests: ``fragment(key, make, depends_on=...)``, and pieces kept by
  what they are made of: ``kept_parts(group)``, ``keep_parts(group, pieces)``; large ones
  kept as bytes (``KeptBytes``) and put into the response as they are: ``spliced_in(part)``;
  values left out of a kept part and filled in each time: ``leaving_slots(name)``, ``leaving()``,
  ``slot(name, *values)``, ``slots_in(html, name)``, ``fill_slots(html, name, fills)``;
- from writes (signal handlers): ``renew(*names)``, ``renew_everything()``;
- moments that change pages without a write: ``limit_lifetimes(function)``.

The middleware is ``pagecache.middleware.PageCacheMiddleware``.
"""

from .dependencies import depends_on, keep_until, refresh_on_serve
from .fragments import fragment, keep_parts, kept_parts
from .lifetimes import limit_lifetimes
from .renewals import renew, renew_everything
from .slots import fill_slots, leaving, leaving_slots, slot, slots_in
from .splices import KeptBytes, spliced_in

__all__ = [
    "KeptBytes",
    "depends_on",
    "fill_slots",
    "fragment",
    "keep_parts",
    "keep_until",
    "kept_parts",
    "leaving",
    "leaving_slots",
    "limit_lifetimes",
    "refresh_on_serve",
    "renew",
    "renew_everything",
    "slot",
    "slots_in",
    "spliced_in",
]
