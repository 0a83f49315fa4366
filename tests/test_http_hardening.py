"""HTTP hardening: security headers and Permissions-Policy on every response, a 400 page for
hosts the site does not serve, and no inline script or style (Content-Security-Policy)."""

import logging

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/admin/login/"])
def test_security_headers_on_public_pages_and_the_admin(client, url):
    response = client.get(url, secure=True)

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp
    script_src = next(part for part in csp.split(";") if "script-src" in part)
    assert "unsafe-inline" not in script_src
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert_features_denied(response)


def assert_features_denied(response):
    policy = {
        rule.split("=")[0].strip(): rule.split("=")[1].strip()
        for rule in response["Permissions-Policy"].split(",")
    }
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert policy[feature] == "()", feature


def test_static_files_and_errors_carry_the_permissions_policy_too(client):
    client.raise_request_exception = False
    for url in ["/static/css/newsroom.css", "/no/such/page/"]:
        assert_features_denied(client.get(url))


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/"), ("get", "/no/such/page/"), ("post", "/admin/login/"), ("get", "/feed/")],
)
def test_a_host_the_site_does_not_serve_gets_a_400_page_without_a_traceback(
    client, caplog, method, path
):
    client.raise_request_exception = False

    response = getattr(client, method)(path, HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert "This request could not be understood" in response.content.decode()
    assert "attacker.example" not in response.content.decode()
    assert not [record for record in caplog.records if record.exc_info]
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_pages_have_no_inline_scripts_or_styles(client):
    article = make_article()

    for url in ["/", article.get_absolute_url(), "/admin/login/"]:
        html = client.get(url).content.decode()
        scripts = html.split("<script")[1:]
        assert all(
            ' src="' in tag.split(">")[0] or 'type="application/ld+json"' in tag.split(">")[0]
            for tag in scripts
        ), url
        assert " style=" not in html, url
