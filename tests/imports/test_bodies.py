"""Post bodies to our Markdown: WordPress's paragraphs, shortcodes, blocks, links, French text."""

from articles import markup
from wordpress.autop import autop
from wordpress.convert import Site, convert_body, place_figures, plain_text
from wordpress.report import Report
from wordpress.shortcodes import parse_attributes, replace_shortcodes

SITE = Site(
    attachment_urls={
        7: "https://old.example.com/wp-content/uploads/2024/03/boat.jpg",
        8: "https://old.example.com/wp-content/uploads/2024/03/gull.jpg",
    },
    attachments_by_path={
        "/wp-content/uploads/2024/03/boat.jpg": 7,
        "/wp-content/uploads/2024/03/gull.jpg": 8,
    },
    attachments_of_post={1: [7, 8]},
    new_address=lambda href: "/articles/the-harbour/" if href.endswith("/old-harbour/") else None,
)


def convert(content, report=None):
    return convert_body(content, post_id=1, site=SITE, report=report or Report())


def numbered(converted):
    """The Markdown with each placeholder numbered in order, as the importer does."""
    return place_figures(converted.markdown, {i: i + 1 for i in range(len(converted.figures))})


# WordPress's paragraphs -------------------------------------------------------------------------


def test_blank_lines_make_paragraphs_and_single_breaks_make_line_breaks():
    html = autop("First line\nsame paragraph.\n\nSecond paragraph.")

    assert html == "<p>First line<br />\nsame paragraph.</p>\n<p>Second paragraph.</p>\n"


def test_block_elements_are_not_wrapped_and_pre_keeps_its_lines():
    html = autop("<ul>\n<li>one</li>\n</ul>\n<pre>a\n\nb</pre>\nAfter.")

    assert "<p><ul>" not in html and "<li>one</li>" in html
    assert "<pre>a\n\nb</pre>" in html
    assert "<p>After.</p>" in html


def test_a_classic_body_becomes_markdown_with_its_paragraphs():
    converted = convert("Hello <strong>world</strong>.\nNew line.\n\n<h2>Later</h2>\nText.")

    assert converted.markdown == "Hello **world**.  \nNew line.\n\n## Later\n\nText.\n"
    assert converted.first_paragraph == "Hello world. New line."


# Shortcodes -------------------------------------------------------------------------------------


def test_shortcode_attributes_are_read_as_wordpress_reads_them():
    assert parse_attributes("id=\"attachment_7\" width=300 caption='A &amp; B' flag") == {
        "id": "attachment_7",
        "width": "300",
        "caption": "A & B",
        "0": "flag",
    }


def test_a_shortcode_written_as_text_stays_text():
    assert replace_shortcodes("Write [[gallery]] to show one.", lambda s: "X") == (
        "Write [gallery] to show one."
    )


def test_a_caption_becomes_a_figure_of_its_attachment_with_its_caption():
    converted = convert(
        '[caption id="attachment_7" width="300"]<a href="x.jpg"><img class="wp-image-7" '
        'src="https://old.example.com/wp-content/uploads/2024/03/boat-300x200.jpg" alt="A boat" />'
        "</a> The boat, <em>at dawn</em>[/caption]"
    )

    assert numbered(converted) == "[figure 1]\n"
    [figure] = converted.figures
    assert (figure.attachment_id, figure.alt, figure.caption) == (7, "A boat", "The boat, at dawn")


def test_a_gallery_becomes_its_figures_listed_or_attached():
    listed = convert('[gallery ids="8,7"]').figures
    attached = convert("[gallery columns=3]").figures

    assert [f.attachment_id for f in listed] == [8, 7]
    assert [f.attachment_id for f in attached] == [7, 8]


def test_a_picture_inside_a_paragraph_gets_a_line_of_its_own():
    converted = convert(
        'Before <img src="https://old.example.com/wp-content/uploads/2024/03/gull-150x150.jpg"'
        ' alt="A gull"> after.\n\nNext.'
    )

    assert numbered(converted) == "Before after.\n\n[figure 1]\n\nNext.\n"
    assert converted.figures[0].attachment_id == 8  # found by its address, size removed


def test_embeds_become_links():
    converted = convert(
        "Watch:\n\nhttps://www.youtube.com/watch?v=abc\n\n[embed]https://vimeo.com/1[/embed]\n\n"
        '<iframe src="https://www.youtube.com/embed/def"></iframe>\n\n'
        '[audio mp3="https://old.example.com/a.mp3"]'
    )

    assert converted.markdown == (
        "Watch:\n\n<https://www.youtube.com/watch?v=abc>\n\n<https://vimeo.com/1>\n\n"
        "<https://www.youtube.com/embed/def>\n\n<https://old.example.com/a.mp3>\n"
    )


def test_unknown_shortcodes_keep_their_text_or_are_dropped_and_are_counted():
    report = Report()

    converted = convert(
        '[note]Keep me.[/note] [contact-form-7 id="12"] A word in brackets [sic] stays.', report
    )

    assert converted.markdown == "Keep me. A word in brackets \\[sic\\] stays.\n"
    assert report.shortcodes_kept_as_text == {"note": 1}
    assert report.shortcodes_dropped == {"contact-form-7": 1}


# Blocks -----------------------------------------------------------------------------------------


def test_block_posts_keep_their_html_and_their_classic_parts_get_paragraphs():
    converted = convert(
        "<!-- wp:paragraph -->\n<p>One.</p>\n<!-- /wp:paragraph -->\n\nLoose text\nbroken.\n\n"
        '<!-- wp:heading {"level":3} -->\n<h3>Three</h3>\n<!-- /wp:heading -->'
    )

    assert converted.markdown == "One.\n\nLoose text  \nbroken.\n\n### Three\n"


def test_image_gallery_and_embed_blocks_become_figures_and_links():
    converted = convert(
        '<!-- wp:image {"id":7} --><figure class="wp-block-image">'
        '<img class="wp-image-7" src="x.jpg" alt=""/><figcaption>Boat</figcaption></figure>'
        "<!-- /wp:image -->"
        '<!-- wp:gallery --><figure class="wp-block-gallery"><!-- wp:image {"id":8} --><figure>'
        '<img data-id="8" src="y.jpg" alt="Gull"/></figure><!-- /wp:image --></figure>'
        "<!-- /wp:gallery -->"
        '<!-- wp:embed {"url":"https://youtu.be/q"} --><figure class="wp-block-embed"><div>'
        "https://youtu.be/q</div><figcaption>A minute of harbour</figcaption></figure>"
        "<!-- /wp:embed -->"
    )

    assert numbered(converted) == (
        "[figure 1]\n\n[figure 2]\n\n[A minute of harbour](https://youtu.be/q)\n"
    )
    assert [(f.attachment_id, f.caption) for f in converted.figures] == [(7, "Boat"), (8, None)]


def test_blocks_drawn_by_wordpress_are_dropped_and_unknown_ones_kept_as_text_and_counted():
    report = Report()

    converted = convert(
        '<!-- wp:latest-posts {"postsToShow":3} /-->'
        '<!-- wp:acme/signup {"list":4} --><div>Subscribe.</div><!-- /wp:acme/signup -->'
        "<!-- wp:more --><!--more--><!-- /wp:more -->",
        report,
    )

    assert converted.markdown == "Subscribe.\n"
    assert report.blocks_dropped == {"latest-posts": 1}
    assert report.blocks_kept_as_text == {"acme/signup": 1}


# Links and text ---------------------------------------------------------------------------------


def test_links_to_imported_posts_lead_to_their_new_address():
    converted = convert('<a href="https://old.example.com/2024/03/01/old-harbour/">Harbour</a>')

    assert converted.markdown == "[Harbour](/articles/the-harbour/)\n"


def test_text_that_reads_as_markdown_or_as_our_markers_stays_text():
    converted = convert(
        "1. Not a list\n\n# Not a heading\n\nA [figure 2] mention and <b>x</b> &lt;tag&gt;."
    )
    html = markup.render_body(converted.markdown)

    assert "<ol>" not in html and "<h" not in html
    assert "1. Not a list" in html and "# Not a heading" in html
    assert "[figure 2] mention" in html
    assert "&lt;tag&gt;" in html


def test_french_text_keeps_its_accents_no_break_spaces_and_quotes():
    converted = convert("L&rsquo;été&nbsp;: « Les quais »&nbsp;! Ça déborde.")

    assert converted.markdown == "L’été\u00a0: « Les quais »\u00a0! Ça déborde.\n"


def test_unsafe_html_does_not_survive_the_articles_renderer():
    converted = convert(
        '<script>alert(1)</script><p onclick="x()">Text <a href="javascript:alert(2)">link</a>'
        '</p><style>p{}</style><form action="/x"><input name="q"></form>'
    )
    html = markup.render_body(converted.markdown)

    for unsafe in ["<script", "alert", "onclick", "javascript:", "<style", "<form", "<input"]:
        assert unsafe not in html
    assert "Text" in html


def test_plain_text_of_a_comment_keeps_paragraphs_and_link_addresses():
    text = plain_text('Hi&nbsp;!\n\nSee <a href="https://x.example/p">my page</a>.<br>Bye')

    assert text == "Hi\u00a0!\n\nSee my page (https://x.example/p).\nBye"
