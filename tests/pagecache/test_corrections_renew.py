"""A correction or update renews the pages that show it: its article's page, the lists and
feeds showing the article, and the corrections page; other articles' pages stay cached.
(The newsroom and ``made_again()`` are those of test_what_writes_renew.py.)"""

import pytest
from django.test import Client

from articles.models import Article, ArticleNote
from tests.pagecache.test_what_writes_renew import made_again
from tests.pagecache.test_what_writes_renew import site as newsroom  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(newsroom):  # noqa: F811
    newsroom.pages["corrections"] = "/corrections/"
    assert Client().get("/corrections/").status_code == 200
    return newsroom


def test_a_correction_renews_its_article_its_lists_and_the_corrections_page(site):
    ArticleNote.objects.create(article=site.elsewhere, text="The storm hit on Friday.")

    renewed = made_again(site)

    assert {"elsewhere", "corrections", "home", "weather", "feed"} <= renewed
    assert renewed.isdisjoint({"article", "neighbour", "harbour", "tides", "ada"})


def test_a_correction_removed_renews_the_corrections_page(site):
    note = ArticleNote.objects.create(article=site.elsewhere, text="Wrong wind speed.")
    made_again(site)

    note.delete()

    assert {"elsewhere", "corrections"} <= made_again(site)


def test_an_article_unpublished_renews_the_corrections_page(site):
    ArticleNote.objects.create(article=site.article, text="A name was misspelled.")
    made_again(site)
    site.article.status = Article.Status.UNPUBLISHED
    site.article.unpublished_reason = "Withdrawn."
    site.article.save()
    site.pages.pop("article")  # now 410 Gone

    renewed = made_again(site)

    assert "corrections" in renewed
    assert "A name was misspelled." not in Client().get("/corrections/").content.decode()
