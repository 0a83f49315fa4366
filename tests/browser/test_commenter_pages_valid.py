"""Commenters' pages and the HTML part of their emails are valid HTML (Nu HTML Checker), and
the pages pass axe-core's WCAG A/AA rules."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comments import links
from comments.models import Comment, CommenterAddress, ReplySubscription
from tests.comments.factories import make_comment

from .tools import ARTIFACTS, LIVE_SERVER_DB, axe_violations, html_errors

pytestmark = pytest.mark.browser

ADA = "ada@example.net"


def commenter_rows():
    comment = make_comment(author_email=ADA, status=Comment.Status.APPROVED)
    address = CommenterAddress.objects.create(email=ADA, confirmed_at=timezone.now())
    subscription = ReplySubscription.objects.create(address=address, comment=comment)
    return comment, address, subscription


def pages_of(client, django_capture_on_commit_callbacks):
    _comment, address, subscription = commenter_rows()
    pages = {
        "confirm": client.get(links.confirm_url("", address.pk)),
        "unsubscribe": client.get(links.unsubscribe_thread_url("", subscription.pk)),
        "unsubscribe all": client.get(links.unsubscribe_all_url("", address.pk)),
        "broken link": client.get("/comments/confirm/broken/"),
        "your data": client.get(reverse("comments:your-data")),
        "your data, bad email": client.post(reverse("comments:your-data"), {"email": "x"}),
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("comments:your-data"), {"email": ADA})
    (url,) = re.findall(r"http://testserver(/comments/your-data/open/\S+)", mail.outbox[-1].body)
    pages["your data link"] = client.get(url)
    client.post(url)
    pages["your comments"] = client.get(reverse("comments:your-data-mine"))
    for name in ["confirmed", "unsubscribed", "your-data-sent", "your-data-erased"]:
        pages[name] = client.get(reverse(f"comments:{name}"))
    return pages


@pytest.mark.django_db
def test_commenter_pages_and_email_html_have_no_html_errors(
    client, django_capture_on_commit_callbacks
):
    pages = {
        name: response.content
        for name, response in pages_of(client, django_capture_on_commit_callbacks).items()
    }
    for message in mail.outbox:
        pages[f"email {message.subject}"] = message.alternatives[0].content.encode()
    folder = ARTIFACTS / "html"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, content in pages.items():
        path = folder / ("commenters-" + re.sub(r"\W+", "-", name) + ".html")
        path.write_bytes(content)
        files.append(path)
    errors = html_errors(files)
    assert not errors, "\n".join(f"{name}:\n  " + "\n  ".join(m) for name, m in errors.items())


@LIVE_SERVER_DB
def test_commenter_pages_have_no_wcag_a_or_aa_violations(new_context):
    _comment, address, subscription = commenter_rows()
    page = new_context().new_page()
    violations = {}
    for path in [
        links.confirm_url("", address.pk),
        links.unsubscribe_thread_url("", subscription.pk),
        "/comments/confirm/broken/",
        reverse("comments:your-data"),
        reverse("comments:your-data-sent"),
    ]:
        page.goto(path)
        violations[path] = axe_violations(page)
    assert not any(violations.values()), violations
