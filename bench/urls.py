"""The site's URLs, a ceiling page, and static and media files for the page-weight browser.

The ceiling is the fastest page Django can answer through the site's middleware: 30 KB of HTML
built once at import, no template, no query, and never a copy from the page cache. Other pages'
requests per second are read as a fraction of it.

Production leaves static files and media to nginx; the browser that weighs the article page
talks to gunicorn alone, so the files are served here, after every route of the site.
"""

import re

from django.conf import settings
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.static import serve

CEILING_BYTES = 30 * 1024


def _ceiling_page(size):
    head = '<!doctype html>\n<html lang="en">\n<head><title>Ceiling</title></head>\n<body>\n'
    paragraph = (
        "<p>The ceiling page holds static text of the size of an article page, so that its "
        "speed is what Django and the middleware cost on their own.</p>\n"
    )
    tail = "</body>\n</html>\n"
    room = size - len(head) - len(tail)
    body = paragraph * (room // len(paragraph))
    return (head + body + " " * (room - len(body)) + tail).encode("ascii")


CEILING_PAGE = _ceiling_page(CEILING_BYTES)


@never_cache
def ceiling(request):
    return HttpResponse(CEILING_PAGE, content_type="text/html; charset=utf-8")


def _files(url, root):
    return re_path(rf"^{re.escape(url.lstrip('/'))}(?P<path>.*)$", serve, {"document_root": root})


urlpatterns = [
    path("bench/ceiling/", ceiling, name="bench_ceiling"),
    path("", include("newsroom.urls")),
    _files(settings.STATIC_URL, settings.STATIC_ROOT),
    _files(settings.MEDIA_URL, settings.MEDIA_ROOT),
]
