"""post_comment(): each moderation rule, through the database, gives a status and a reason."""

from urllib.parse import parse_qs

import httpx
import pytest

from comments import spam_check
from comments.models import Comment, ModerationTerm, TrustedCommenter
from comments.senders import sender_hash
from comments.services import post_comment
from pagecache.renewals import Renewal
from tests.comments.factories import make_comment
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

Status = Comment.Status
Reason = Comment.Reason

THREE_LINKS = "https://a.example https://b.example https://c.example"


def post(article=None, **fields):
    """A first-time reader's comment, sent a minute after the form was rendered."""
    fields.setdefault("name", "Ada Reader")
    fields.setdefault("email", "ada@example.net")
    fields.setdefault("url", "")
    fields.setdefault("body", "Thanks for this article.")
    fields.setdefault("form_age", 60.0)
    fields.setdefault("ip", "203.0.113.7")
    fields.setdefault("user_agent", "Mozilla/5.0 (test)")
    return post_comment(article=article or make_article(), **fields)


def approved_comment(email, article=None):
    return make_comment(article, author_email=email, status=Status.APPROVED)


def test_first_time_commenter_is_held_with_the_reason():
    comment = post()

    comment.refresh_from_db()
    assert (comment.status, comment.reason) == (Status.PENDING, Reason.FIRST_TIME)


def test_comment_is_stored_with_what_moderators_need():
    article = make_article()

    comment = post(
        article,
        name="Ada Reader",
        email="  ada@example.net ",
        url="https://ada.example",
        body="Line one\nwww.example.org",
        ip="198.51.100.4",
        user_agent="x" * 600,
    )

    comment.refresh_from_db()
    assert comment.article == article
    assert comment.author_email == "ada@example.net"
    assert comment.author_url == "https://ada.example"
    assert comment.sender_hash == sender_hash("198.51.100.4")
    assert len(comment.user_agent) == 500
    assert comment.body_html.startswith("<p>Line one<br><a href=")
    assert comment.user is None and not comment.is_staff_reply


def test_returning_commenter_is_approved_at_once(settings):
    settings.COMMENTS_TRUST_RETURNING = True
    earlier = approved_comment("ada@example.net")

    comment = post(email="ADA@Example.NET", proven_ids=[earlier.pk])

    assert (comment.status, comment.reason) == (Status.APPROVED, Reason.RETURNING)


def test_returning_commenter_waits_when_trusting_them_is_off(settings):
    settings.COMMENTS_TRUST_RETURNING = False
    approved_comment("ada@example.net")

    comment = post(email="ada@example.net")

    assert (comment.status, comment.reason) == (Status.PENDING, Reason.FIRST_TIME)


@pytest.mark.parametrize("status", [Status.PENDING, Status.SPAM, Status.REMOVED])
def test_only_an_approved_earlier_comment_makes_a_returning_commenter(status):
    earlier = approved_comment("ada@example.net")
    earlier.status = status
    earlier.save()

    assert post(email="ada@example.net").status == Status.PENDING


def test_trusted_commenter_is_approved(settings):
    settings.COMMENTS_TRUST_RETURNING = False
    TrustedCommenter.objects.create(email="Ada@Example.net")
    earlier = approved_comment("ada@example.net")

    comment = post(email="ada@EXAMPLE.net", proven_ids=[earlier.pk])

    assert (comment.status, comment.reason) == (Status.APPROVED, Reason.TRUSTED)


@pytest.mark.parametrize("first_status", [Status.APPROVED, Status.PENDING])
def test_the_same_text_again_from_the_same_email_is_filed_as_a_duplicate(first_status):
    article = make_article()
    make_comment(article, author_email="ada@example.net", body="Same words.", status=first_status)

    comment = post(article, email="ADA@Example.NET", body="Same words.")

    assert (comment.status, comment.reason) == (Status.SPAM, Reason.DUPLICATE)


@pytest.mark.parametrize(
    "other", [{"author_email": "someone-else@example.net"}, {"article": "another"}]
)
def test_the_same_text_from_another_email_or_on_another_article_is_no_duplicate(other):
    article = make_article()
    first_article = make_article() if other.pop("article", None) else article
    make_comment(first_article, body="Same words.", **{"author_email": "ada@example.net", **other})

    comment = post(article, email="ada@example.net", body="Same words.")

    assert comment.reason != Reason.DUPLICATE


def test_more_than_two_links_are_held_even_for_a_returning_commenter():
    approved_comment("ada@example.net")

    comment = post(email="ada@example.net", body=THREE_LINKS)

    assert (comment.status, comment.reason) == (Status.PENDING, Reason.LINKS)


def test_moderation_term_holds_a_returning_commenter():
    ModerationTerm.objects.create(term="Lottery", action=ModerationTerm.Action.HOLD)
    approved_comment("ada@example.net")

    comment = post(email="ada@example.net", body="I won the lottery!")

    assert (comment.status, comment.reason) == (Status.PENDING, Reason.MODERATION_TERM)


def test_blocked_term_marks_the_comment_as_spam():
    ModerationTerm.objects.create(term="casino", action=ModerationTerm.Action.BLOCK)

    comment = post(url="https://best-CASINO.example")

    assert (comment.status, comment.reason) == (Status.SPAM, Reason.BLOCKED_TERM)


def test_filled_honeypot_is_spam():
    comment = post(honeypot="https://spam.example")

    assert (comment.status, comment.reason) == (Status.SPAM, Reason.HONEYPOT)


def test_form_sent_within_three_seconds_is_spam():
    comment = post(form_age=1.2)

    assert (comment.status, comment.reason) == (Status.SPAM, Reason.TOO_FAST)


@pytest.mark.parametrize("form_age", [None, 24 * 3600 + 60])
def test_missing_or_day_old_timestamp_is_spam(form_age):
    comment = post(form_age=form_age)

    assert (comment.status, comment.reason) == (Status.SPAM, Reason.STALE_FORM)


def test_staff_reply_is_approved_and_marked_as_staff():
    editor = make_user(is_staff=True)

    comment = post(user=editor, body=THREE_LINKS)

    comment.refresh_from_db()
    assert (comment.status, comment.reason) == (Status.APPROVED, Reason.STAFF)
    assert comment.is_staff_reply
    assert comment.user == editor


def test_logged_in_reader_who_is_not_staff_is_an_ordinary_commenter():
    comment = post(user=make_user())

    assert comment.status == Status.PENDING
    assert not comment.is_staff_reply
    assert comment.user is None


def test_reply_is_stored_one_level_below_its_parent():
    article = make_article()
    parent = approved_comment("first@example.net", article)

    reply = post(article, parent=parent)

    reply.refresh_from_db()
    assert reply.parent == parent
    assert reply.depth == 1


def test_held_comment_is_announced_after_the_transaction_commits(
    django_capture_on_commit_callbacks, monkeypatch
):
    announced = []
    monkeypatch.setattr(
        "comments.notify.comment_held", lambda pk, base_url: announced.append((pk, base_url))
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment = post(base_url="https://news.example")
    assert announced == []

    for callback in callbacks:
        callback()
    assert announced == [(comment.pk, "https://news.example")]


@pytest.mark.parametrize("fields", [{"honeypot": "x"}, {"user": "staff"}])
def test_spam_and_approved_comments_are_not_announced(django_capture_on_commit_callbacks, fields):
    if fields.get("user") == "staff":
        fields["user"] = make_user(is_staff=True)

    article = make_article()
    with django_capture_on_commit_callbacks() as callbacks:
        comment = post(article, **fields)

    # An approved comment changes its article's page, which is renewed; nothing else waits.
    approved = comment.status == Comment.Status.APPROVED
    page_renewals = [Renewal([f"comments:{article.pk}"])] if approved else []
    assert callbacks == page_renewals


# Akismet --------------------------------------------------------------------------------------


@pytest.fixture
def akismet(settings, monkeypatch):
    """Akismet configured, its HTTP answered by ``akismet.answer`` (a body or an exception)."""
    settings.AKISMET_API_KEY = "test-akismet-key"
    settings.AKISMET_SITE_URL = "https://news.example"

    class FakeAkismet:
        answer = "false"

        def __init__(self):
            self.requests = []

        def handler(self, request):
            self.requests.append(request)
            if isinstance(self.answer, Exception):
                raise self.answer
            assert request.url.path == "/1.1/comment-check"
            return httpx.Response(200, text=self.answer)

    fake = FakeAkismet()
    monkeypatch.setattr(
        spam_check,
        "http_client",
        lambda: httpx.Client(transport=httpx.MockTransport(fake.handler)),
    )
    return fake


def test_akismet_is_sent_the_comment_and_the_site_key(akismet):
    article = make_article()

    post(
        article,
        name="Ada Reader",
        email="ada@example.net",
        body="Hello there",
        ip="203.0.113.7",
        base_url="https://news.example",
    )

    [request] = akismet.requests
    form = {key: values[0] for key, values in parse_qs(request.content.decode()).items()}
    assert request.method == "POST"
    assert request.url.host == "rest.akismet.com"
    assert form["api_key"] == "test-akismet-key"
    assert form["blog"] == "https://news.example"
    assert form["user_ip"] == "203.0.113.7"
    assert form["comment_author"] == "Ada Reader"
    assert form["comment_author_email"] == "ada@example.net"
    assert form["comment_content"] == "Hello there"
    assert form["comment_type"] == "comment"
    assert form["permalink"] == "https://news.example" + article.get_absolute_url()


def test_akismet_saying_spam_marks_the_comment_as_spam(akismet):
    akismet.answer = "true"
    approved_comment("ada@example.net")

    comment = post(email="ada@example.net")

    assert (comment.status, comment.reason) == (Status.SPAM, Reason.AKISMET_SPAM)


def test_akismet_saying_ham_leaves_the_first_time_commenter_pending(akismet):
    akismet.answer = "false"

    comment = post()

    assert (comment.status, comment.reason) == (Status.PENDING, Reason.FIRST_TIME)


def test_akismet_saying_ham_leaves_the_returning_commenter_approved(akismet):
    akismet.answer = "false"
    earlier = approved_comment("ada@example.net")

    comment = post(email="ada@example.net", proven_ids=[earlier.pk])

    assert (comment.status, comment.reason) == (Status.APPROVED, Reason.RETURNING)


@pytest.mark.parametrize(
    "answer",
    [
        httpx.ConnectError("no route to host"),
        httpx.ReadTimeout("too slow"),
        "invalid",  # the key was revoked
        "something unexpected",
    ],
)
def test_unreachable_akismet_keeps_even_a_returning_commenter_pending(akismet, answer):
    akismet.answer = answer
    earlier = approved_comment("ada@example.net")

    comment = post(email="ada@example.net", proven_ids=[earlier.pk])

    comment.refresh_from_db()
    assert (comment.status, comment.reason) == (Status.PENDING, Reason.AKISMET_UNREACHABLE)


def test_akismet_server_error_keeps_the_comment_pending(akismet, monkeypatch):
    earlier = approved_comment("ada@example.net")
    monkeypatch.setattr(
        spam_check,
        "http_client",
        lambda: httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(503))),
    )

    comment = post(email="ada@example.net", proven_ids=[earlier.pk])

    assert (comment.status, comment.reason) == (Status.PENDING, Reason.AKISMET_UNREACHABLE)


def test_akismet_is_not_asked_about_comments_already_known_as_spam(akismet):
    comment = post(honeypot="filled")

    assert comment.reason == Reason.HONEYPOT
    assert akismet.requests == []


def test_akismet_is_not_asked_about_staff_replies(akismet):
    akismet.answer = httpx.ConnectError("down")

    comment = post(user=make_user(is_staff=True))

    assert comment.status == Status.APPROVED
    assert akismet.requests == []


def test_akismet_is_not_asked_when_no_key_is_set(akismet, settings):
    settings.AKISMET_API_KEY = ""

    post()

    assert akismet.requests == []
