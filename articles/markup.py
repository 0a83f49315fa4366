"""Article bodies: Markdown written by editors, turned once (on save) into HTML that is safe.

Editors' text is untrusted like any input: Markdown lets raw HTML through, so everything the
Markdown renderer produces passes an allowlist sanitizer (nh3) before it is stored.

Two editor conveniences are recognised on a line (paragraph) of their own:

``[figure N]``
    places the article's image number N (its "Number" in the admin) as a figure with caption
    and credit.
``[Any text](/articles/some-slug/)``
    a paragraph holding nothing but a link to another article of this site becomes a
    "Read also" teaser showing that article's title and image.

Both are stored as markers (HTML comments, which the sanitizer has already removed from the
editor's own text) and drawn by the page template from data loaded with the article, so a
changed caption or an unpublished teaser target shows correctly without saving the body again.
"""

import re
from urllib.parse import urlsplit

import markdown
import nh3
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "em",
    "strong",
    "i",
    "b",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_HEADING_ABOVE_RANGE = re.compile(r"<(/?)h1\b")
_HEADING_BELOW_RANGE = re.compile(r"<(/?)h[56]\b")
_FIGURE_PARAGRAPH = re.compile(r"<p>\s*\[figure\s+(\d+)\s*\]\s*</p>", re.IGNORECASE)
_LINK_PARAGRAPH = re.compile(r'<p>\s*<a href="([^"]+)"[^>]*>[^<]*</a>\s*</p>')
MARKER = re.compile(r"<!--(figure|teaser):(\d+)-->")


# Browsers ignore these inside URLs, so "/\t/host" would reach "//host".
_URL_IGNORED_CHARACTERS = re.compile(r"[\x00-\x20\x7f]")


def _allowed_href(value):
    if value.startswith("#"):
        return True
    if value.startswith(("/", "\\")):
        # Site-relative only: "//host" and "/\\host" are read by browsers as other sites.
        return url_has_allowed_host_and_scheme(value, allowed_hosts=set())
    return urlsplit(value).scheme.lower() in ALLOWED_URL_SCHEMES


def _filter_attribute(tag, attribute, value):
    if attribute != "href":
        return value
    value = _URL_IGNORED_CHARACTERS.sub("", value)
    return value if _allowed_href(value) else None


def sanitize(html):
    """Keep only the allowlisted tags, attributes and link targets of ``html``."""
    html = _HEADING_ABOVE_RANGE.sub(r"<\1h2", html)
    html = _HEADING_BELOW_RANGE.sub(r"<\1h4", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel=None,
        strip_comments=True,
    )


def _article_slug(href):
    """The slug of the article page ``href`` points to, or None for any other URL."""
    if not href.startswith("/") or href.startswith("//"):
        return None
    try:
        match = resolve(urlsplit(href).path)
    except Resolver404:
        return None
    if match.view_name != "articles:detail":
        return None
    return match.kwargs["slug"]


def render_body(text, *, image_ids_by_number=None, article_id_for_slug=None):
    """Render Markdown ``text`` to sanitized HTML with figure and teaser markers.

    ``image_ids_by_number`` maps the numbers editors write in ``[figure N]`` to image ids;
    ``article_id_for_slug`` returns the id of the article at a slug (or None). A figure that
    names no image is dropped; a link that names no article stays an ordinary link.
    """
    image_ids_by_number = image_ids_by_number or {}
    html = sanitize(markdown.markdown(text or "", extensions=["fenced_code", "sane_lists"]))

    def figure(match):
        image_id = image_ids_by_number.get(int(match.group(1)))
        return f"<!--figure:{image_id}-->" if image_id else ""

    def teaser(match):
        slug = _article_slug(match.group(1))
        article_id = article_id_for_slug(slug) if slug and article_id_for_slug else None
        return f"<!--teaser:{article_id}-->" if article_id else match.group(0)

    html = _FIGURE_PARAGRAPH.sub(figure, html)
    return _LINK_PARAGRAPH.sub(teaser, html)


def split_body(html):
    """Yield ``("html", text)``, ``("figure", image_id)`` and ``("teaser", article_id)``."""
    position = 0
    for match in MARKER.finditer(html):
        if match.start() > position:
            yield "html", html[position : match.start()]
        yield match.group(1), int(match.group(2))
        position = match.end()
    if position < len(html):
        yield "html", html[position:]


def marked_ids(html, kind):
    """The ids of every ``kind`` ("figure" or "teaser") marker in ``html``, in order."""
    return [int(i) for k, i in MARKER.findall(html) if k == kind]


def word_count(text):
    return len(re.findall(r"\w+", text or ""))
