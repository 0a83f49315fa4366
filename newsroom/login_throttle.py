"""Throttling failed admin logins, counted in the database every app process shares
(``safeguards.counters``), so that several workers or servers cannot each allow the whole limit.

Two limits:

* per client and username (``NEWSROOM_LOGIN_FAILURE_LIMIT`` in
  ``NEWSROOM_LOGIN_LOCKOUT_SECONDS``): one guesser is stopped while the account stays open to
  its owner elsewhere, and other accounts stay open to that client;
* per username from everywhere (``NEWSROOM_LOGIN_USERNAME_FAILURE_LIMIT`` in
  ``NEWSROOM_LOGIN_USERNAME_WINDOW_SECONDS``): many addresses guessing one account are stopped
  too. The price: until the window ends, nobody can sign in to that account.

Usernames count as their NFKC, case-folded form: Django's login form normalises with NFKC, so
``ａdmin`` (a fullwidth a) signs in as ``admin`` and must count as ``admin``. Clients count by
``safeguards.addresses.client_block`` (an IPv6 /64 is one client).

Each attempt is counted *before* the password is checked and given back unless it failed:
attempts sent all at once cannot slip past the limits between a check and a count.
"""

import unicodedata

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse

from safeguards import counters
from safeguards.addresses import client_block


def username_key(username):
    return unicodedata.normalize("NFKC", username).strip().casefold()


def limits(request, username):
    """``[(counter key, limit, window in seconds)]`` of a login attempt as ``username``."""
    name = username_key(username)
    client = client_block(request.META.get("REMOTE_ADDR", ""))
    return [
        (
            counters.counter_key("login", client, name),
            settings.NEWSROOM_LOGIN_FAILURE_LIMIT,
            settings.NEWSROOM_LOGIN_LOCKOUT_SECONDS,
        ),
        (
            counters.counter_key("login-username", name),
            settings.NEWSROOM_LOGIN_USERNAME_FAILURE_LIMIT,
            settings.NEWSROOM_LOGIN_USERNAME_WINDOW_SECONDS,
        ),
    ]


def throttled(request, seconds, *, everywhere):
    minutes = max(1, seconds // 60)
    context = {"minutes": minutes, "everywhere": everywhere}
    response = TemplateResponse(request, "admin/login_throttled.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response.render()  # middleware responses are not rendered for us


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or request.path != reverse("admin:login"):
            return self.get_response(request)
        attempt = limits(request, request.POST.get("username", ""))
        for key, limit, seconds in attempt:
            if counters.hit(key, window=seconds) > limit:
                return throttled(request, seconds, everywhere=key == attempt[1][0])
        response = self.get_response(request)
        if response.status_code == 200:  # the form came back: wrong username or password
            return response
        (pair, *_), (account, *_) = attempt
        counters.give_back(account)
        if response.status_code == 302:
            counters.clear(pair)  # signed in: this client's failures are forgiven
        else:
            counters.give_back(pair)  # no password was checked (a refused CSRF token)
        return response
