"""Every public page's header and footer are kept as made: pages made for each reader (staff, a
reader with a pending comment, the first reader after a change) reuse them, and they still
mark the page shown, follow the menu and the site's pages, and turn with the year."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pages.models import Page
from tests.factories import make_article, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

HEADER = "includes/site_header.html"
FOOTER = "includes/site_footer.html"


def rendered(response):
    return {template.name for template in response.templates}


def current_links(response):
    html = response.content.decode()
    return [
        part.split(">", 1)[0]
        for part in html.split("<a ")[1:]
        if "aria-current" in part.split(">", 1)[0]
    ]


def test_the_header_and_footer_are_made_once_for_every_page(client):
    article = make_article()
    first = client.get(reverse("articles:home"))
    assert {HEADER, FOOTER} <= rendered(first)

    again = client.get(article.get_absolute_url())

    assert again.status_code == 200
    assert not {HEADER, FOOTER} & rendered(again)
    html = again.content.decode()
    assert article.section.name in html[html.index('<header class="site-header">') :]
    assert "/archive/" in html[html.index('<footer class="site-footer">') :]


def test_the_section_shown_is_marked_in_the_menu_and_no_other_page_marks_it(client):
    section = make_section(name="Harbour")
    article = make_article(section=section)
    client.get(reverse("articles:home"))  # the menu kept, nothing marked

    on_section = current_links(client.get(section.get_absolute_url()))
    elsewhere = [
        current_links(client.get(url))
        for url in (reverse("articles:home"), article.get_absolute_url())
    ]

    assert on_section == [
        f'class="nav-link" href="{section.get_absolute_url()}" aria-current="page"'
    ]
    assert elsewhere == [[], []]


def test_a_page_of_the_footer_is_marked_there_and_only_there(client):
    Page.objects.create(title="About us", slug="about", body="Who we are.", in_footer=True)
    client.get(reverse("articles:home"))

    assert current_links(client.get("/about/")) == ['href="/about/" aria-current="page"']
    assert current_links(client.get(reverse("articles:home"))) == []


def test_a_section_renamed_shows_in_the_kept_menu_at_once(client):
    section = make_section(name="Harbour")
    make_article(section=section)
    client.get(reverse("articles:home"))

    section.name = "Port news"
    section.save()

    html = client.get(reverse("articles:home")).content.decode()
    assert "Port news" in html and "Harbour" not in html


def test_the_copyright_year_turns_with_the_year_without_any_write(client, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 365 * 24 * 3600
    settings.NEWSROOM_SITE_NAME = "Le Quotidien"
    settings.TIME_ZONE = "Europe/Paris"
    make_article(published_at=datetime(2025, 12, 1, tzinfo=UTC))
    with time_machine.travel(datetime(2025, 12, 31, 22, 59, tzinfo=UTC), tick=False):
        assert "© 2025 Le Quotidien" in client.get(reverse("articles:home")).content.decode()

    # Midnight in Paris is 23:00 UTC.
    with time_machine.travel(datetime(2025, 12, 31, 23, 0, 1, tzinfo=UTC), tick=False):
        assert "© 2026 Le Quotidien" in Client().get(reverse("articles:home")).content.decode()
