"""WordPress pages become static pages; old addresses answer permanent redirects."""

import pytest
from django.urls import reverse

from articles.models import Article
from pages.models import Page
from redirects.models import Redirect

from .conftest import export, import_wordpress

pytestmark = pytest.mark.django_db


def rows(output):
    """The summary table's lines, as lists of words."""
    return [line.split() for line in output.splitlines()[:10]]


@pytest.fixture
def imported(uploads):
    return import_wordpress(export("newsroom.xml"), "--uploads", uploads)


def test_wordpress_pages_become_static_pages(imported, client):
    about = Page.objects.get(slug="about-us")

    assert about.title == "About the Gazette" and about.is_published
    assert about.body == (
        "We have covered the harbour since 1998.\n\n"
        "Write to [the desk](mailto:desk@example.org).\n"
    )
    assert not about.in_footer  # the editors choose what the footer shows
    assert Page.objects.get(slug="team").is_published
    assert not Page.objects.get(title="Unfinished page").is_published
    assert "Write to" in client.get("/about-us/").content.decode()


def test_pages_take_no_comments_nor_pictures_and_say_so(imported):
    assert "1 comments: on pages, which take no comments" in imported
    assert "1 images: on pages, which show no images" in imported


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/2024/03/10/harbour-reopens/", "/articles/harbour-reopens/"),
        ("/2024/03/10/harbour-reopens", "/articles/harbour-reopens/"),
        ("/?p=100", "/articles/harbour-reopens/"),
        ("/2025/01/02/harbour-reopens/", "/articles/harbour-reopens-2/"),
        ("/2024/03/12/first-title/", "/articles/second-story/"),  # a slug it had before
        ("/about-us/team/", "/team/"),
        ("/?page_id=201", "/team/"),
        ("/category/news/", "/sections/news/"),
        ("/category/news/science/", "/sections/science/"),
        ("/category/culture/", "/sections/culture/"),
        ("/tag/climate/", "/tags/climate/"),
        ("/tag/news/", "/tags/news/"),  # a tag named like a section
        ("/author/bob/", "/authors/bob/"),
    ],
)
def test_old_addresses_redirect_permanently_to_the_new_ones(imported, client, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


def test_every_published_post_has_its_redirects(imported):
    old_paths = set(Redirect.objects.values_list("old_path", "new_path"))

    for article in Article.objects.published():
        assert any(new == article.get_absolute_url() and "?p=" in old for old, new in old_paths)
        assert any(
            new == article.get_absolute_url() and "?p=" not in old for old, new in old_paths
        )


def test_posts_that_were_never_public_get_no_redirect(imported, client):
    for slug in ["work-in-progress", "awaiting-review", "staff-only", "tomorrow"]:
        assert not Redirect.objects.filter(new_path=f"/articles/{slug}/").exists()
    assert client.get("/?p=105").status_code == 200  # the home page, no hint of the draft


def test_an_address_that_stays_the_same_gets_no_redirect(imported):
    assert not Redirect.objects.filter(old_path="/about-us/").exists()


def test_redirects_edited_in_the_admin_survive_a_new_import(imported, admin_client, uploads):
    redirect = Redirect.objects.get(old_path="/tag/climate/")
    admin_client.post(
        reverse("admin:redirects_redirect_change", args=[redirect.pk]),
        {"old_path": "/tag/climate/", "new_path": "/sections/science/"},
    )

    again = import_wordpress(export("newsroom.xml"), "--uploads", uploads)

    assert Redirect.objects.get(pk=redirect.pk).new_path == "/sections/science/"
    assert ["redirects", "0", "0", "26", "0"] in rows(again)
