"""Where a POST comes from: believed from the browser's word, more strictly the more a forged
request could gain."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from safeguards.cross_site import is_cross_site
from tests.comments.factories import comment_form_data
from tests.factories import make_article, make_editor


def request_from(rf, *, user=None, secure=False, **headers):
    request = rf.post("/articles/a/comments/", secure=secure, headers=headers)
    request.user = user or AnonymousUser()
    return request


class SignedIn:
    is_authenticated = True


@pytest.mark.parametrize(
    "headers",
    [{}, {"Sec-Fetch-Site": "none"}, {"Referer": "http://testserver/articles/a/"}],
    ids=["no headers", "typed address", "referer only"],
)
def test_a_signed_in_user_must_prove_the_post_comes_from_this_site(rf, headers):
    assert is_cross_site(request_from(rf, user=SignedIn(), **headers))


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://testserver"}],
    ids=["fetch metadata", "origin"],
)
def test_a_signed_in_user_posting_from_this_site_is_believed(rf, headers):
    assert not is_cross_site(request_from(rf, user=SignedIn(), **headers))


def test_over_https_a_post_without_origin_needs_this_sites_referer(rf):
    assert is_cross_site(request_from(rf, secure=True))
    assert is_cross_site(request_from(rf, secure=True, Referer="https://elsewhere.example/"))
    assert not is_cross_site(request_from(rf, secure=True, Referer="https://testserver/x/"))


def test_over_http_a_program_without_any_of_the_headers_is_not_a_browser(rf):
    assert not is_cross_site(request_from(rf))


@pytest.mark.django_db
def test_staff_cannot_be_made_to_post_an_approved_comment_from_elsewhere():
    article = make_article()
    staff = Client()
    staff.force_login(make_editor())

    response = staff.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_form_data(
            article,
            author_name="Editor",
            author_email="editor@example.org",
            body="A comment the editor never wrote.",
        ),
    )

    assert response.status_code == 403
    assert not Comment.objects.exists()
