from datetime import datetime

import pytest
from django.utils import timezone

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def at(year, month, day=10):
    return timezone.make_aware(datetime(year, month, day, 12, 0))


def test_month_archive_lists_that_months_published_articles(client):
    make_article(title="March story", published_at=at(2025, 3))
    make_article(title="April story", published_at=at(2025, 4))
    make_article(title="March draft", published=False, published_at=at(2025, 3))

    response = client.get("/archive/2025/03/")

    assert response.status_code == 200
    assert [a.title for a in response.context["articles"]] == ["March story"]


def test_month_archive_paginates(client):
    section = make_section()
    for day in range(1, 23):
        make_article(section=section, published_at=at(2025, 5, day))

    assert len(client.get("/archive/2025/05/").context["articles"]) == 20
    assert len(client.get("/archive/2025/05/?page=2").context["articles"]) == 2
    assert client.get("/archive/2025/05/?page=3").status_code == 404


def test_empty_or_future_months_are_not_found(client):
    make_article(published_at=at(2025, 3))

    assert client.get("/archive/2025/02/").status_code == 404
    assert client.get("/archive/2999/01/").status_code == 404
    assert client.get("/archive/2025/13/").status_code == 404


def test_year_page_links_the_months_that_have_articles(client):
    make_article(published_at=at(2025, 3))
    make_article(published_at=at(2025, 7))

    html = client.get("/archive/2025/").content.decode()

    assert 'href="/archive/2025/03/"' in html
    assert 'href="/archive/2025/07/"' in html
    assert 'href="/archive/2025/05/"' not in html


def test_footer_links_to_the_latest_months(client):
    make_article(published_at=at(2025, 3))
    make_article(published_at=at(2025, 7))

    html = client.get("/").content.decode()

    assert 'href="/archive/2025/07/"' in html and 'href="/archive/2025/03/"' in html
