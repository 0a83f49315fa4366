"""Compressed once, spliced for each response: the body is valid gzip of the page as served."""

import gzip
import random
import zlib

import pytest

from pagecache.gzip_pieces import SplicedContent, cut


def page(size, seed=1):
    words = [b"harbour", b"council", b"<p>", b"</p>", b"comment", b" ", b"\n", b"storm"]
    rng = random.Random(seed)
    return b"".join(rng.choice(words) for _ in range(size))


@pytest.mark.parametrize(
    ("content", "holes", "values"),
    [
        (page(5000), [], []),
        (page(3000) + b"HOLE" + page(200, seed=2), [b"HOLE"], [b"fresh value 1"]),
        (b"HOLE" + page(100), [b"HOLE"], [b""]),
        (page(100) + b"HOLE", [b"HOLE"], [b"at the very end"]),
        (
            page(500) + b"[A]" + page(50) + b"[B]" + page(50) + b"[A]",
            [b"[A]", b"[B]"],
            [b"first", b"second"],
        ),
        (b"", [b"HOLE"], [b"unused"]),
    ],
    ids=["no-hole", "one-hole", "at-start-empty-value", "at-end", "repeated-holes", "empty"],
)
def test_the_gzip_body_is_the_page_with_its_fresh_values(content, holes, values):
    spliced = SplicedContent(content, holes)
    expected = content
    for hole, value in zip(holes, values, strict=True):
        expected = expected.replace(hole, value)

    assert spliced.render(values) == expected
    assert gzip.decompress(spliced.render_gzip(values)) == expected
    # Browsers read one gzip member with zlib's inflate: no trailing data, a checked CRC.
    inflater = zlib.decompressobj(wbits=31)
    assert inflater.decompress(spliced.render_gzip(values)) + inflater.flush() == expected
    assert inflater.eof and inflater.unused_data == b""


def test_a_large_page_is_sent_much_smaller():
    content = page(100_000) + b"HOLE" + page(1000, seed=3)

    body = SplicedContent(content, [b"HOLE"]).render_gzip([b"x" * 90])

    assert len(body) < len(content) / 3


@pytest.mark.parametrize(
    ("content", "needles", "segments", "order"),
    [
        (b"aXbYcXd", [b"X", b"Y"], [b"a", b"b", b"c", b"d"], [0, 1, 0]),
        (b"XX", [b"X"], [b"", b"", b""], [0, 0]),
        (b"<!--a--><!--b-->", [b"<!--b-->", b"<!--a-->"], [b"", b"", b""], [1, 0]),
        (b"nothing here", [b"X"], [b"nothing here"], []),
        (b"nothing here", [], [b"nothing here"], []),
    ],
)
def test_content_is_cut_at_each_marker_in_order(content, needles, segments, order):
    assert cut(content, needles) == (segments, order)
