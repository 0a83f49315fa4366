"""``add_top_stories()``: how an import places articles (WordPress sticky posts) on a front."""

import pytest
from django.test import Client

from fronts.models import Front, Placement
from fronts.services import add_top_stories
from tests.factories import make_article, make_section
from tests.fronts.factories import make_lead, make_placement

pytestmark = pytest.mark.django_db


def top_stories(front):
    return list(
        front.placements.filter(role=Placement.Role.TOP).values_list("article__title", flat=True)
    )


def test_articles_become_top_stories_after_those_placed_in_the_order_given():
    home = Front.objects.home()
    make_placement(make_article(title="Placed by an editor"))
    sticky = [make_article(title="Sticky one"), make_article(title="Sticky two")]

    added = add_top_stories(home, sticky)

    assert [placement.article for placement in added] == sticky
    assert top_stories(home) == ["Placed by an editor", "Sticky one", "Sticky two"]
    assert all(p.starts_at is None and p.ends_at is None for p in added)


def test_adding_the_same_articles_again_adds_nothing():
    home = Front.objects.home()
    sticky = [make_article(title="Sticky one"), make_article(title="Sticky two")]
    add_top_stories(home, sticky)

    again = add_top_stories(home, [sticky[1], sticky[0], sticky[1]])

    assert again == []
    assert top_stories(home) == ["Sticky one", "Sticky two"]


def test_the_lead_story_is_left_as_it_is():
    home = Front.objects.home()
    lead = make_lead(make_article(title="The lead"))

    add_top_stories(home, [make_article(title="Sticky")])

    assert home.placements.get(role=Placement.Role.LEAD) == lead
    assert top_stories(home) == ["Sticky"]


def test_top_stories_added_to_a_section_front_show_on_its_page_at_once():
    science = make_section(name="Science")
    make_article(title="Newest", section=science)
    page = science.get_absolute_url()
    assert "top-stories" not in Client().get(page).content.decode()

    add_top_stories(Front.objects.of_section(science), [make_article(title="Sticky")])

    section_page = Client().get(page).content.decode()
    assert 'class="top-stories"' in section_page and "Sticky" in section_page
    assert top_stories(Front.objects.home()) == []
