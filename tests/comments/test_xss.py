"""A commenter's name, website and text full of markup render inert on the article page."""

import re
import time
from html.parser import HTMLParser

import pytest
from django.test import Client

from comments.forms import sign_render_time
from comments.models import Comment
from tests.comments.factories import make_comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db

REL = 'rel="nofollow ugc noopener"'
HOSTILE_NAME = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
HOSTILE_BODY = (
    "<img src=x onerror=alert(1)> "
    '<a href="javascript:alert(1)">x</a> '
    "http://example.org/?q=<b>\n"
    "<svg onload=alert(3)> javascript:alert(4) "
    'https://example.net/"onmouseover="alert(5)'
)


class TagCollector(HTMLParser):
    """The elements a browser would build from a page: (tag, {attribute: value})."""

    def __init__(self):
        super().__init__()
        self.elements = []
        self.script_texts = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_texts.append(data)


def elements_of(page):
    parser = TagCollector()
    parser.feed(page)
    parser.close()
    return parser


def assert_inert(page):
    parsed = elements_of(page)
    assert "<script>alert" not in page
    assert not [s for s in parsed.script_texts if "alert" in s], "script text"
    handlers = [(t, a) for t, a in parsed.elements if any(n.startswith("on") for n in a)]
    assert not handlers, "event handler attribute"
    scripted = [
        (t, a)
        for t, a in parsed.elements
        for name in ("href", "src", "action", "formaction")
        if (a.get(name) or "").strip().lower().startswith(("javascript:", "data:"))
    ]
    assert not scripted, "javascript: URL"
    assert not [t for t, _ in parsed.elements if t in {"svg", "iframe", "object", "embed"}]
    assert not [a for t, a in parsed.elements if t == "img" and a.get("src") == "x"]
    assert 'href="javascript:' not in page


@pytest.fixture
def article():
    return make_article()


@pytest.fixture
def hostile(article):
    # Stored directly: the form refuses a javascript: website, but the page must not trust that.
    return make_comment(
        article,
        author_name=HOSTILE_NAME,
        author_url="javascript:alert(1)",
        body=HOSTILE_BODY,
        status=Comment.Status.APPROVED,
    )


def article_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def comment_html(page, comment):
    """The markup of one comment, from its <article> to the end of it."""
    start = page.index(f'id="{comment.anchor}"')
    return page[start : page.index("</article>", start)]


def test_hostile_name_website_and_text_render_inert(client, article, hostile):
    page = article_page(client, article)

    assert_inert(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in comment_html(page, hostile)
    assert "&lt;img src=x onerror=alert(1)&gt;" in comment_html(page, hostile)


def test_hostile_name_in_the_reply_heading_renders_inert(client, article, hostile):
    response = client.get(f"{article.get_absolute_url()}?replyto={hostile.pk}")

    page = response.content.decode()
    assert "Reply to &lt;script&gt;" in page
    assert_inert(page)


def test_javascript_website_is_not_linked(client, article, hostile):
    html = comment_html(article_page(client, article), hostile)

    assert "javascript:alert(1)" not in html.replace("&lt;a href=&quot;javascript:alert(1)", "")
    author = re.search(r'class="comment__author".*?</span>', html, re.S).group(0)
    assert "<a " not in author


def test_urls_in_the_text_are_linked_with_nofollow_ugc_noopener(client, article, hostile):
    html = comment_html(article_page(client, article), hostile)

    links = [a for t, a in elements_of(html).elements if t == "a" and "class" not in a]
    assert links == [
        {"href": "http://example.org/?q=", "rel": "nofollow ugc noopener"},
        {"href": "https://example.net/", "rel": "nofollow ugc noopener"},
    ]
    assert f'<a href="http://example.org/?q=" {REL}>' in html


def test_http_website_links_the_name_with_nofollow_ugc_noopener(client, article):
    comment = make_comment(
        article,
        author_name="Ada <b>Bold</b>",
        author_url="https://ada.example/?a=1&b=2",
        status=Comment.Status.APPROVED,
    )

    html = comment_html(article_page(client, article), comment)

    assert (
        f'<a href="https://ada.example/?a=1&amp;b=2" {REL}>Ada &lt;b&gt;Bold&lt;/b&gt;</a>' in html
    )


def test_website_with_a_quote_cannot_break_out_of_its_attribute(client, article):
    comment = make_comment(
        article,
        author_url='https://ada.example/"onmouseover="alert(1)',
        status=Comment.Status.APPROVED,
    )

    page = article_page(client, article)

    assert_inert(page)
    assert "https://ada.example/&quot;onmouseover=&quot;alert(1)" in comment_html(page, comment)


def test_hostile_pending_comment_is_inert_for_its_author(article):
    author = Client()
    author.post(
        f"{article.get_absolute_url()}comments/",
        {
            "author_name": HOSTILE_NAME,
            "author_email": "x@example.net",
            "body": HOSTILE_BODY,
            "rendered": sign_render_time(article.pk, now=time.time() - 10),
        },
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING

    page = article_page(author, article)

    assert f'id="{comment.anchor}"' in page
    assert_inert(page)


def test_hostile_text_rejected_by_the_form_is_shown_back_inert(client, article):
    response = client.post(
        f"{article.get_absolute_url()}comments/",
        {
            "author_name": HOSTILE_NAME,
            "author_email": "not an email",
            "author_url": "javascript:alert(1)",
            "body": HOSTILE_BODY,
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert_inert(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
