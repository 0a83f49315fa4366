"""What keeps pages cheap to make stays invisible to readers: the menu and footer kept between
changes, cards without bodies, related articles found by index, excerpts from the start of the
body."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import search
from articles.models import Article
from tests.factories import make_article, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)
FOOTER_MONTH = '<li class="list-inline-item"><a href="/archive/{}/{}/">'


def footer_has_month(response, year, month):
    return FOOTER_MONTH.format(year, f"{month:02d}") in response.content.decode()


def test_menu_and_footer_are_read_once_until_the_next_change(client):
    with time_machine.travel(NOW, tick=False):
        make_article(published_at=NOW - timedelta(days=1))
        client.get(reverse("articles:home"))  # makes them

        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("articles:home") + "?page=1")
        assert footer_has_month(response, 2025, 6)
        assert not [
            q for q in queries if "articles_section" in q["sql"] and "JOIN" not in q["sql"]
        ]

        make_article(published_at=datetime(2025, 5, 2, tzinfo=UTC))  # a change
        response = client.get(reverse("articles:home"))
        assert footer_has_month(response, 2025, 5)


def test_a_scheduled_article_brings_its_month_to_the_footer_when_it_comes_out(client, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 365 * 24 * 3600  # kept while the clock moves on
    with time_machine.travel(NOW, tick=False):
        make_article(published_at=NOW - timedelta(days=1))
        make_article(published_at=datetime(2025, 7, 1, 9, tzinfo=UTC))  # scheduled
        make_article(published_at=datetime(2025, 8, 1, 9, tzinfo=UTC))  # scheduled
        response = client.get(reverse("articles:home"))
        assert footer_has_month(response, 2025, 6)
        assert not footer_has_month(response, 2025, 7)

    # No write in between: the time alone changes the footer, each time.
    with time_machine.travel(datetime(2025, 7, 1, 9, 1, tzinfo=UTC), tick=False):
        response = client.get(reverse("articles:home"))
        assert footer_has_month(response, 2025, 7)
        assert not footer_has_month(response, 2025, 8)
    with time_machine.travel(datetime(2025, 8, 1, 9, 1, tzinfo=UTC), tick=False):
        assert footer_has_month(client.get(reverse("articles:home")), 2025, 8)


def test_cards_are_loaded_without_the_body():
    make_article()
    (article,) = Article.objects.published().for_listing()
    assert article.get_deferred_fields() == {"body", "body_html"}


def test_related_articles_are_the_latest_of_a_long_section_after_the_chosen_ones():
    section = make_section()
    article = make_article(section=section)
    others = [make_article(section=section) for _ in range(12)]  # newest first
    chosen = others[-1]
    article.related.add(chosen)

    assert article.related_for_readers() == [chosen, *others[:3]]
    assert article.related_for_readers(limit=6) == [chosen, *others[:5]]


def test_excerpts_come_from_the_start_of_a_long_body(client):
    filler = "Filler words fill the page. " * (search.BODY_EXCERPT_CHARS // 28)
    make_article(
        title="Harbour news",
        standfirst="A summary.",
        body="The harbour opened. " + filler + "The lighthouse shone.",
    )

    near = client.get(reverse("articles:search"), {"q": "harbour"}).content.decode()
    far = client.get(reverse("articles:search"), {"q": "lighthouse"}).content.decode()

    assert "The <mark>harbour</mark> opened. Filler words" in near
    assert "<mark>lighthouse</mark>" not in far  # found, but too far for an excerpt
    assert '<p class="search-result__excerpt">A summary.</p>' in far


def test_an_excerpt_at_the_end_of_the_body_start_says_that_more_follows():
    filler = "Filler words fill the page. " * (search.BODY_EXCERPT_CHARS // 28 - 2)
    make_article(title="Tides", standfirst="Sea.", body=filler + "The lighthouse shone. " * 20)

    (article,) = search.add_highlights(
        search.with_body_start(search.search_articles("lighthouse").for_listing()), "lighthouse"
    )

    assert "<mark>lighthouse</mark>" in article.excerpt
    assert article.excerpt.endswith(" …")
