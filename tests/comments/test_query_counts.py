"""An article page runs as many queries with 200 threaded comments as with 2."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.forms import sign_render_time
from comments.models import Comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db

# The most the article page may run with comments, whatever their number.
QUERY_BUDGET = 12


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def add_threaded_comments(article, count):
    """``count`` approved comments: threads of a comment, a reply and a reply to the reply."""
    parent = None
    for number in range(count):
        parent = parent if number % 3 and parent is not None else None
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            author_name=f"Reader {number}",
            author_email=f"reader{number}@example.net",
            author_url=f"https://reader{number}.example" if number % 2 else "",
            body=f"Comment {number} with a link to https://example.org/{number}.",
            status=Comment.Status.APPROVED,
        )
        parent = comment if comment.depth < 2 else None


def post_pending_comment(client, article):
    response = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        {
            "author_name": "Ada",
            "author_email": "ada-pending@example.net",
            "body": "My comment awaiting moderation.",
            "rendered": sign_render_time(article.pk, now=time.time() - 10),
        },
    )
    assert response.status_code == 302
    assert Comment.objects.get(article=article, author_name="Ada").is_pending


def queries_for_article_page(client, article, expected_text):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert expected_text in response.content.decode()
    return len(queries)


@pytest.mark.parametrize("reader", ["anonymous", "author_of_a_pending_comment"])
def test_article_page_queries_do_not_grow_with_comments(reader):
    few, many = make_article(), make_article()
    add_threaded_comments(few, 2)
    add_threaded_comments(many, 200)
    client = Client()
    expected = "Reader 1"
    if reader == "author_of_a_pending_comment":
        post_pending_comment(client, few)
        post_pending_comment(client, many)
        expected = "My comment awaiting moderation."

    with_few = queries_for_article_page(client, few, expected)
    with_many = queries_for_article_page(client, many, expected)

    assert with_many == with_few
    assert with_many <= QUERY_BUDGET
    assert many.comments.filter(depth=2).count() > 50
