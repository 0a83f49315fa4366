"""The pieces of a page's threads are kept so that a change writes a few of them, not all:
those made since all were kept together are kept apart, until they, or the pieces no longer
used, are many; then all are kept together again, and those no longer used drop out."""

import pytest

from comments import threads
from comments.models import Comment
from comments.threads import approved_threads
from tests.comments.factories import make_comment, make_moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def approved(article, **fields):
    return make_comment(article, status=Comment.Status.APPROVED, **fields)


def approve(article, **fields):
    comment = make_comment(article, **fields)
    comment.moderate(Comment.Status.APPROVED, by=make_moderator())
    return comment


def kept(article):
    """``(all pieces kept together, pieces kept apart since)`` for the page of ``article``."""
    page = threads._Page(article, is_open=True)
    return page.all_kept, page.recent


def ids_of(pieces):
    return sorted(int(key.split(".")[0]) for key in pieces)


def test_a_change_keeps_its_new_pieces_apart_and_the_others_as_they_were():
    article = make_article()
    first, *others = [approved(article, body=f"Remark {n}.") for n in range(5)]
    approved_threads(article, is_open=True)
    together, apart = kept(article)
    assert ids_of(together) == sorted(c.pk for c in [first, *others])
    assert apart == {}

    reply = approve(article, parent=first, body="An answer.")
    count, html = approved_threads(article, is_open=True)

    assert kept(article) == (together, kept(article)[1])
    assert ids_of(kept(article)[1]) == sorted([first.pk, reply.pk])  # first now has replies
    assert count == 6
    assert "An answer." in html


def test_when_many_changed_all_are_kept_together_again_without_those_no_longer_used(
    monkeypatch,
):
    monkeypatch.setattr(threads, "RECENT_PIECES", 2)
    article = make_article()
    first = approved(article, body="First.")
    approved(article, body="Second.")
    approved_threads(article, is_open=True)

    replies = []
    for n in range(3):
        replies.append(approve(article, parent=first, body=f"Answer {n}."))
        _count, html = approved_threads(article, is_open=True)
        assert f"Answer {n}." in html

    together, apart = kept(article)
    shown = Comment.objects.filter(article=article).approved()
    assert ids_of({**together, **apart}) == sorted(c.pk for c in shown)
    assert len(together) + len(apart) == shown.count()  # first without replies is gone
    assert len(apart) <= 2
