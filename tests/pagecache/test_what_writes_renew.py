"""Each write renews the pages that show what it changed, and leaves every other page cached.

The newsroom below has two sections: "Harbour" holds the article under test and a second
article (whose page shows the first as related), "Weather" a third article elsewhere. Each test
puts every page in the cache, makes one write, then asks each page again: a page made again
runs queries, a page served from the cache runs none.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.comments.factories import make_comment, make_moderator
from tests.factories import (
    make_article,
    make_author,
    make_editor,
    make_image,
    make_section,
    make_source,
    make_tag,
)

pytestmark = pytest.mark.django_db


@dataclass
class Site:
    article: Article  # in Harbour, tagged Tides, by Ada
    neighbour: Article  # in Harbour too: shows the article as related
    elsewhere: Article  # in Weather, by Ben, untagged
    pages: dict


@pytest.fixture
def site():
    harbour, weather = make_section(name="Harbour"), make_section(name="Weather")
    tides, ada, ben = make_tag(name="Tides"), make_author(name="Ada"), make_author(name="Ben")
    article = make_article(title="Harbour reopens", section=harbour, tags=[tides], authors=[ada])
    neighbour = make_article(title="Ferry times", section=harbour, authors=[ben])
    elsewhere = make_article(title="Storm warning", section=weather, authors=[ben])
    pages = {
        "article": article.get_absolute_url(),
        "neighbour": neighbour.get_absolute_url(),
        "elsewhere": elsewhere.get_absolute_url(),
        "home": "/",
        "harbour": harbour.get_absolute_url(),
        "weather": weather.get_absolute_url(),
        "tides": tides.get_absolute_url(),
        "ada": ada.get_absolute_url(),
        "feed": "/feed/",
        "weather feed": f"{weather.get_absolute_url()}feed/",
        "articles sitemap": "/sitemap-articles.xml",
        "tags sitemap": "/sitemap-tags.xml",
        "authors sitemap": "/sitemap-authors.xml",
    }
    for url in pages.values():
        assert Client().get(url).status_code == 200, url
    return Site(article, neighbour, elsewhere, pages)


def made_again(site):
    """The names of the pages made again rather than served from the cache."""
    renewed = set()
    for name, url in site.pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(url)
        assert response.status_code == 200, url
        if queries.captured_queries:
            renewed.add(name)
    return renewed


EVERY_PAGE = {
    "article",
    "neighbour",
    "elsewhere",
    "home",
    "harbour",
    "weather",
    "tides",
    "ada",
    "feed",
    "weather feed",
    "articles sitemap",
    "tags sitemap",
    "authors sitemap",
}
HTML_PAGES = {"article", "neighbour", "elsewhere", "home", "harbour", "weather", "tides", "ada"}


def test_nothing_is_made_again_without_a_write(site):
    assert made_again(site) == set()


# Comments ---------------------------------------------------------------------------------------


def test_a_comment_approved_renews_its_article_and_what_shows_its_count_only(site):
    comment = make_comment(site.article)

    comment.moderate(Comment.Status.APPROVED, by=make_moderator())

    # Its page, and every list or related card with its comment count.
    assert made_again(site) == {"article", "neighbour", "home", "harbour", "tides", "ada"}


def test_a_new_pending_comment_renews_nothing(site):
    make_comment(site.article)

    assert made_again(site) == set()


def test_an_approved_comment_removed_renews_its_article(site):
    comment = make_comment(site.elsewhere, status=Comment.Status.APPROVED)
    made_again(site)

    comment.moderate(Comment.Status.REMOVED, by=make_moderator())

    assert made_again(site) == {"elsewhere", "home", "weather"}


def test_a_comment_approved_on_one_article_leaves_the_threads_of_another_in_place(site):
    """Staff go past the page cache; the other article's threads still come from the
    fragment cache: its comments are not read again."""
    make_comment(site.elsewhere, body="Stays as it was.", status=Comment.Status.APPROVED)
    staff = Client()
    staff.force_login(make_editor())
    staff.get(site.elsewhere.get_absolute_url())

    make_comment(site.article).moderate(Comment.Status.APPROVED, by=make_moderator())
    with CaptureQueriesContext(connection) as queries:
        page = staff.get(site.elsewhere.get_absolute_url()).content.decode()

    assert "Stays as it was." in page
    assert not any('"comments_comment"."body_html"' in q["sql"] for q in queries.captured_queries)


# Articles ---------------------------------------------------------------------------------------


def test_an_article_saved_renews_its_page_its_lists_and_where_it_is_related(site):
    site.article.title = "Harbour reopens at last"
    site.article.save()

    assert made_again(site) == {
        "article",
        "neighbour",  # shows it as related
        "home",
        "harbour",
        "tides",
        "ada",
        "feed",
        "articles sitemap",
    }


def test_an_article_moved_to_another_section_renews_both_sections(site):
    site.article.section = site.elsewhere.section
    site.article.save()

    renewed = made_again(site)

    assert {"harbour", "weather", "weather feed", "neighbour", "elsewhere"} <= renewed
    assert "authors sitemap" not in renewed


def test_an_article_unpublished_leaves_every_list_it_was_in(site):
    site.article.status = Article.Status.DRAFT
    site.article.save()

    renewed = made_again_but(site, missing="article")

    assert renewed == {"neighbour", "home", "harbour", "tides", "ada", "feed", "articles sitemap"}


def test_an_article_alone_in_its_month_changes_the_archive_in_every_footer(site):
    site.elsewhere.published_at = timezone.now() - timedelta(days=400)
    site.elsewhere.save()

    assert made_again(site) >= HTML_PAGES


def test_an_article_saved_within_its_month_leaves_the_footer_alone(site):
    site.elsewhere.title = "Storm warning lifted"
    site.elsewhere.save()

    assert made_again(site).isdisjoint({"article", "neighbour", "harbour", "tides", "ada"})


def test_a_draft_saved_renews_no_public_page(site):
    draft = make_article(title="Not yet", section=site.article.section, published=False)
    made_again(site)  # making it created its author, whose sitemap shows them

    draft.title = "Still not yet"
    draft.save()

    assert made_again(site) == set()


def test_a_new_image_renews_the_article_and_its_lists(site):
    make_image(site.elsewhere, is_lead=True)

    assert made_again(site) == {"elsewhere", "home", "weather", "feed", "weather feed"} | {
        "articles sitemap"
    }


def test_a_source_added_renews_the_article_and_its_lists(site):
    make_source(site.elsewhere)

    renewed = made_again(site)

    assert "elsewhere" in renewed
    assert renewed.isdisjoint({"article", "neighbour", "harbour", "tides", "ada"})


def test_tagging_an_article_renews_it_and_the_tags_list(site):
    site.elsewhere.tags.add(site.article.tags.get())

    renewed = made_again(site)

    assert {"elsewhere", "tides"} <= renewed
    assert renewed.isdisjoint({"article", "neighbour", "harbour", "ada"})


def test_an_article_saved_renews_the_pages_showing_it_as_read_also(site):
    weather = site.elsewhere.section
    pointing = make_article(
        section=weather, body=f"Text.\n\n[Read]({site.article.get_absolute_url()})\n\nMore."
    )
    site.pages["pointing"] = pointing.get_absolute_url()
    made_again(site)
    assert "Harbour reopens" in Client().get(pointing.get_absolute_url()).content.decode()

    site.article.title = "Harbour reopens for good"
    site.article.save()

    renewed = made_again(site)
    assert "pointing" in renewed
    assert "elsewhere" not in renewed
    assert "Harbour reopens for good" in Client().get(pointing.get_absolute_url()).content.decode()


def test_choosing_a_related_article_renews_the_page_that_shows_it(site):
    site.elsewhere.related.add(site.neighbour)

    assert made_again(site) == {"elsewhere"}


# Sections, tags and authors ---------------------------------------------------------------------


def test_a_section_renamed_renews_every_page_with_the_navigation(site):
    section = site.elsewhere.section
    section.name = "Climate"
    section.save()

    renewed = made_again(site)

    assert renewed >= HTML_PAGES
    assert renewed.isdisjoint({"articles sitemap", "tags sitemap", "authors sitemap"})


def test_a_tag_renamed_renews_the_pages_that_show_it(site):
    tag = site.article.tags.get()
    tag.name = "Tidal"
    tag.save()

    assert made_again(site) == {"article", "tides", "feed", "tags sitemap"}


def test_an_author_renamed_renews_the_pages_that_show_the_name(site):
    ada = site.article.bylines.get().author
    ada.name = "Ada L."
    ada.save()

    renewed = made_again(site)

    assert {"article", "home", "harbour", "tides", "ada", "feed", "authors sitemap"} <= renewed
    assert renewed.isdisjoint({"elsewhere", "weather", "weather feed", "tags sitemap"})


def made_again_but(site, *, missing):
    """``made_again()`` for every page but ``missing``, which must now answer 404."""
    url = site.pages.pop(missing)
    assert Client().get(url).status_code == 404
    return made_again(site)


def test_the_lists_exercised_here_cover_every_page(site):
    assert set(site.pages) == EVERY_PAGE
