"""A list page's articles are kept as made until the list changes; their comment counts are
those of now, filled in for each page, so an approved comment does not make the list again."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.comments.factories import make_comment
from tests.factories import make_article, make_section, make_tag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

LIST = "includes/kept_list.html"
STORY = re.compile(r"Story \d\d")
NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def made(response):
    return LIST in {template.name for template in response.templates}


def approve(article):
    make_comment(article).moderate(Comment.Status.APPROVED, by=None)


@pytest.mark.parametrize("page", ["home", "section", "tag"])
def test_an_approved_comment_changes_the_count_not_the_kept_list(page):
    section, tag = make_section(), make_tag()
    older = make_article(section=section, tags=[tag], title="Older story")
    make_article(section=section, tags=[tag], title="Newer story")
    url = {
        "home": reverse("articles:home"),
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
    }[page]
    assert made(Client().get(url))

    approve(older)
    approve(older)
    again = Client().get(url)

    assert not made(again)
    html = again.content.decode()
    assert f'<a href="{older.get_absolute_url()}#comments">2 comments</a>' in html
    assert "<!--slot:" not in html


def test_a_new_article_shows_in_the_list_at_once():
    make_article(title="First story")
    Client().get(reverse("articles:home"))

    make_article(title="Second story")

    assert "Second story" in Client().get(reverse("articles:home")).content.decode()


def test_a_scheduled_article_joins_the_kept_list_at_its_time_without_a_write(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 24 * 3600
    with time_machine.travel(NOW, tick=False):
        make_article(title="Out already", published_at=NOW - timedelta(hours=1))
        make_article(title="Out at noon thirty", published_at=NOW + timedelta(minutes=30))
        assert "Out at noon thirty" not in Client().get("/").content.decode()

    with time_machine.travel(NOW + timedelta(minutes=31), tick=False):
        assert "Out at noon thirty" in Client().get("/").content.decode()


def test_a_page_of_the_list_keeps_its_own_articles():
    for number in range(25):
        make_article(title=f"Story {number:02d}")
    first = Client().get(reverse("articles:home")).content.decode()

    second = Client().get(reverse("articles:home") + "?page=2").content.decode()

    on_first, on_second = set(STORY.findall(first)), set(STORY.findall(second))
    assert on_first and on_second
    assert on_first.isdisjoint(on_second)
    assert len(on_first | on_second) == 25


def pages_of(url):
    """The number of pages a list says it has."""
    html = Client().get(url).content.decode()
    found = re.search(r"Page 1 of (\d+)", html)
    return int(found.group(1)) if found else 1


@pytest.mark.parametrize("page", ["home", "section"])
def test_how_many_articles_a_list_has_is_kept_until_the_list_changes(page, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 24 * 3600
    section = make_section()
    url = reverse("articles:home") if page == "home" else section.get_absolute_url()
    with time_machine.travel(NOW, tick=False):
        for number in range(20):
            make_article(title=f"Story {number:02d}", section=section)
        make_article(
            title="Out at noon thirty", section=section, published_at=NOW + timedelta(minutes=30)
        )
        assert pages_of(url) == 1
        assert Client().get(url + "?page=2").status_code == 404

        newest = make_article(title="Story 20", section=section)
        assert pages_of(url) == 2
        assert Client().get(url + "?page=2").status_code == 200

        newest.delete()
        assert pages_of(url) == 1

    with time_machine.travel(NOW + timedelta(minutes=31), tick=False):
        assert pages_of(url) == 2  # the scheduled article is out: no write said so


def test_a_comment_count_speaks_the_language_of_the_page_it_fills(settings):
    article = make_article(title="Story")
    approve(article)
    approve(article)
    assert ">2 comments</a>" in Client().get("/").content.decode()

    settings.LANGUAGE_CODE = "fr"

    assert ">2 commentaires</a>" in Client().get("/").content.decode()
