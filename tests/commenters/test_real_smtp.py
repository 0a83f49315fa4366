"""Through a real SMTP server started here (aiosmtpd): the messages as a mail client gets them,
their links followed end to end, and a server that is down delays emails but loses none."""

import email
import email.policy
import re
import socket
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from comments.models import Comment, CommenterAddress, ReplySubscription
from tests.comments.factories import make_comment
from tests.factories import make_article

from .helpers import approve, post

pytestmark = pytest.mark.django_db

ADA = "ada@example.net"


class Inbox:
    """An aiosmtpd handler keeping what it receives, as parsed messages."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def smtp_to(settings, port):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    smtp_to(settings, controller.port)
    yield handler
    controller.stop()


def parts(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def path_of(text, marker):
    (url,) = [u for u in re.findall(r"https?://\S+", text) if marker in u]
    return urlsplit(url).path


def test_confirm_then_notify_then_unsubscribe_through_a_real_mail_server(
    client, inbox, django_capture_on_commit_callbacks
):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(client, article, author_email=ADA, notify_replies="on")
    ((to, confirmation),) = inbox.messages
    assert to == [ADA]
    assert confirmation["Subject"] == "Confirm your email address"
    text, html = parts(confirmation)
    link = path_of(text, "/comments/confirm/")
    assert f'href="http://testserver{link}"' in html

    page = client.get(link)
    assert page.status_code == 200 and not CommenterAddress.objects.confirmed().exists()
    assert client.post(link).status_code == 302
    assert CommenterAddress.objects.confirmed().count() == 1

    approve(comment)
    reply = make_comment(article, parent=comment, author_name="Bob", body="Here is why.")
    with django_capture_on_commit_callbacks(execute=True):
        approve(reply)
    to, notification = inbox.messages[-1]
    assert to == [ADA]
    assert notification["Subject"] == "Bob replied to your comment"
    assert notification["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = parts(notification)
    assert "Here is why." in text and "Here is why." in html
    assert f"http://testserver{reply.get_absolute_url()}" in text
    one_click = urlsplit(notification["List-Unsubscribe"].strip("<>")).path
    assert one_click == path_of(text, "/comments/unsubscribe/")

    assert client.get(one_click).status_code == 200
    assert ReplySubscription.objects.exists()
    response = client.post(one_click, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 204
    assert not ReplySubscription.objects.exists()


def test_a_mail_server_that_is_down_delays_the_email_and_loses_no_comment(
    client, settings, django_capture_on_commit_callbacks
):
    port = free_port()  # nobody listens there yet
    smtp_to(settings, port)
    settings.NEWSROOM_SITE_URL = "https://news.example"
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(client, make_article(), author_email=ADA, notify_replies="on")
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert CommenterAddress.objects.get().confirmation_due

    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        call_command("commenter_upkeep", stdout=open("/dev/null", "w"))  # noqa: SIM115
    finally:
        controller.stop()
    ((to, confirmation),) = handler.messages
    assert to == [ADA]
    assert "https://news.example/comments/confirm/" in parts(confirmation)[0]
    assert not CommenterAddress.objects.get().confirmation_due


class RefusingInbox(Inbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return f"550 No such user: {address}"


def test_a_refused_recipient_is_logged_without_its_address(
    client, settings, django_capture_on_commit_callbacks, caplog
):
    controller = Controller(RefusingInbox(), hostname="127.0.0.1", port=free_port())
    controller.start()
    smtp_to(settings, controller.port)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            post(client, make_article(), author_email=ADA, notify_replies="on")
    finally:
        controller.stop()
    assert CommenterAddress.objects.get().confirmation_due  # still due: tried again later
    logged = "\n".join(
        f"{record.getMessage()} {record.exc_text or ''} {record.exc_info or ''}"
        for record in caplog.records
    )
    assert "Could not send the confirmation" in logged
    assert "ada" not in logged.lower()
