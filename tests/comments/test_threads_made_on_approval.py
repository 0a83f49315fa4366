"""A moderator's decision makes the article's threads again once it commits, so the page's
first reader after an approval finds them made; several decisions on one article make them
once."""

import pytest
from django.test import Client

from comments import kept_threads
from comments.models import Comment
from tests.comments.factories import make_comment, make_moderator
from tests.comments.test_admin import run_action
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


@pytest.fixture
def made(monkeypatch):
    """Each time an article's threads are made: the article's id."""
    calls = []
    real = kept_threads.approved_threads

    def counting(article, *, is_open):
        calls.append(article.pk)
        return real(article, is_open=is_open)

    monkeypatch.setattr(kept_threads, "approved_threads", counting)
    return calls


def test_the_first_reader_after_an_approval_finds_the_threads_made(
    made, django_capture_on_commit_callbacks
):
    article = make_article()
    make_comment(article, status=Comment.Status.APPROVED, body="Already there.")
    Client().get(article.get_absolute_url())
    waiting = make_comment(article, body="Approved a moment ago.")
    made.clear()

    with django_capture_on_commit_callbacks(execute=True):
        waiting.moderate(Comment.Status.APPROVED, by=None)
    assert made == [article.pk]

    page = Client().get(article.get_absolute_url()).content.decode()
    assert made == [article.pk]  # not made again for the reader
    assert "Already there." in page and "Approved a moment ago." in page


def test_approving_several_comments_of_an_article_makes_its_threads_once(
    client, made, django_capture_on_commit_callbacks
):
    article, other = make_article(), make_article()
    comments = [make_comment(article) for _ in range(3)] + [make_comment(other)]
    client.force_login(make_moderator())

    with django_capture_on_commit_callbacks(execute=True):
        run_action(client, "approve", comments)

    assert sorted(made) == sorted([article.pk, other.pk])


def test_a_decision_on_an_unpublished_article_makes_nothing(
    made, django_capture_on_commit_callbacks
):
    article = make_article(published=False)
    comment = make_comment(article)

    with django_capture_on_commit_callbacks(execute=True):
        comment.moderate(Comment.Status.APPROVED, by=None)

    assert made == []
