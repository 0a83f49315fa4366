"""A gzip body made of pieces compressed in advance and values compressed for each response.

Cached pages are compressed once, when they are stored; the few values refreshed for each reader
(`pagecache.refresh_on_serve()`) are compressed on their own and spliced in between. Deflate
allows it: each piece ends on a byte boundary with a full flush and does not close the stream,
the last piece closes it, and the gzip trailer's CRC runs across all the pieces. Large kept
parts put into a page as bytes (``pagecache.spliced_in()``) come compressed already, once
when they were kept: storing a page compresses what surrounds them only.
"""

import struct
import zlib

# Magic, deflate, no flags, no time, no extra flags, unknown system (RFC 1952).
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
LEVEL = 6


class SplicedContent:
    """``content`` as fixed parts around ``holes``: byte strings replaced for each response by
    the value of the same index. ``kept``: ``{marker: KeptBytes}``, the parts that go in place
    of markers ``content`` holds (never inside a hole)."""

    def __init__(self, content, holes=(), kept=None):
        shells, self.order = cut(content, list(holes))
        last = len(shells) - 1
        kept = kept or {}
        self.parts, self.compressed = [], []
        for index, shell in enumerate(shells):
            part, compressed = _with_kept(shell, kept, last=index == last)
            self.parts.append(part)
            self.compressed.append(compressed)
        self.first_crc = zlib.crc32(self.parts[0])

    def render(self, values):
        pieces = [self.parts[0]]
        for index, hole in enumerate(self.order):
            pieces += [values[hole], self.parts[index + 1]]
        return b"".join(pieces)

    def render_gzip(self, values):
        pieces = [GZIP_HEADER, self.compressed[0]]
        crc, size = self.first_crc, len(self.parts[0])
        for index, hole in enumerate(self.order):
            value, part = values[hole], self.parts[index + 1]
            pieces += [deflate(value, last=False), self.compressed[index + 1]]
            crc = zlib.crc32(part, zlib.crc32(value, crc))
            size += len(value) + len(part)
        pieces.append(struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))
        return b"".join(pieces)


def cut(content, needles):
    """``(segments, order)``: ``content`` cut at each occurrence of the byte strings
    ``needles`` (which never overlap), and the index in ``needles`` of each one found, in
    order. Without a regular expression: one made of a page's own markers would be compiled
    for each page stored."""
    found = []
    for index, needle in enumerate(needles):
        start = content.find(needle)
        while start != -1:
            found.append((start, index))
            start = content.find(needle, start + len(needle))
    found.sort()
    segments, order, position = [], [], 0
    for start, index in found:
        segments.append(content[position:start])
        order.append(index)
        position = start + len(needles[index])
    segments.append(content[position:])
    return segments, order


def _with_kept(shell, kept, *, last):
    """``(bytes, deflated)`` of ``shell`` with the kept parts in place of their markers, the
    kept parts' own compression reused."""
    markers = list(kept)
    segments, order = cut(shell, markers) if markers else ([shell], [])
    if not order:
        return shell, deflate(shell, last=last)
    found = [kept[markers[index]] for index in order]
    data, compressed = [segments[0]], [deflate(segments[0], last=False)]
    for part, segment in zip(found, segments[1:], strict=True):
        data += [part.data, segment]
        compressed += [part.deflated, deflate(segment, last=False)]
    if last:
        compressed.append(deflate(b"", last=True))
    return b"".join(data), b"".join(compressed)


def deflate(data, *, last):
    """Raw deflate of ``data``, ending on a byte boundary; only the ``last`` piece closes the
    stream."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    ending = zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH
    return compressor.compress(data) + compressor.flush(ending)
