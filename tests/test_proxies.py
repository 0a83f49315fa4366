"""Headers that name the client (X-Real-IP, X-Forwarded-For) or the scheme (X-Forwarded-Proto)
are believed from the configured proxies only (NEWSROOM_TRUSTED_PROXIES, loopback by default)."""

import pytest
from django.test import RequestFactory

from newsroom.middleware import ProxiedClientAddressMiddleware

pytestmark = pytest.mark.django_db


def seen(peer, **headers):
    """The request as the rest of the site sees it, sent by ``peer`` with ``headers``."""
    request = RequestFactory().get("/", REMOTE_ADDR=peer, headers=headers)
    return ProxiedClientAddressMiddleware(lambda request: request)(request)


def test_the_local_proxy_names_the_reader_and_the_scheme():
    request = seen("127.0.0.1", x_real_ip="203.0.113.9", x_forwarded_proto="https")

    assert request.META["REMOTE_ADDR"] == "203.0.113.9"
    assert request.is_secure()


def test_a_unix_socket_is_the_local_proxy():
    assert seen("", x_real_ip="2001:db8::9").META["REMOTE_ADDR"] == "2001:db8::9"


@pytest.mark.parametrize("peer", ["198.51.100.4", "2001:db8::4", "10.0.0.2"])
def test_a_client_from_elsewhere_cannot_choose_its_address_or_pass_for_https(peer):
    request = seen(
        peer,
        x_real_ip="127.0.0.1",
        x_forwarded_for="127.0.0.1",
        x_forwarded_proto="https",
    )

    assert request.META["REMOTE_ADDR"] == peer
    assert not request.is_secure()
    assert "HTTP_X_REAL_IP" not in request.META
    assert "HTTP_X_FORWARDED_FOR" not in request.META


def test_forwarded_for_names_the_last_address_that_is_not_a_trusted_proxy():
    # The client wrote the first address itself; the proxy appended the one it saw.
    request = seen("127.0.0.1", x_forwarded_for="192.0.2.66, 203.0.113.9, 127.0.0.2")

    assert request.META["REMOTE_ADDR"] == "203.0.113.9"


@pytest.mark.parametrize("header", [{"x_real_ip": "not an address"}, {"x_forwarded_for": ""}])
def test_a_proxy_header_without_an_address_keeps_the_proxys(header):
    assert seen("127.0.0.1", **header).META["REMOTE_ADDR"] == "127.0.0.1"


def test_proxies_in_containers_are_configured_by_network(settings):
    settings.NEWSROOM_TRUSTED_PROXIES = ["172.16.0.0/12", "fd00::/8"]

    assert seen("172.18.0.3", x_real_ip="203.0.113.9").META["REMOTE_ADDR"] == "203.0.113.9"
    assert seen("fd00::3", x_real_ip="203.0.113.10").META["REMOTE_ADDR"] == "203.0.113.10"
    # Loopback is no longer trusted once proxies are configured elsewhere.
    assert seen("127.0.0.1", x_real_ip="203.0.113.9").META["REMOTE_ADDR"] == "127.0.0.1"


def test_a_forged_https_header_from_outside_gets_the_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_a_proxy_setting_that_is_not_an_address_stops_the_start(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "NEWSROOM_DEBUG": "1",
            "NEWSROOM_VAR_DIR": str(tmp_path),
            "NEWSROOM_TRUSTED_PROXIES": "nginx",
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "NEWSROOM_TRUSTED_PROXIES" in result.stderr
