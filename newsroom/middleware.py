"""Project-wide middleware: the reader's address behind the local proxy, the request log, and
the security headers Django has no setting for."""

import contextlib
import ipaddress
import logging
import time

from django.conf import settings

request_log = logging.getLogger("newsroom.requests")


def _is_local_proxy(address):
    """Whether ``address`` is the proxy on this machine: loopback, or a unix socket (empty)."""
    if not address:
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class ProxiedClientAddressMiddleware:
    """Behind nginx on the same machine, every request comes from 127.0.0.1 (or a unix socket),
    so flood control, login throttling and the logs would see one client. nginx passes the
    reader's address in ``X-Real-IP`` (deploy/nginx/newsroom.conf); it is believed only from a
    local proxy, never from a client that connects directly."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forwarded = request.headers.get("X-Real-IP", "").strip()
        if forwarded and _is_local_proxy(request.META.get("REMOTE_ADDR", "")):
            with contextlib.suppress(ValueError):  # not an address: keep the proxy's
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(forwarded))
        return self.get_response(request)


class RequestLogMiddleware:
    """One line per request on the ``newsroom.requests`` logger: method, path (never the query
    string, which may hold search terms), status, duration and the client's address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        fields = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "remote_addr": request.META.get("REMOTE_ADDR", ""),
        }
        request_log.info("%(method)s %(path)s %(status)s", fields, extra={"fields": fields})
        return response


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` on every response (settings.PERMISSIONS_POLICY): a news site
    needs no camera, microphone or position, and neither may anything it ever embeds."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response
