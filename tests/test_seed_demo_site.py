"""``manage.py seed_demo`` alone sets up the whole demo site: stories, pages, fronts, comments."""

import io

import pytest
from django.core.management import call_command

from articles import demo
from articles.demo import contributions
from articles.models import Article
from comments.models import Comment
from fronts.models import Front, Placement
from pages.models import Page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_demo_pictures")]


def seed_demo(*args):
    output = io.StringIO()
    call_command("seed_demo", *args, stdout=output)
    return output.getvalue()


def site():
    return {
        "articles": Article.objects.count(),
        "pages": Page.objects.count(),
        "placements": Placement.objects.count(),
        "comments": Comment.objects.count(),
    }


def test_each_app_registers_its_part_of_the_demo():
    assert set(contributions.registered()) == {"pages", "fronts", "comments"}


@pytest.mark.parametrize("language", demo.LANGUAGES)
def test_seed_demo_sets_up_stories_pages_fronts_and_comments(language):
    output = seed_demo("--language", language)

    data = demo.data_for(language)
    assert Article.objects.published().count() == len(data.stories)
    assert Page.objects.count() == 3
    assert Front.objects.home().placements.filter(role=Placement.Role.LEAD).exists()
    assert Placement.objects.exclude(front__section=None).exists()  # a section's front
    assert Comment.objects.approved().exists()
    assert Comment.objects.pending().count() == 1
    for line in ("Created 3 pages.", "demo stories on the front pages.", "demo comments."):
        assert line in output


def test_seed_demo_twice_adds_nothing_the_second_time():
    seed_demo()
    before = site()

    output = seed_demo()

    assert site() == before
    assert output == "Demo content already present.\n"


def test_an_apps_part_can_be_left_out():
    seed_demo("--skip", "fronts", "--skip", "comments")

    assert Page.objects.count() == 3
    assert not Placement.objects.exists()
    assert not Comment.objects.exists()
