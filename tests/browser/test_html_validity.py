"""Every kind of reader page is valid HTML, as the Nu HTML Checker (vnu.jar) sees it.

The pages come from the test client: the checker reads the HTML the server sends, not the DOM
a browser builds from it. Marked `browser` because it needs the npm tools and Java.
"""

import re

import pytest

from tests.factories import make_editor

from .content import INVALID_COMMENT, build_site
from .tools import ARTIFACTS, html_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_reader_pages_have_no_html_errors(client):
    site = build_site()
    pages = {}
    for name, path in site.pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        pages[name] = response
    pages["404"] = client.get(site.missing)
    assert pages["404"].status_code == 404
    pages["comment form with errors"] = client.post(site.comment_url, INVALID_COMMENT)
    assert b"Enter a valid email address." in pages["comment form with errors"].content
    client.force_login(make_editor())
    pages["staff preview"] = client.get(site.scheduled.get_preview_url())
    assert b"preview-banner" in pages["staff preview"].content

    folder = ARTIFACTS / "html"  # kept, to read the lines the errors point at
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, response in pages.items():
        path = folder / (re.sub(r"\W+", "-", name) + ".html")
        path.write_bytes(response.content)
        files.append(path)

    errors = html_errors(files)

    assert not errors, "\n".join(
        f"{name}:\n  " + "\n  ".join(messages) for name, messages in errors.items()
    )
