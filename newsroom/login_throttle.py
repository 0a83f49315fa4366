"""Throttling failed admin logins, per IP address and username, in the cache (Redis when
configured, so every app server counts together).

Counting the pair, not the address alone nor the account alone, keeps an attacker from
locking everyone out: another account from that address, or that account from another
address, can still sign in.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.urls import reverse


def _key(request, username):
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{address}\n{username.strip().lower()}".encode()).hexdigest()
    return f"newsroom:login-failures:{digest}"


def failures(request, username):
    return cache.get(_key(request, username), 0)


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or request.path != reverse("admin:login"):
            return self.get_response(request)
        username = request.POST.get("username", "")
        if failures(request, username) >= settings.NEWSROOM_LOGIN_FAILURE_LIMIT:
            minutes = max(1, settings.NEWSROOM_LOGIN_LOCKOUT_SECONDS // 60)
            response = TemplateResponse(
                request, "admin/login_throttled.html", {"minutes": minutes}, status=429
            )
            response["Retry-After"] = str(settings.NEWSROOM_LOGIN_LOCKOUT_SECONDS)
            return response.render()  # middleware responses are not rendered for us
        response = self.get_response(request)
        key = _key(request, username)
        if response.status_code == 200:  # the form came back: wrong username or password
            cache.add(key, 0, timeout=settings.NEWSROOM_LOGIN_LOCKOUT_SECONDS)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=settings.NEWSROOM_LOGIN_LOCKOUT_SECONDS)
        elif response.status_code == 302:
            cache.delete(key)
        return response
