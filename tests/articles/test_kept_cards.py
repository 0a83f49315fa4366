"""A list's cards are kept as they were made: a comment approved on one of its articles renews
the list (its count changes) without making its cards again; a change to what a card shows
makes that card again."""

import pytest
from django.test import Client

from comments.models import Comment
from tests.comments.factories import make_comment, make_moderator
from tests.factories import make_article, make_editor, make_section, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    """Staff go past the page cache: every page they open is made for them."""
    client = Client()
    client.force_login(make_editor())
    return client


def cards_made(response):
    return sum(1 for t in response.templates if t.name == "includes/article_card.html")


def approve_one_on(article):
    make_comment(article, body="A fair point.").moderate(
        Comment.Status.APPROVED, by=make_moderator()
    )


def test_a_comment_renews_the_count_without_making_the_cards_again(staff):
    articles = [make_article(title=f"Story {n}") for n in range(6)]
    assert cards_made(staff.get("/")) == 5  # the latest leads, in a larger form of its own

    approve_one_on(articles[2])
    response = staff.get("/")

    assert cards_made(response) == 0
    assert "1 comment" in response.text
    assert f'href="{articles[2].get_absolute_url()}#comments"' in response.text


def test_an_article_changed_makes_its_list_of_cards_again(staff):
    tag = make_tag()
    articles = [make_article(title=f"Story {n}", tags=[tag]) for n in range(3)]
    assert cards_made(staff.get(tag.get_absolute_url())) == 3

    articles[1].title = "Story renamed"
    articles[1].save()
    response = staff.get(tag.get_absolute_url())

    assert cards_made(response) == 3
    assert "Story renamed" in response.text


def test_a_section_renamed_shows_in_every_card_of_it(staff):
    section, tag = make_section(name="City"), make_tag()
    make_article(section=section, tags=[tag])
    assert cards_made(staff.get(tag.get_absolute_url())) == 1

    section.name = "Town"
    section.save()
    response = staff.get(tag.get_absolute_url())

    assert cards_made(response) == 1
    assert "Town" in response.text


def test_the_same_cards_in_another_list_are_not_made_again(staff):
    tag, other_tag = make_tag(), make_tag()
    for _ in range(2):
        make_article(tags=[tag, other_tag])
    assert cards_made(staff.get(tag.get_absolute_url())) == 2

    assert cards_made(staff.get(other_tag.get_absolute_url())) == 0
