"""Article bodies: Markdown to sanitized HTML, with figure and teaser markers."""

import pytest

from articles.markup import marked_ids, render_body, sanitize, split_body, word_count

# Each case: an editor's body, the substrings that must not reach the page (compared
# case-insensitively) and a piece of the harmless content that must survive.
DANGEROUS_BODIES = [
    pytest.param("<script>alert(1)</script>Hello", ["<script", "alert(1)"], "Hello", id="script"),
    pytest.param(
        "<img src=x onerror=alert(1)> Hello", ["<img", "onerror", "alert(1)"], "Hello", id="img"
    ),
    pytest.param(
        "<svg onload=alert(1)></svg> Hello", ["<svg", "onload", "alert(1)"], "Hello", id="svg"
    ),
    pytest.param("[Hello](javascript:alert(1))", ["javascript:", "href"], "Hello", id="md-js"),
    pytest.param(
        '<a href="javascript:alert(1)">Hello</a>', ["javascript:", "href"], "Hello", id="a-js"
    ),
    pytest.param(
        "[Hello](JaVaScRiPt:alert(1))", ["javascript:", "href"], "Hello", id="md-mixed-case"
    ),
    pytest.param(
        '<a href="JaVaScRiPt:alert(1)">Hello</a>', ["javascript:", "href"], "Hello", id="a-mixed"
    ),
    pytest.param(
        '<a href="  javascript:alert(1)">Hello</a>', ["javascript:", "href"], "Hello", id="spaces"
    ),
    pytest.param(
        '<a href="jav&#x61;script:alert(1)">Hello</a>', ["script:", "href"], "Hello", id="entity"
    ),
    pytest.param(
        "[Hello][ref]\n\n[ref]: javascript:alert(1)", ["javascript:", "href"], "Hello", id="ref"
    ),
    pytest.param(
        '<iframe src="https://evil.example/"></iframe>Hello',
        ["<iframe", "evil.example"],
        "Hello",
        id="iframe",
    ),
    pytest.param(
        "<style>body { display: none }</style>Hello", ["<style", "display"], "Hello", id="style"
    ),
    pytest.param(
        '<object data="https://evil.example/x.swf"></object>Hello',
        ["<object", "evil.example"],
        "Hello",
        id="object",
    ),
    pytest.param(
        '<form action="https://evil.example/"><input name="password"></form>Hello',
        ["<form", "<input", "evil.example"],
        "Hello",
        id="form",
    ),
    pytest.param(
        '<p style="position: fixed">Hello</p>', ["style=", "position"], "<p>Hello</p>", id="attr"
    ),
    pytest.param(
        '<p onclick="alert(1)">Hello</p>', ["onclick", "alert(1)"], "<p>Hello</p>", id="on"
    ),
    pytest.param(
        '<a href="https://example.org/" onclick="alert(1)">Hello</a>',
        ["onclick", "alert(1)"],
        '<a href="https://example.org/">Hello</a>',
        id="onclick-on-allowed-link",
    ),
    pytest.param(
        "[Hello](data:text/html;base64,PHNjcmlwdD4=)", ["data:", "href"], "Hello", id="md-data"
    ),
    pytest.param(
        '<a href="data:text/html;base64,PHNjcmlwdD4=">Hello</a>',
        ["data:", "href"],
        "Hello",
        id="a-data",
    ),
    pytest.param(
        "[Hello](//evil.example/)", ["evil.example", "href"], "Hello", id="md-protocol-relative"
    ),
    pytest.param(
        '<a href="//evil.example/">Hello</a>',
        ["evil.example", "href"],
        "Hello",
        id="a-protocol-relative",
    ),
    pytest.param(
        '<a href="vbscript:msgbox(1)">Hello</a>', ["vbscript:", "href"], "Hello", id="vbscript"
    ),
]


@pytest.mark.parametrize(("body", "forbidden", "kept"), DANGEROUS_BODIES)
def test_dangerous_markup_is_removed_and_the_harmless_rest_kept(body, forbidden, kept):
    html = render_body(body)

    for substring in forbidden:
        assert substring.lower() not in html.lower()
    assert kept in html


def test_body_mixing_every_attack_renders_none_of_them():
    body = "\n\n".join(param.values[0] for param in DANGEROUS_BODIES)

    html = render_body(body).lower()

    for dangerous in [
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "vbscript:",
        "<iframe",
        "<style",
        "style=",
        "<object",
        "<form",
        "<input",
        "<img",
        "<svg",
        "onclick",
        "data:",
        "evil.example",
        "alert(",
    ]:
        assert dangerous not in html
    assert html.count("hello") == len(DANGEROUS_BODIES)


def test_script_in_a_code_block_is_shown_as_text_not_run():
    html = render_body("```\n<script>alert(1)</script>\n```")

    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Allowed markup ------------------------------------------------------------------------------


def test_paragraphs_survive():
    html = render_body("First paragraph.\n\nSecond paragraph.")

    assert html == "<p>First paragraph.</p>\n<p>Second paragraph.</p>"


@pytest.mark.parametrize(
    ("markdown", "heading"),
    [
        ("## Reactions", "<h2>Reactions</h2>"),
        ("### In the region", "<h3>In the region</h3>"),
        ("#### Background", "<h4>Background</h4>"),
    ],
)
def test_subheadings_keep_their_level(markdown, heading):
    assert render_body(markdown) == heading


def test_top_level_heading_becomes_h2_because_h1_is_the_title():
    html = render_body("# Reactions")

    assert html == "<h2>Reactions</h2>"


@pytest.mark.parametrize(("markdown", "heading"), [("##### Aside", "h4"), ("###### Tiny", "h4")])
def test_headings_below_h4_become_h4(markdown, heading):
    html = render_body(markdown)

    assert html.startswith(f"<{heading}>")
    assert "<h5" not in html
    assert "<h6" not in html


def test_raw_html_headings_are_kept_in_the_h2_to_h4_range():
    html = sanitize("<h1>Top</h1><h5>Low</h5><h6>Lower</h6>")

    assert html == "<h2>Top</h2><h4>Low</h4><h4>Lower</h4>"


def test_emphasis_and_strong_survive():
    html = render_body("Some *emphasis* and **strong words**.")

    assert html == "<p>Some <em>emphasis</em> and <strong>strong words</strong>.</p>"


def test_unordered_and_ordered_lists_survive():
    html = render_body("- apples\n- pears\n\n1. first\n2. second")

    assert "<ul>\n<li>apples</li>\n<li>pears</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html


def test_blockquote_survives():
    html = render_body("> We will not give up.")

    assert html == "<blockquote>\n<p>We will not give up.</p>\n</blockquote>"


def test_inline_code_and_fenced_code_blocks_survive():
    html = render_body("Run `make test` first.\n\n```python\nprint(1)\n```")

    assert "<code>make test</code>" in html
    assert "<pre><code>print(1)\n</code></pre>" in html


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/report",
        "http://example.org/report",
        "mailto:desk@example.org",
        "/articles/x/",
        "/sections/politics/",
        "#methodology",
    ],
)
def test_safe_links_keep_their_target(href):
    html = render_body(f"Read [the report]({href}) now.")

    assert f'<a href="{href}">the report</a>' in html


def test_link_title_is_kept():
    html = render_body('See [the report](https://example.org/ "Full report").')

    assert '<a href="https://example.org/" title="Full report">the report</a>' in html


def test_empty_body_renders_nothing():
    assert render_body("") == ""
    assert render_body(None) == ""


# Figures -------------------------------------------------------------------------------------


def test_figure_alone_on_its_line_becomes_a_marker_for_the_numbered_image():
    html = render_body("Intro.\n\n[figure 2]\n\nOutro.", image_ids_by_number={1: 10, 2: 17})

    assert html == "<p>Intro.</p>\n<!--figure:17-->\n<p>Outro.</p>"


def test_figure_number_is_read_whatever_its_case_and_spacing():
    html = render_body("[Figure  2 ]", image_ids_by_number={2: 17})

    assert html == "<!--figure:17-->"


def test_figure_number_without_an_image_disappears():
    html = render_body("Intro.\n\n[figure 3]\n\nOutro.", image_ids_by_number={1: 10})

    assert html == "<p>Intro.</p>\n\n<p>Outro.</p>"


def test_figure_without_any_images_disappears():
    html = render_body("[figure 1]")

    assert html == ""


def test_figure_inside_running_text_is_left_as_text():
    html = render_body("As [figure 2] shows, prices rose.", image_ids_by_number={2: 17})

    assert html == "<p>As [figure 2] shows, prices rose.</p>"
    assert "<!--" not in html


# Teasers -------------------------------------------------------------------------------------


def known_articles(slug):
    return {"other-story": 42}.get(slug)


def test_paragraph_holding_only_a_link_to_an_article_becomes_a_teaser_marker():
    html = render_body(
        "Intro.\n\n[Read also](/articles/other-story/)\n\nOutro.",
        article_id_for_slug=known_articles,
    )

    assert html == "<p>Intro.</p>\n<!--teaser:42-->\n<p>Outro.</p>"


def test_link_alone_to_another_site_page_stays_a_link():
    def any_slug_is_an_article(slug):
        return 42

    html = render_body(
        "[Politics](/sections/other-story/)", article_id_for_slug=any_slug_is_an_article
    )

    assert html == '<p><a href="/sections/other-story/">Politics</a></p>'


def test_link_alone_to_an_external_article_page_stays_a_link():
    html = render_body(
        "[Elsewhere](https://example.org/articles/other-story/)",
        article_id_for_slug=known_articles,
    )

    assert html == '<p><a href="https://example.org/articles/other-story/">Elsewhere</a></p>'


def test_link_alone_to_an_unknown_article_stays_a_link():
    html = render_body("[Gone](/articles/no-such-story/)", article_id_for_slug=known_articles)

    assert html == '<p><a href="/articles/no-such-story/">Gone</a></p>'


def test_link_to_an_article_inside_a_sentence_stays_a_link():
    html = render_body(
        "Read [our story](/articles/other-story/) first.", article_id_for_slug=known_articles
    )

    assert html == '<p>Read <a href="/articles/other-story/">our story</a> first.</p>'


def test_link_alone_to_an_article_stays_a_link_when_nothing_resolves_slugs():
    html = render_body("[Read also](/articles/other-story/)")

    assert html == '<p><a href="/articles/other-story/">Read also</a></p>'


# Markers -------------------------------------------------------------------------------------


def test_split_body_yields_html_figure_and_teaser_parts_in_order():
    html = "<p>a</p><!--figure:3--><p>b</p><!--teaser:9--><!--figure:5--><p>c</p>"

    assert list(split_body(html)) == [
        ("html", "<p>a</p>"),
        ("figure", 3),
        ("html", "<p>b</p>"),
        ("teaser", 9),
        ("figure", 5),
        ("html", "<p>c</p>"),
    ]


def test_split_body_without_markers_is_one_html_part():
    assert list(split_body("<p>a</p>")) == [("html", "<p>a</p>")]


def test_split_body_of_nothing_is_nothing():
    assert list(split_body("")) == []


def test_marked_ids_lists_the_ids_of_one_kind_in_order():
    html = "<!--figure:5--><p>a</p><!--teaser:9--><!--figure:3--><!--teaser:1-->"

    assert marked_ids(html, "figure") == [5, 3]
    assert marked_ids(html, "teaser") == [9, 1]


@pytest.mark.parametrize(
    "body",
    [
        "Intro.\n\n<!--figure:1-->\n\nOutro.",
        "Intro.\n\n<!--teaser:1-->\n\nOutro.",
        "Intro <!--figure:1--> outro.",
        "<p>Intro.</p><!--teaser:1-->",
    ],
)
def test_markers_typed_by_editors_are_stripped(body):
    html = render_body(body, article_id_for_slug=known_articles)

    assert "<!--" not in html
    assert marked_ids(html, "figure") == []
    assert marked_ids(html, "teaser") == []
    assert "Intro" in html


def test_sanitize_strips_html_comments():
    assert sanitize("<p>a</p><!--figure:1--><!-- note -->") == "<p>a</p>"


# Word count ----------------------------------------------------------------------------------


def test_word_count_counts_words_not_punctuation():
    assert word_count("L\u2019été — enfin ! Trois mots, 2 chiffres.") == 7


def test_word_count_of_nothing_is_zero():
    assert word_count("") == 0
    assert word_count(None) == 0
