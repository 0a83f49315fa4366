"""Project-wide middleware: the reader's address behind the local proxy, the request log, and
the security headers Django has no setting for."""

import logging
import time

from django.conf import settings

from safeguards import addresses

request_log = logging.getLogger("newsroom.requests")


# What a client could claim about itself; believed from trusted proxies only.
FORWARDING_HEADERS = ("HTTP_X_REAL_IP", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO")


class ProxiedClientAddressMiddleware:
    """Behind nginx every request comes from nginx, so flood control, login throttling and the
    logs would see one client. nginx names the reader in ``X-Real-IP`` (and
    ``X-Forwarded-For``) and the scheme in ``X-Forwarded-Proto`` (deploy/nginx/newsroom.conf).

    Those headers are believed only from ``NEWSROOM_TRUSTED_PROXIES`` (loopback by default) or
    a unix socket, and removed from any other request before anything reads them: a client
    that reaches gunicorn directly can neither pick its address nor pass for HTTPS.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = addresses.networks(settings.NEWSROOM_TRUSTED_PROXIES)

    def __call__(self, request):
        meta = request.META
        peer = meta.get("REMOTE_ADDR", "")
        if peer and not addresses.is_in(peer, self.trusted):
            for header in FORWARDING_HEADERS:
                meta.pop(header, None)
        else:  # a trusted proxy, or a unix socket (empty address): only local processes
            client = self.client_address(meta)
            if client is not None:
                meta["REMOTE_ADDR"] = str(client)
        return self.get_response(request)

    def client_address(self, meta):
        """``X-Real-IP``, else the last address of ``X-Forwarded-For`` that is not a trusted
        proxy (the ones before it were written by the client and prove nothing)."""
        real_ip = addresses.parse_address(meta.get("HTTP_X_REAL_IP", ""))
        if real_ip is not None:
            return real_ip
        chain = [hop for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        for hop in reversed(chain):
            if not addresses.is_in(hop, self.trusted):
                return addresses.parse_address(hop)
        return None


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
