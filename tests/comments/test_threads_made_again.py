"""Threads made again from kept pieces after a change read exactly as threads made from
scratch: every reply nested under its parent, what left the thread gone, nothing else moved."""

from html.parser import HTMLParser

import pytest
from django.core.cache import caches
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


def approved(article, **fields):
    return make_comment(article, status=Comment.Status.APPROVED, **fields)


def three_levels(article):
    """Two threads three levels deep, answered out of order: (first, its reply, its answer)."""
    first, second = approved(article, body="First."), approved(article, body="Second.")
    reply = approved(article, parent=first, body="A reply to the first.")
    approved(article, parent=second, body="A reply to the second.")
    answer = approved(article, parent=reply, body="An answer to that reply.")
    approved(article, body="Third.")
    return first, reply, answer


def threads_of(response):
    """The comment list of a page, as HTML."""
    page = response.content.decode()
    start = page.index('<ol class="comment-list" role="list">')
    return page[start : page.rindex("</ol>", start, page.index('id="respond"')) + len("</ol>")]


def rendered(response):
    return sum(1 for template in response.templates if template.name == "comments/comment.html")


def from_scratch(staff, article):
    """The page's comment list with nothing kept: every comment rendered now."""
    for alias in ("pages", "fragments"):
        caches[alias].clear()
    response = staff.get(article.get_absolute_url())
    assert rendered(response) == Comment.objects.filter(article=article).approved().count()
    return threads_of(response)


class Nesting(HTMLParser):
    """``{comment id: ids of the comments it is nested in, outermost first}``, in page order."""

    def __init__(self, html):
        super().__init__()
        self.open_items, self.found = [], {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.open_items.append(None)
        anchor = dict(attrs).get("id") or ""
        if tag == "article" and anchor.startswith("comment-"):
            pk = int(anchor.removeprefix("comment-"))
            self.found[pk] = [item for item in self.open_items if item is not None]
            self.open_items[-1] = pk

    def handle_endtag(self, tag):
        if tag == "li":
            self.open_items.pop()


def test_a_reply_approved_deep_in_a_thread_reads_as_if_made_from_scratch(staff):
    article = make_article()
    first, reply, answer = three_levels(article)
    staff.get(article.get_absolute_url())

    late = make_comment(article, parent=reply, body="A later answer to the reply.")
    late.moderate(Comment.Status.APPROVED, by=make_moderator())
    response = staff.get(article.get_absolute_url())

    assert rendered(response) == 1  # the reply already had answers: only the new one is made
    made_again = threads_of(response)
    assert made_again == from_scratch(staff, article)
    nesting = Nesting(made_again).found
    assert nesting[late.pk] == [first.pk, reply.pk]
    assert list(nesting).index(answer.pk) + 1 == list(nesting).index(late.pk)


def test_a_first_reply_is_nested_under_the_comment_it_answers(staff):
    article = make_article()
    first, reply, answer = three_levels(article)
    third = Comment.objects.get(article=article, body="Third.")
    staff.get(article.get_absolute_url())

    late = make_comment(article, parent=third, body="The first answer to the third.")
    late.moderate(Comment.Status.APPROVED, by=make_moderator())
    response = staff.get(article.get_absolute_url())

    assert rendered(response) == 2  # the reply, and the third now with a place for replies
    made_again = threads_of(response)
    assert made_again == from_scratch(staff, article)
    nesting = Nesting(made_again).found
    assert nesting[late.pk] == [third.pk]
    assert nesting[answer.pk] == [first.pk, reply.pk]


def test_a_rejected_reply_leaves_the_thread_as_if_it_had_never_been_approved(staff):
    article = make_article()
    _first, _reply, answer = three_levels(article)
    before = threads_of(staff.get(article.get_absolute_url()))
    late = make_comment(article, parent=answer, body="Soon rejected.")
    late.moderate(Comment.Status.APPROVED, by=make_moderator())
    assert "Soon rejected." in threads_of(staff.get(article.get_absolute_url()))

    late.moderate(Comment.Status.REMOVED, by=make_moderator())
    made_again = threads_of(staff.get(article.get_absolute_url()))

    assert "Soon rejected." not in made_again
    assert made_again == before == from_scratch(staff, article)


def test_an_erased_comment_keeps_its_place_without_its_text_nor_its_count(staff):
    article = make_article()
    first, reply, answer = three_levels(article)
    response = staff.get(article.get_absolute_url())
    assert "6 comments" in response.content.decode()

    reply.erase()
    response = staff.get(article.get_absolute_url())

    made_again = threads_of(response)
    assert "A reply to the first." not in made_again
    assert "This comment was deleted." in made_again
    assert Nesting(made_again).found[answer.pk] == [first.pk, reply.pk]
    assert "5 comments" in response.content.decode()
    assert made_again == from_scratch(staff, article)
