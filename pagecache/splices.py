"""Large kept parts go into a page as bytes, once its templates are rendered.

A kept part of a few hundred kilobytes (an article's comment threads) costs more to pass through
the templates than to keep: each template level copies it, and the whole page is encoded again.
``spliced_in(part)`` gives a short marker to render in its place, and the page cache middleware
puts the part's bytes there once the response is made. The marker names the part's digest, so
a page's ETag, made from the page before the parts go in, changes whenever a part does.

Outside a response the middleware makes (a template rendered for an email, a part being made to
be kept), ``spliced_in()`` gives the part's text itself.
"""

import hashlib
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils.safestring import mark_safe

from .contexts import set_for_block
from .gzip_pieces import deflate


@dataclass(frozen=True)
class KeptBytes:
    """A part of a page kept as the bytes that go into the response, with their digest and
    their raw deflate (``gzip_pieces``: the part's share of a stored page's gzip body)."""

    data: bytes
    digest: str
    deflated: bytes

    @classmethod
    def of(cls, text):
        data = text.encode()
        digest = hashlib.md5(data, usedforsecurity=False).hexdigest()
        return cls(data, digest, deflate(data, last=False))

    @property
    def text(self):
        return self.data.decode()

    def __bool__(self):
        return bool(self.data)


_splices = ContextVar("pagecache_splices", default=None)


def spliced_in(part):
    """What a template renders for ``part`` (``KeptBytes`` of HTML): a marker the response's
    bytes replace, or the part's HTML where no response is being made."""
    splices = _splices.get()
    if splices is None:
        return mark_safe(part.text)  # HTML kept as it was rendered
    marker = f"<!--kept:{part.digest}-->"
    splices[marker.encode()] = part
    return mark_safe(marker)


def splicing():
    """Parts given to ``spliced_in()`` inside the block: ``{marker: KeptBytes}``."""
    return set_for_block(_splices, {})


def not_splicing():
    """A part being made to be kept holds the text of the parts inside it, never a marker."""
    return set_for_block(_splices, None)


def splice(response, splices):
    """Put the parts' bytes in place of their markers in ``response``."""
    if not splices or response.streaming:
        return
    content = response.content
    for marker, part in splices.items():
        content = content.replace(marker, part.data, 1)
    response.content = content
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(content))
