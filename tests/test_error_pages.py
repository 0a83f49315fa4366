"""Error pages: styled like the site, never a traceback."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (400, "This request could not be understood"),
        (403, "You may not see this page"),
        (404, "Page not found"),
        (500, "Something went wrong"),
    ],
)
def test_error_pages_are_styled_and_show_no_traceback(client, status, text):
    from django.template.loader import render_to_string

    html = render_to_string(f"{status}.html")

    assert text in html
    assert "newsroom.css" in html
    assert "Traceback" not in html


def test_server_error_response_uses_the_styled_page(client, monkeypatch):
    from articles import views

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views.HomeView, "get", explode)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret internals" not in body and "Traceback" not in body
