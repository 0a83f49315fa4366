"""Reading exports: WXR 1.1 and 1.2, as a stream, safely, with errors that name the line."""

import tracemalloc

import pytest

from wordpress import wxr

from .conftest import export


def parts_of(name):
    return list(wxr.read_export(export(name)))


def test_a_wxr_1_2_export_gives_its_site_authors_terms_and_items_in_order():
    parts = parts_of("newsroom.xml")

    site = parts[0]
    assert (site.version, site.link, site.title) == (
        "1.2",
        "https://old.example.com",
        "The Old Harbour Gazette",
    )
    authors = [p for p in parts if isinstance(p, wxr.Author)]
    assert [(a.login, a.name) for a in authors] == [
        ("alice", "Alice Martin"),
        ("bob", "Bob Stone"),
    ]
    terms = [(t.taxonomy, t.slug) for t in parts if isinstance(t, wxr.Term)]
    assert terms == [
        ("category", "news"),
        ("category", "science"),
        ("category", "culture"),
        ("post_tag", "climate"),
        ("post_tag", "unused"),
        ("post_tag", "news"),
    ]
    post = next(p for p in parts if isinstance(p, wxr.Item) and p.id == 100)
    assert post.title == "Harbour reopens &amp; ships return"  # decoded by the importer
    assert post.date_gmt.isoformat() == "2024-03-10T08:00:00+00:00"
    assert post.meta_id("_thumbnail_id") == 10
    assert [c.id for c in post.comments] == [500, 502, 501, 503, 504, 505, 506]
    assert post.line == 88  # where its <item> starts


def test_a_wxr_1_1_export_with_http_namespaces_is_read_too():
    parts = parts_of("francais.xml")

    assert parts[0].version == "1.1"
    post = next(p for p in parts if isinstance(p, wxr.Item) and p.id == 7)
    assert post.creator == "helene"
    assert post.terms == [("category", "societe", "Société"), ("post_tag", "economie", "Économie")]


def test_no_date_is_none():
    draft = next(p for p in parts_of("newsroom.xml") if getattr(p, "id", None) == 105)

    assert draft.date_gmt is None


def test_malformed_xml_is_refused_naming_its_line():
    with pytest.raises(wxr.ExportError) as raised:
        parts_of("malformed.xml")

    assert raised.value.line == 17
    assert "not well-formed XML" in str(raised.value)
    assert str(raised.value).startswith("line 17: ")


@pytest.mark.parametrize(
    ("name", "words", "line"),
    [
        ("feed.xml", "no <wp:wxr_version> comes before its content", 6),
        ("html.xml", "starts with <html>, not <rss>", 2),
        ("version.xml", "WXR version “3.0” is not one this importer reads (1.1, 1.2)", 5),
    ],
)
def test_a_file_that_is_not_a_wxr_1_1_or_1_2_export_is_refused(name, words, line):
    with pytest.raises(wxr.ExportError) as raised:
        parts_of(name)

    assert words in raised.value.message
    assert raised.value.line == line


def test_entities_and_external_references_are_never_expanded_nor_fetched():
    with pytest.raises(wxr.ExportError) as raised:
        parts_of("entities.xml")

    assert "DTD" in raised.value.message
    assert raised.value.line == 2


def test_a_large_export_is_read_as_a_stream_not_loaded_whole(tmp_path):
    body = "<p>" + "Words of a long story. " * 400 + "</p>"  # about 9 kB a post
    items = "".join(
        f"<item><title>Post {n}</title><wp:post_id>{n}</wp:post_id>"
        f"<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>\n"
        for n in range(1, 1001)
    )
    path = tmp_path / "large.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<wp:wxr_version>1.2</wp:wxr_version>\n{items}</channel></rss>\n"
    )
    size = path.stat().st_size

    tracemalloc.start()
    count = sum(1 for part in wxr.read_export(path) if isinstance(part, wxr.Item))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert count == 1000
    assert size > 9_000_000
    assert peak < size / 20
