"""Pages a commenter opens from our emails, and the "your comments and your data" request.

Every page here is personal or acts on a link: none is ever cached (``never_cache``). A GET
never changes anything (mail scanners open links); a POST does. A link that is altered, too old
or already used gets a page saying what to do next.
"""

import json

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import data_requests, links, replies, trust
from .commenter_forms import DataRequestForm, EraseForm
from .commenter_models import CommenterAddress, ReplySubscription
from .models import Comment

ACCESS_COOKIE = "newsroom_your_data"
ACCESS_PATH = "/comments/your-data/"


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def bad_link(request, error, *, ask_again=False):
    """The page for a link that opens nothing, saying why and what to do."""
    if isinstance(error, data_requests.UsedLink):
        problem, status = "used", 410
    elif isinstance(error, links.ExpiredLink):
        problem, status = "expired", 410
    else:
        problem, status = "broken", 400
    context = {"problem": problem, "ask_again": ask_again}
    return render(request, "comments/commenters/bad_link.html", context, status=status)


def done(request, template):
    return render(request, f"comments/commenters/{template}.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        pk = links.read(links.CONFIRM, token, max_age=links.confirm_max_age())
        address = CommenterAddress.objects.filter(pk=pk).first()
        if address is None:
            raise links.BadLink
    except links.BadLink as error:
        return bad_link(request, error)
    if request.method == "GET":
        return render(request, "comments/commenters/confirm.html", {"address": address})
    if not replies.confirm(address):
        return bad_link(request, data_requests.UsedLink())
    response = redirect("comments:confirmed")
    # The link proves this browser's owner holds the address: its comments are this browser's
    # own (comments/trust.py), those approved now and those approved later alike.
    own = (
        Comment.objects.by_email(address.email)
        .not_erased()
        .order_by("-created_at")
        .values_list("pk", flat=True)[: trust.KEPT]
    )
    if own:
        trust.grant(response, request, list(reversed(own)))
    return response


def _unsubscribe(request, token, kind, act, exists):
    try:
        pk = links.read(kind, token)
    except links.BadLink as error:
        return bad_link(request, error)
    if request.method == "GET":
        template = "unsubscribe_thread" if kind == links.UNSUBSCRIBE_THREAD else "unsubscribe_all"
        return render(request, f"comments/commenters/{template}.html", {"still": exists(pk)})
    act(pk)
    # One-click from a mail provider (RFC 8058) takes any 2xx; a person sees where they are.
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return HttpResponse(status=204)
    return redirect("comments:unsubscribed")


# RFC 8058: the mail provider POSTs to the link itself, with no page and no token of ours.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_thread(request, token):
    return _unsubscribe(
        request,
        token,
        links.UNSUBSCRIBE_THREAD,
        replies.unsubscribe_thread,
        lambda pk: ReplySubscription.objects.filter(pk=pk).exists(),
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_all(request, token):
    return _unsubscribe(
        request,
        token,
        links.UNSUBSCRIBE_ALL,
        replies.stop_all,
        lambda pk: ReplySubscription.objects.filter(address_id=pk).exists(),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def your_data(request):
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if data_requests.is_limited(email, request.META.get("REMOTE_ADDR", "")):
            context = {"form": form, "limited": True}
            return render(request, "comments/commenters/your_data.html", context, status=429)
        data_requests.request_link(email, base_url=base_url(request))
        return redirect("comments:your-data-sent")
    return render(request, "comments/commenters/your_data.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def your_data_open(request, token):
    if request.method == "GET":
        try:
            links.read(links.DATA, token, max_age=links.data_max_age())
        except links.BadLink as error:
            return bad_link(request, error, ask_again=True)
        return render(request, "comments/commenters/your_data_open.html")
    try:
        data_request = data_requests.open_link(token)
    except links.BadLink as error:
        return bad_link(request, error, ask_again=True)
    response = redirect("comments:your-data-mine")
    response.set_cookie(
        ACCESS_COOKIE,
        data_requests.access_value(data_request),
        max_age=data_requests.ACCESS_SECONDS,
        path=ACCESS_PATH,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


def opened(view):
    """Views of the page a data link opened: without it (or once it closed), what to do."""

    def wrapped(request):
        data_request = data_requests.opened_request(request.COOKIES.get(ACCESS_COOKIE))
        if data_request is None or not data_request.email:
            return bad_link(request, links.ExpiredLink(), ask_again=True)
        return view(request, data_request.email)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return never_cache(wrapped)


def _mine(request, email, erase_form, status=200):
    context = {
        "comments": data_requests.comments_of(email),
        "subscriptions": ReplySubscription.objects.filter(address__email=email).count(),
        "erase_form": erase_form,
    }
    return render(request, "comments/commenters/your_data_mine.html", context, status=status)


@opened
def your_data_mine(request, email):
    """Every comment written with the email, with its status, and what can be done."""
    return _mine(request, email, EraseForm())


@require_POST
@opened
def your_data_download(request, email):
    data = data_requests.export(email, base_url=base_url(request))
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    filename = f"my-comments-{timezone.now():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@opened
def your_data_erase(request, email):
    form = EraseForm(request.POST)
    if not form.is_valid():
        return _mine(request, email, form, status=400)
    data_requests.erase(email)
    response = redirect("comments:your-data-erased")
    response.delete_cookie(ACCESS_COOKIE, path=ACCESS_PATH, samesite="Lax")
    return response


@require_POST
@opened
def your_data_stop(request, email):
    data_requests.stop_emails(email)
    return redirect("comments:your-data-stopped")


def _page(template):
    return never_cache(lambda request: done(request, template))


confirmed = _page("confirmed")
unsubscribed = _page("unsubscribed")
your_data_sent = _page("your_data_sent")
your_data_erased = _page("your_data_erased")
your_data_stopped = _page("your_data_stopped")
