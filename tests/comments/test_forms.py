"""CommentForm: what a reader must fill in, what it refuses, and the signed render time."""

import time

import pytest
from django.core import signing

from comments.forms import TIMESTAMP_SALT, CommentForm, form_age, sign_render_time
from comments.models import Comment
from tests.comments.factories import comment_form_data as form_data
from tests.comments.factories import make_comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article()


def bound_form(article, **fields):
    return CommentForm(form_data(article, **fields), article=article)


def comment_on(article, *, status=Comment.Status.APPROVED, **fields):
    """A comment already on ``article``, approved unless said otherwise."""
    return make_comment(article, status=status, **fields)


def test_complete_form_is_valid(article):
    form = bound_form(article, author_url="https://ada.example")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["author_url"] == "https://ada.example"
    assert form.cleaned_data["parent"] is None


@pytest.mark.parametrize("field", ["author_name", "author_email", "body"])
def test_name_email_and_comment_are_required(article, field):
    form = bound_form(article, **{field: ""})

    assert not form.is_valid()
    assert field in form.errors


def test_website_is_optional(article):
    form = bound_form(article, author_url="")

    assert form.is_valid(), form.errors


def test_comment_of_only_spaces_is_refused(article):
    form = bound_form(article, body="   \n  ")

    assert not form.is_valid()
    assert "body" in form.errors


def test_comment_of_five_thousand_characters_is_accepted(article):
    assert bound_form(article, body="a" * 5000).is_valid()


def test_comment_over_five_thousand_characters_is_refused(article):
    form = bound_form(article, body="a" * 5001)

    assert not form.is_valid()
    assert "5000" in form.errors["body"][0].replace(",", "")


@pytest.mark.parametrize("email", ["not-an-email", "ada@", "@example.net", "ada example.net"])
def test_invalid_email_is_refused(article, email):
    form = bound_form(article, author_email=email)

    assert not form.is_valid()
    assert "author_email" in form.errors


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>x</b>"]
)
def test_website_that_is_not_a_web_address_is_refused(article, url):
    form = bound_form(article, author_url=url)

    assert not form.is_valid()
    assert "author_url" in form.errors


def test_website_without_a_scheme_is_taken_as_https(article):
    form = bound_form(article, author_url="ada.example")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["author_url"] == "https://ada.example"


def test_name_and_comment_are_trimmed(article):
    form = bound_form(article, author_name="  Ada  ", body="\n  Hello  \n")

    assert form.is_valid()
    assert form.cleaned_data["author_name"] == "Ada"
    assert form.cleaned_data["body"] == "Hello"


def test_the_form_never_tells_whether_that_email_wrote_that_comment_before(article):
    """An error for duplicates only would confirm who commented: the service files them
    instead (tests/comments/test_services.py)."""
    comment_on(article, author_email="ada@example.net", body="Same words.")

    form = bound_form(article, author_email="ADA@Example.NET", body="  Same words.  ")

    assert form.is_valid()


def test_reply_to_an_approved_comment_of_the_article_is_accepted(article):
    parent = comment_on(article)

    form = bound_form(article, parent=str(parent.pk))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["parent"] == parent


@pytest.mark.parametrize(
    "status", [Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED]
)
def test_reply_to_a_comment_that_is_not_approved_is_refused(article, status):
    parent = comment_on(article, status=status)

    form = bound_form(article, parent=str(parent.pk))

    assert not form.is_valid()
    assert "parent" in form.errors


def test_reply_to_a_comment_of_another_article_is_refused(article):
    elsewhere = comment_on(make_article())

    form = bound_form(article, parent=str(elsewhere.pk))

    assert not form.is_valid()
    assert "parent" in form.errors


def test_reply_to_a_comment_that_does_not_exist_is_refused(article):
    assert "parent" in bound_form(article, parent="987654").errors


def test_replies_may_go_two_levels_deep_by_default(article):
    top = comment_on(article)
    reply = comment_on(article, parent=top)

    assert reply.depth == 1
    assert bound_form(article, parent=str(reply.pk)).is_valid()


def test_reply_to_a_comment_at_the_depth_limit_is_refused(article):
    top = comment_on(article)
    reply = comment_on(article, parent=top)
    reply_to_reply = comment_on(article, parent=reply)

    form = bound_form(article, parent=str(reply_to_reply.pk))

    assert reply_to_reply.depth == 2
    assert not form.is_valid()
    assert form.errors["parent"] == ["This conversation is too deep for another reply."]


def test_depth_limit_is_configurable(article, settings):
    settings.COMMENTS_MAX_DEPTH = 1
    top = comment_on(article)

    assert "parent" in bound_form(article, parent=str(top.pk)).errors


def test_new_form_carries_a_signed_render_time_for_its_article(article):
    form = CommentForm(article=article)

    age = form_age(form.initial["rendered"], article.pk)

    assert 0 <= age < 5


def test_form_age_counts_seconds_since_rendering(article):
    token = sign_render_time(article.pk, now=1000.0)

    assert form_age(token, article.pk, now=1012.5) == 12.5


def test_bound_form_reports_its_age(article):
    form = bound_form(article, rendered=sign_render_time(article.pk, now=time.time() - 30))

    assert form.is_valid()
    assert 29 <= form.form_age < 35


def test_render_time_of_another_article_has_no_age(article):
    other = make_article()

    assert form_age(sign_render_time(other.pk), article.pk) is None


@pytest.mark.parametrize(
    "token",
    [
        "",
        "garbage",
        signing.dumps({"article": 1, "at": 0}, salt="another-salt"),
        signing.dumps({"article": 1, "at": 0}, salt=TIMESTAMP_SALT, key="not-the-secret-key"),
        signing.dumps([1, 2], salt=TIMESTAMP_SALT),
    ],
)
def test_forged_or_altered_render_time_has_no_age(token):
    assert form_age(token, 1) is None


def test_tampered_render_time_has_no_age(article):
    token = sign_render_time(article.pk, now=1000.0)
    value, _, signature = token.rpartition(":")

    assert form_age(value + ":" + signature[::-1], article.pk) is None


def test_missing_render_time_leaves_the_form_valid_but_ageless(article):
    form = bound_form(article, rendered="")

    assert form.is_valid()
    assert form.form_age is None
