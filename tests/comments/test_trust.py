"""Trust comes from something only the commenter has, and no answer tells who commented.

A browser is trusted with an email once a comment it posted itself under that email was
approved (a signed cookie of comment ids). Typing a regular's email is not enough; and whether
an email wrote a comment before shows in no answer: duplicates, held, blocked and spam comments
all get the same one.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from comments.models import Comment, ModerationTerm
from comments.trust import grant, trusted_ids
from tests.comments.factories import comment_form_data, make_comment, make_moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db

TRUST = settings.COMMENTS_TRUST_COOKIE


def post(browser, article, *, email="ada@example.net", name="Ada", body="A remark."):
    return browser.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_form_data(article, author_name=name, author_email=email, body=body),
        headers={"Origin": "http://testserver"},
    )


def trusted_browser(article, email="ada@example.net"):
    """A browser whose own comment under ``email`` was approved, and which saw it so."""
    browser = Client()
    post(browser, article, email=email, body="My first remark.")
    Comment.objects.get(body="My first remark.").moderate(
        Comment.Status.APPROVED, by=make_moderator()
    )
    browser.get(article.get_absolute_url())
    return browser


def test_a_browser_earns_trust_when_its_own_comment_is_approved():
    article = make_article()
    browser = Client()
    post(browser, article, body="My first remark.")
    first = Comment.objects.get()
    first.moderate(Comment.Status.APPROVED, by=make_moderator())

    response = browser.get(article.get_absolute_url())

    cookie = response.cookies[TRUST]
    assert cookie["httponly"]
    assert cookie["path"] == "/articles/"
    assert "ada" not in cookie.value.lower()
    assert trusted_ids(browser.get(article.get_absolute_url()).wsgi_request) == [first.pk]


def test_a_comment_removed_earns_no_trust():
    article = make_article()
    browser = Client()
    post(browser, article)
    Comment.objects.get().moderate(Comment.Status.REMOVED, by=make_moderator())

    response = browser.get(article.get_absolute_url())

    assert TRUST not in response.cookies


def test_the_trusted_browser_is_published_at_once():
    article = make_article()
    browser = trusted_browser(article)

    post(browser, article, body="Straight to the page.")

    later = Comment.objects.get(body="Straight to the page.")
    assert (later.status, later.reason) == (Comment.Status.APPROVED, Comment.Reason.RETURNING)


@pytest.mark.parametrize("name", ["Ada", "Someone Else"], ids=["same name", "other name"])
def test_the_same_email_from_another_browser_waits_as_unverified(name):
    article = make_article()
    trusted_browser(article)

    post(Client(), article, name=name, body="From elsewhere.")

    comment = Comment.objects.get(body="From elsewhere.")
    assert (comment.status, comment.reason) == (Comment.Status.PENDING, Comment.Reason.UNVERIFIED)


def test_trust_with_one_email_is_no_trust_with_another():
    article = make_article()
    make_comment(article, author_email="bob@example.net", status=Comment.Status.APPROVED)
    browser = trusted_browser(article, email="ada@example.net")

    post(browser, article, email="bob@example.net", name="Bob", body="Pretending to be Bob.")

    comment = Comment.objects.get(body="Pretending to be Bob.")
    assert comment.reason == Comment.Reason.UNVERIFIED


def test_an_altered_trust_cookie_proves_nothing():
    article = make_article()
    approved = make_comment(article, author_email="ada@example.net", status="approved")
    forger = Client()
    response = Client().get("/")
    grant(response, response.wsgi_request, [approved.pk])
    value = response.cookies[TRUST].value
    forger.cookies[TRUST] = value[:-1] + ("A" if value[-1] != "A" else "B")

    post(forger, article, body="With a forged cookie.")

    assert Comment.objects.get(body="With a forged cookie.").reason == Comment.Reason.UNVERIFIED


# No oracles --------------------------------------------------------------------------------------


def normalized(response):
    """What differs between two answers only by per-request values: comment ids, signed
    cookie values and form times."""
    text = "\n".join(
        [
            str(response.status_code),
            *(
                f"{name}: {value}"
                for name, value in sorted(response.items())
                if name not in ("Content-Length", "ETag")  # of the body, compared below
            ),
            *(
                f"{name}: {sorted((k, v) for k, v in morsel.items() if v)}"
                for name, morsel in sorted(response.cookies.items())
            ),
            response.content.decode(),
        ]
    )
    text = re.sub(r"comment-\d+", "comment-N", text)
    text = re.sub(r'name="rendered" value="[^"]*"', 'name="rendered"', text)
    return re.sub(r'W/"[0-9a-f]+"', "W/etag", text)


def exchange(article, email, body):
    """The answer to posting ``body`` with ``email`` from a new browser, and the page it is
    sent to; at one instant for every exchange about ``article``, so that no date differs."""
    browser = Client()
    with time_machine.travel(article.published_at + timedelta(minutes=30), tick=False):
        posted = post(browser, article, email=email, name="Curious", body=body)
        return posted, browser.get(posted["Location"])


@pytest.mark.parametrize(
    "comment_status", [Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.SPAM]
)
def test_the_right_and_a_wrong_email_get_the_same_answers(comment_status):
    article = make_article()
    make_comment(
        article, author_email="regular@example.net", body="Known words.", status=comment_status
    )

    right = exchange(article, "regular@example.net", "Known words.")
    wrong = exchange(article, "guess@example.net", "Known words.")

    assert [normalized(r) for r in wrong] == [normalized(r) for r in right]
    assert "Your comment is awaiting moderation." in right[1].content.decode()
    assert "Your comment is published." not in right[1].content.decode()


def test_held_blocked_spam_and_duplicate_comments_get_the_same_answer():
    article = make_article()
    make_comment(article, author_email="regular@example.net", body="Same words.")
    ModerationTerm.objects.create(term="casino", action=ModerationTerm.Action.BLOCK)
    ModerationTerm.objects.create(term="lottery", action=ModerationTerm.Action.HOLD)

    answers = {
        "first time": exchange(article, "new@example.net", "Words one."),
        "held": exchange(article, "held@example.net", "Words lottery"),
        "blocked": exchange(article, "blocked@example.net", "Words casino"),
        "duplicate": exchange(article, "regular@example.net", "Same words."),
    }

    reasons = set(Comment.objects.values_list("reason", flat=True))
    assert {"first_time", "moderation_term", "blocked_term", "duplicate"} <= reasons
    heads = {kind: normalized(posted) for kind, (posted, _page) in answers.items()}
    assert len(set(heads.values())) == 1, heads
    for kind, (_posted, page) in answers.items():
        shown = page.content.decode()
        assert "Your comment is awaiting moderation." in shown, kind
        assert 'class="comment comment--pending"' in shown, kind
