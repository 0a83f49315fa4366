"""The header and footer of every public page, kept in the page cache as made: readers past the
page cache (staff, a reader with a pending comment, the first reader after a change) get them
without their templates being rendered again.

    {% load site_chrome %}
    {% site_header %}
    {% site_footer %}

Each is kept once per language (and time zone, for the footer's months) until the menu, the
archive's months or the site's pages change. The one link marked as the current page is part
of what is kept: a page that is itself in the menu or the footer has a copy of its own.
"""

import hashlib
from datetime import datetime
from typing import NamedTuple

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pagecache import fragment, keep_until
from pages.dependencies import site_pages

from ..site_lists import site_lists

register = template.Library()

HEADER = "includes/site_header.html"
FOOTER = "includes/site_footer.html"


class Chrome(NamedTuple):
    html: str
    links: frozenset  # the addresses it links to that can be the current page


@register.simple_tag(takes_context=True)
def site_header(context):
    return _kept(context, "site-header", HEADER, _header_context)


@register.simple_tag(takes_context=True)
def site_footer(context):
    return _kept(context, "site-footer", FOOTER, _footer_context)


def _kept(context, name, template_name, make_context):
    request = context.get("request")
    if request is None:
        # An error page rendered without a request (500): nothing read, nothing kept.
        return render_to_string(template_name, context.flatten())
    site_name = hashlib.md5(settings.NEWSROOM_SITE_NAME.encode(), usedforsecurity=False)
    where = ":".join(
        [name, get_language() or "", timezone.get_current_timezone_name(), site_name.hexdigest()]
    )

    def make(current_path):
        values = make_context(current_path)
        html = render_to_string(template_name, values)
        return Chrome(html=html, links=values["links"])

    chrome = fragment(where, lambda: make(""))
    if request.path in chrome.links:
        chrome = fragment(f"{where}:{request.path}", lambda: make(request.path))
    return mark_safe(chrome.html)  # rendered by a template that escapes what editors typed


def _header_context(current_path):
    sections = site_lists().sections
    links = [(section.name, section.get_absolute_url()) for section in sections]
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "nav_links": links,
        "current_path": current_path,
        "links": frozenset(url for _name, url in links),
    }


def _footer_context(current_path):
    lists = site_lists()
    keep_until(lists.valid_until)  # a month that joins the archive by itself
    now = timezone.localtime()
    keep_until(datetime(now.year + 1, 1, 1, tzinfo=now.tzinfo))  # the copyright's year
    footer = site_pages().footer
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "archive_months": lists.archive_months,
        "footer_pages": footer,
        "year": now.year,
        "current_path": current_path,
        "links": frozenset(url for _title, url in footer),
    }
