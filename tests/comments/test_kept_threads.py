"""Threads grow cheaply: each comment's HTML is kept, so approving one renders that one only,
and the page is put together from the others as they were."""

import pytest
from django.test import Client

from comments.models import Comment
from tests.comments.factories import make_comment, make_moderator
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    """Staff go past the page cache: every page they open is made for them."""
    client = Client()
    client.force_login(make_editor())
    return client


def comments_rendered(response):
    return sum(1 for template in response.templates if template.name == "comments/comment.html")


def approved(article, **fields):
    return make_comment(article, status=Comment.Status.APPROVED, **fields)


def test_approving_one_comment_renders_that_comment_only(staff):
    article = make_article()
    for n in range(12):
        approved(article, body=f"Remark {n}.")
    assert comments_rendered(staff.get(article.get_absolute_url())) == 12

    make_comment(article, body="Approved just now.").moderate(
        Comment.Status.APPROVED, by=make_moderator()
    )
    response = staff.get(article.get_absolute_url())

    page = response.content.decode()
    assert comments_rendered(response) == 1
    assert "Approved just now." in page
    assert all(f"Remark {n}." in page for n in range(12))


def test_a_reply_renders_the_reply_and_the_comment_it_answers_again(staff):
    article = make_article()
    first, second = approved(article, body="First."), approved(article, body="Second.")
    staff.get(article.get_absolute_url())

    reply = make_comment(article, parent=first, body="An answer to the first.")
    reply.moderate(Comment.Status.APPROVED, by=make_moderator())
    response = staff.get(article.get_absolute_url())

    assert comments_rendered(response) == 2  # the reply, and its parent now with replies
    page = response.content.decode()
    assert page.index("First.") < page.index("An answer to the first.") < page.index("Second.")
    assert second.body in page


def test_an_edited_comment_shows_its_new_text(staff):
    article = make_article()
    comment = approved(article, body="Teh typo.")
    staff.get(article.get_absolute_url())

    comment.body = "The typo, corrected."
    comment.save()
    page = staff.get(article.get_absolute_url()).content.decode()

    assert "The typo, corrected." in page
    assert "Teh typo." not in page


def test_a_comment_removed_leaves_the_thread(staff):
    article = make_article()
    kept, removed = approved(article, body="Stays."), approved(article, body="Goes.")
    staff.get(article.get_absolute_url())

    removed.moderate(Comment.Status.REMOVED, by=make_moderator())
    page = staff.get(article.get_absolute_url()).content.decode()

    assert kept.body in page
    assert "Goes." not in page


def test_the_kept_comments_are_read_without_their_text(staff, django_assert_max_num_queries):
    article = make_article()
    for n in range(5):
        approved(article, body=f"Remark number {n}.")
    staff.get(article.get_absolute_url())
    make_comment(article, body="The newest.").moderate(
        Comment.Status.APPROVED, by=make_moderator()
    )

    with django_assert_max_num_queries(50) as queries:
        staff.get(article.get_absolute_url())

    texts = [
        q["sql"] for q in queries.captured_queries if '"comments_comment"."body_html"' in q["sql"]
    ]
    assert len(texts) == 1  # the newest comment's alone
    assert "IN" in texts[0]
