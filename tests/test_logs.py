"""Logs: one JSON line per request and per moderation action; no email or comment text."""

import json
import logging

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from comments.models import Comment
from newsroom.logs import JsonFormatter
from tests.comments.factories import comment_form_data, make_comment, make_moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db

EMAIL = "private.reader.7f3a@example.net"
BODY = "Marker body 9c41: the text only the article page may show."


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.INFO, logger="newsroom")
    return caplog


def lines(caplog, logger):
    """The JSON lines ``logger`` wrote, parsed."""
    formatter = JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == logger]


def test_a_request_logs_one_line_with_its_method_path_status_duration_and_address(client, logs):
    article = make_article()

    client.get(article.get_absolute_url() + "?utm_source=newsletter")

    [line] = lines(logs, "newsroom.requests")
    assert line["method"] == "GET"
    assert line["path"] == article.get_absolute_url()
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["duration_ms"] >= 0
    assert line["remote_addr"] == "127.0.0.1"
    assert line["level"] == "INFO"
    assert "time" in line


def test_the_query_string_never_reaches_the_request_log(client, logs):
    client.get(reverse("articles:search"), {"q": "whistleblower-name-1234"})

    [line] = lines(logs, "newsroom.requests")
    assert line["path"] == reverse("articles:search")
    assert "whistleblower" not in logs.text
    assert "whistleblower" not in json.dumps(line)


def test_errors_are_logged_with_their_status(client, logs):
    client.get("/no-such-page/")

    [line] = lines(logs, "newsroom.requests")
    assert line["status"] == 404


def test_the_address_from_the_local_proxy_is_the_readers(client, logs):
    client.get(reverse("healthz"), HTTP_X_REAL_IP="203.0.113.9")

    [line] = lines(logs, "newsroom.requests")
    assert line["remote_addr"] == "203.0.113.9"


def test_a_client_from_outside_cannot_choose_its_address(client, logs):
    client.get(reverse("healthz"), HTTP_X_REAL_IP="203.0.113.9", REMOTE_ADDR="198.51.100.4")
    client.get(reverse("healthz"), HTTP_X_REAL_IP="not an address")

    first, second = lines(logs, "newsroom.requests")
    assert first["remote_addr"] == "198.51.100.4"
    assert second["remote_addr"] == "127.0.0.1"


def test_posting_and_moderating_a_comment_logs_neither_its_email_nor_its_text(client, logs):
    article = make_article()
    response = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_form_data(article, author_email=EMAIL, body=BODY),
    )
    assert response.status_code == 302
    comment = Comment.objects.get(author_email=EMAIL)

    moderator = make_moderator(username="mina")
    client.force_login(moderator)
    queue = reverse("admin:comments_comment_changelist") + "?status=all"
    for action in ["approve", "approve_and_trust", "export_commenters"]:
        client.post(queue, {"action": action, ACTION_CHECKBOX_NAME: [comment.pk], "index": "0"})
    client.post(
        queue,
        {
            "action": "erase_commenters",
            ACTION_CHECKBOX_NAME: [comment.pk],
            "index": "0",
            "confirm": "yes",
        },
    )

    moderation = lines(logs, "newsroom.moderation")
    assert [(line["action"], line["comment_ids"]) for line in moderation] == [
        ("moderate", [comment.pk]),
        ("moderate", []),  # already approved: nothing changed
        ("trust", [comment.pk]),
        ("export", [comment.pk]),
        ("erase", [comment.pk]),
    ]
    assert {line["moderator"] for line in moderation} == {"mina"}
    assert moderation[0]["status"] == "approved"

    everything = "\n".join(JsonFormatter().format(record) for record in logs.records)
    assert len(lines(logs, "newsroom.requests")) == 5
    assert EMAIL not in everything
    assert EMAIL.split("@")[0] not in everything
    assert "9c41" not in everything


def test_changing_a_status_in_the_change_form_logs_one_line(client, logs):
    comment = make_comment(body=BODY, author_email=EMAIL)
    client.force_login(make_moderator(username="omar"))

    response = client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]),
        {"author_name": comment.author_name, "author_url": "", "body": BODY, "status": "spam"},
    )

    assert response.status_code == 302
    [line] = lines(logs, "newsroom.moderation")
    assert line | {"time": None} == {
        "time": None,
        "level": "INFO",
        "logger": "newsroom.moderation",
        "message": f"moderate by omar: comments [{comment.pk}]",
        "action": "moderate",
        "comment_ids": [comment.pk],
        "moderator": "omar",
        "status": "spam",
    }
    assert EMAIL not in logs.text
    assert "9c41" not in logs.text


def test_configured_handlers_write_json_lines():
    handlers = [h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter)]
    assert handlers, "the root logger writes JSON (settings.LOGGING)"
    record = logging.LogRecord("newsroom.requests", logging.INFO, __file__, 1, "hi", (), None)
    record.fields = {"status": 200}
    assert json.loads(handlers[0].format(record))["status"] == 200


def test_approve_and_trust_from_the_default_queue_logs_the_comments_it_approved(client, logs):
    waiting = [make_comment(author_email=EMAIL), make_comment(author_email="b.7f3a@example.net")]
    client.force_login(make_moderator(username="ines"))

    # The queue as it opens: pending comments only, no status in the address.
    client.post(
        reverse("admin:comments_comment_changelist"),
        {
            "action": "approve_and_trust",
            ACTION_CHECKBOX_NAME: [c.pk for c in waiting],
            "index": "0",
        },
    )

    moderation = lines(logs, "newsroom.moderation")
    expected = sorted(c.pk for c in waiting)
    assert [(line["action"], line["comment_ids"]) for line in moderation] == [
        ("moderate", expected),
        ("trust", expected),
    ]
    assert moderation[1]["trusted"] == 2
