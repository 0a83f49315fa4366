"""Commenters' plain text made into safe HTML, and their website kept to http(s)."""

import pytest

from comments.text import render_comment, safe_website

REL = 'rel="nofollow ugc noopener"'


def test_markup_in_a_comment_is_escaped():
    html = render_comment("<script>alert(1)</script> & <b>bold</b>")

    assert html == ("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p>")


def test_quotes_are_escaped_so_they_cannot_close_an_attribute():
    html = render_comment("\"onclick='x'")

    assert '"' not in html and "'" not in html


def test_single_line_breaks_are_kept_and_blank_lines_make_paragraphs():
    html = render_comment("first line\r\nsecond line\n\n\n  third paragraph  ")

    assert html == "<p>first line<br>second line</p>\n<p>third paragraph</p>"


@pytest.mark.parametrize("text", ["", "   \n\n  ", None])
def test_empty_comment_renders_nothing(text):
    assert render_comment(text) == ""


def test_http_and_https_urls_are_linkified_with_nofollow_ugc_noopener():
    html = render_comment("See http://example.org/a and https://example.net/b?x=1&y=2")

    assert f'<a href="http://example.org/a" {REL}>http://example.org/a</a>' in html
    assert (
        f'<a href="https://example.net/b?x=1&amp;y=2" {REL}>https://example.net/b?x=1&amp;y=2</a>'
    ) in html


def test_www_address_is_linked_over_https():
    html = render_comment("Visit www.example.org today")

    assert f'<a href="https://www.example.org" {REL}>www.example.org</a>' in html


def test_trailing_punctuation_stays_outside_the_link():
    html = render_comment("Read https://example.org/report. Then (https://example.org/x)!")

    assert f'<a href="https://example.org/report" {REL}>https://example.org/report</a>.' in html
    assert f'(<a href="https://example.org/x" {REL}>https://example.org/x</a>)!' in html


def test_closing_parenthesis_that_belongs_to_the_address_stays_in_the_link():
    html = render_comment("See https://en.wikipedia.org/wiki/Paris_(band), a band.")

    url = "https://en.wikipedia.org/wiki/Paris_(band)"
    assert f'<a href="{url}" {REL}>{url}</a>, a band.' in html


def test_markup_after_a_url_is_not_part_of_the_link():
    html = render_comment("http://example.org/?q=<b>")

    assert f'<a href="http://example.org/?q=" {REL}>' in html
    assert "&lt;b&gt;" in html
    assert "<b>" not in html


def test_quote_after_a_url_cannot_break_out_of_the_href():
    html = render_comment('https://example.org/"onmouseover="alert(1)')

    assert f'<a href="https://example.org/" {REL}>' in html
    assert 'onmouseover="' not in html


@pytest.mark.parametrize(
    "text",
    ["javascript:alert(1)", "data:text/html,<script>x</script>", "ftp://example.org/file"],
)
def test_non_http_schemes_are_not_linkified(text):
    assert "<a " not in render_comment(text)


@pytest.mark.parametrize(
    "url",
    ["http://example.org", "https://example.org/me", "HTTPS://EXAMPLE.ORG", " https://e.org "],
)
def test_http_websites_are_kept(url):
    assert safe_website(url) == url.strip()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "ftp://example.org",
        "//example.org",
        "example.org",
        "",
        None,
    ],
)
def test_websites_other_than_http_are_dropped(url):
    assert safe_website(url) == ""
