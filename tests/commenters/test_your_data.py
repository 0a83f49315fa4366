"""Your comments and your data: the request, the single-use link, the list, export, erase, stop."""

import contextlib
import json
import logging
import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail, signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from comments import privacy
from comments.models import Comment, CommenterAddress, DataRequest, ReplySubscription
from pages.models import Page
from tests.comments.factories import make_comment
from tests.factories import make_article

from .helpers import link_to, sent_to

pytestmark = pytest.mark.django_db

ADA = "ada@example.net"
SENT = "If comments were posted with this address, we sent a link to it."


def without_tokens(response, email):
    """The page, less its per-request CSRF token and the email typed in."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return page.replace(email, "EMAIL")


def ask(client, email, capture):
    with capture(execute=True):
        response = client.post(reverse("comments:your-data"), {"email": email}, follow=True)
    return response


def open_page(client, capture):
    """Ask for Ada's link, follow it and open the page; the page's response."""
    ask(client, ADA, capture)
    link = link_to(sent_to(ADA)[-1], "/comments/your-data/open/")
    return client.post(link, follow=True)


@pytest.fixture
def ada_comments():
    article = make_article()
    approved = make_comment(article, author_email=ADA, status=Comment.Status.APPROVED)
    pending = make_comment(article, author_email="Ada@Example.net", body="Still waiting.")
    reply = make_comment(article, parent=approved, status=Comment.Status.APPROVED)
    return approved, pending, reply


def test_the_page_is_linked_from_the_comment_form_and_the_privacy_policy(client):
    article = make_article()
    Page.objects.create(title="Privacy", slug="privacy", body="Data.", role=Page.Role.PRIVACY)
    url = reverse("comments:your-data")
    assert f'href="{url}"' in client.get(article.get_absolute_url()).content.decode()
    assert f'href="{url}"' in client.get("/privacy/").content.decode()


def test_the_answer_is_the_same_whether_the_address_commented_or_not(
    client, ada_comments, django_capture_on_commit_callbacks
):
    known = ask(client, ADA, django_capture_on_commit_callbacks)
    unknown = ask(client, "nobody@example.net", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 200
    assert SENT in known.content.decode()
    assert known.content == unknown.content
    assert len(sent_to(ADA)) == 1
    assert sent_to("nobody@example.net") == []


def test_requests_are_limited_per_address(
    client, ada_comments, django_capture_on_commit_callbacks, settings
):
    for _n in range(settings.COMMENTS_DATA_REQUEST_LIMIT):
        assert ask(client, ADA, django_capture_on_commit_callbacks).status_code == 200
    refused = ask(client, ADA, django_capture_on_commit_callbacks)
    assert refused.status_code == 429
    assert len(sent_to(ADA)) == settings.COMMENTS_DATA_REQUEST_LIMIT
    # An unknown address is refused alike: the limit tells nothing.
    for _n in range(settings.COMMENTS_DATA_REQUEST_LIMIT):
        ask(client, "nobody@example.net", django_capture_on_commit_callbacks)
    other = ask(client, "nobody@example.net", django_capture_on_commit_callbacks)
    assert without_tokens(other, "nobody@example.net") == without_tokens(refused, ADA)


def test_requests_are_limited_per_client_address(
    client, django_capture_on_commit_callbacks, settings
):
    for n in range(settings.COMMENTS_DATA_REQUEST_IP_LIMIT):
        ask(client, f"reader{n}@example.net", django_capture_on_commit_callbacks)
    refused = ask(client, "one-more@example.net", django_capture_on_commit_callbacks)
    assert refused.status_code == 429


def test_a_bad_email_gets_a_message_and_keeps_what_was_typed(client):
    response = client.post(reverse("comments:your-data"), {"email": "not an address"})
    assert response.status_code == 200
    assert 'value="not an address"' in response.content.decode()
    assert "Enter a valid email address." in response.content.decode()


def test_the_link_get_shows_a_page_and_uses_nothing(
    client, ada_comments, django_capture_on_commit_callbacks
):
    ask(client, ADA, django_capture_on_commit_callbacks)
    link = link_to(sent_to(ADA)[0], "/comments/your-data/open/")
    assert client.get(link).status_code == 200
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302


def test_the_opened_page_lists_every_comment_with_its_status(
    client, ada_comments, django_capture_on_commit_callbacks
):
    approved, pending, reply = ada_comments
    page = open_page(client, django_capture_on_commit_callbacks).content.decode()
    assert approved.body in page and pending.body in page
    assert reply.body not in page
    assert "Approved" in page and "Pending" in page


def test_the_link_works_once(client, ada_comments, django_capture_on_commit_callbacks):
    ask(client, ADA, django_capture_on_commit_callbacks)
    link = link_to(sent_to(ADA)[0], "/comments/your-data/open/")
    client.post(link)
    again = client.__class__().post(link)
    assert again.status_code == 410
    assert b"already used" in again.content
    assert b"Ask for a new link" in again.content


def test_an_expired_link_says_to_ask_again(
    client, ada_comments, django_capture_on_commit_callbacks, settings
):
    ask(client, ADA, django_capture_on_commit_callbacks)
    link = link_to(sent_to(ADA)[0], "/comments/your-data/open/")
    with time_machine.travel(
        timezone.now() + timedelta(hours=settings.COMMENTS_DATA_LINK_HOURS + 1)
    ):
        response = client.post(link)
    assert response.status_code == 410
    assert b"too old" in response.content


def test_the_page_without_its_link_says_what_to_do(client):
    response = client.get(reverse("comments:your-data-mine"))
    assert response.status_code == 410
    assert b"Ask for a new link" in response.content


def test_the_download_is_the_staff_export(
    client, ada_comments, django_capture_on_commit_callbacks, caplog
):
    open_page(client, django_capture_on_commit_callbacks)
    with caplog.at_level(logging.INFO, logger="newsroom.moderation"):
        response = client.post(reverse("comments:your-data-download"))
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content) == privacy.export_comments(
        ADA, base_url="http://testserver"
    )
    (record,) = [r for r in caplog.records if r.name == "newsroom.moderation"]
    assert record.fields["action"] == "export"
    assert ADA not in record.getMessage().lower() and "ada" not in str(record.fields).lower()


def test_erasing_removes_everything_and_keeps_threads(
    client, ada_comments, django_capture_on_commit_callbacks, caplog
):
    approved, pending, reply = ada_comments
    CommenterAddress.objects.create(email=ADA)
    open_page(client, django_capture_on_commit_callbacks)
    refused = client.post(reverse("comments:your-data-erase"))
    assert refused.status_code == 400
    assert not Comment.objects.filter(erased_at__isnull=False).exists()
    with caplog.at_level(logging.INFO, logger="newsroom.moderation"):
        response = client.post(reverse("comments:your-data-erase"), {"sure": "on"}, follow=True)
    assert response.status_code == 200
    assert not Comment.objects.by_email(ADA).exists()
    approved.refresh_from_db()
    assert approved.is_erased and approved.body == "" and approved.author_email == ""
    reply.refresh_from_db()
    assert reply.parent_id == approved.pk and not reply.is_erased
    assert not CommenterAddress.objects.exists()
    (record,) = [r for r in caplog.records if r.name == "newsroom.moderation"]
    assert record.fields["action"] == "erase"
    assert sorted(record.fields["comment_ids"]) == sorted([approved.pk, pending.pk])
    assert "ada" not in record.getMessage().lower()
    # The page closes with the erasure.
    assert client.get(reverse("comments:your-data-mine")).status_code == 410


def test_stop_all_emails_ends_every_subscription(
    client, ada_comments, django_capture_on_commit_callbacks
):
    approved, _pending, _reply = ada_comments
    address = CommenterAddress.objects.create(email=ADA, confirmed_at=timezone.now())
    ReplySubscription.objects.create(address=address, comment=approved)
    open_page(client, django_capture_on_commit_callbacks)
    client.post(reverse("comments:your-data-stop"))
    assert not ReplySubscription.objects.exists()
    assert Comment.objects.by_email(ADA).count() == 2


def test_the_data_email_carries_no_address_in_its_link(
    client, ada_comments, django_capture_on_commit_callbacks
):
    ask(client, ADA, django_capture_on_commit_callbacks)
    (message,) = sent_to(ADA)
    assert "ada" not in link_to(message, "/comments/your-data/open/").lower()
    assert mail.outbox[0].alternatives[0].mimetype == "text/html"


def test_a_request_for_an_unknown_address_keeps_nothing(
    client, django_capture_on_commit_callbacks
):
    ask(client, "nobody@example.net", django_capture_on_commit_callbacks)
    assert not DataRequest.objects.exists()
    assert mail.outbox == []


def test_the_answer_is_sent_before_any_email_so_its_time_tells_nothing(
    ada_comments, django_capture_on_commit_callbacks
):
    """With the immediate task backend (the default), the link is mailed once the answer has
    gone: a known address is answered as fast as an unknown one."""
    secret = "s" * 32  # a CSRF cookie and its token, as the form's page gives them
    environ = (
        RequestFactory()
        .post(
            reverse("comments:your-data"),
            {"email": ADA, "csrfmiddlewaretoken": secret},
            HTTP_COOKIE=f"{settings.CSRF_COOKIE_NAME}={secret}",
        )
        .environ
    )
    handler = WSGIHandler()

    with django_capture_on_commit_callbacks(execute=True), keeping_the_tests_connection():
        response = handler(environ, lambda status, headers: None)

    assert response.status_code == 302
    assert sent_to(ADA) == []
    with keeping_the_tests_connection():
        response.close()  # the server has sent the answer
    assert len(sent_to(ADA)) == 1


@contextlib.contextmanager
def keeping_the_tests_connection():
    """As Django's test client does: a request through the handler must not close the
    database connection that holds the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
