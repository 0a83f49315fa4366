"""``manage.py seed_demo_fronts``: `make run` shows edited fronts, in English and in French."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from articles import demo as article_demo
from fronts import demo
from fronts.models import Front, Placement
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_demo_pictures")]

LEAD = re.compile(r'class="lead-story__title"><a href="/articles/([\w-]+)/">')


def run(*commands):
    output = io.StringIO()
    for command in commands:
        call_command(*command, stdout=output)
    return output.getvalue()


@pytest.mark.parametrize("language", article_demo.LANGUAGES)
def test_every_demo_placement_names_a_demo_story_of_its_language(language):
    data = article_demo.data_for(language)
    stories = {story.slug for story in [*data.stories, data.scheduled]}
    sections = {slug for slug, _name, _description in data.sections}

    for front in demo.FRONTS[language]:
        assert front.section is None or front.section in sections
        assert {front.lead, *front.top} <= stories


@pytest.mark.parametrize("language", article_demo.LANGUAGES)
def test_the_demo_home_page_and_section_page_open_with_their_placed_lead(language):
    home, section = demo.FRONTS[language]

    output = run(
        ("seed_demo", "--language", language), ("seed_demo_fronts", "--language", language)
    )

    assert "Placed" in output
    assert LEAD.search(Client().get("/").content.decode()).group(1) == home.lead
    page = Client().get(f"/sections/{section.section}/").content.decode()
    assert LEAD.search(page).group(1) == section.lead
    assert 'class="top-stories"' in page


def test_seeding_again_leaves_the_fronts_as_editors_left_them():
    run(("seed_demo", "--language", "en"), ("seed_demo_fronts", "--language", "en"))
    home = Front.objects.home()
    home.placements.filter(role=Placement.Role.LEAD).delete()
    placed = list(Placement.objects.values_list("pk", flat=True))

    output = run(("seed_demo_fronts", "--language", "en"))

    assert "already set" in output
    assert list(Placement.objects.values_list("pk", flat=True)) == placed


def test_without_the_demo_articles_nothing_is_placed():
    make_article()

    output = run(("seed_demo_fronts",))

    assert "no demo articles" in output
    assert not Placement.objects.exists()
