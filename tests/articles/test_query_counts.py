"""Each reader page runs a fixed number of SQL queries, however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_article,
    make_author,
    make_image,
    make_section,
    make_source,
    make_tag,
)

pytestmark = pytest.mark.django_db

# The most any reader page may run; the comparisons below keep it from growing with content.
QUERY_BUDGET = 16


def build_newsroom(*, articles, items_per_article):
    """``articles`` articles in one section, by the same authors, each with
    ``items_per_article`` images, sources and tags; returns the pages' URLs."""
    section = make_section()
    authors = [make_author(), make_author()]
    tags = [make_tag() for _ in range(items_per_article)]
    created = []
    for _ in range(articles):
        article = make_article(section=section, authors=authors, tags=tags)
        for number in range(1, items_per_article + 1):
            make_image(article, order=number, is_lead=number == 1)
            make_source(article, order=number)
        created.append(article)
    article = created[0]
    article.body = "Text.\n\n[figure 2]\n\n" + "".join(
        f"[Read]({other.get_absolute_url()})\n\n" for other in created[1:3]
    )
    article.save()
    article.related.add(*created[3:5])
    return {
        "home": "/",
        "section": section.get_absolute_url(),
        "tag": tags[0].get_absolute_url(),
        "author": authors[0].get_absolute_url(),
        "article": article.get_absolute_url(),
    }


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


PAGES = ["home", "section", "tag", "author", "article"]


@pytest.mark.parametrize(
    ("less", "more"),
    [
        pytest.param(
            {"articles": 5, "items_per_article": 2},
            {"articles": 50, "items_per_article": 2},
            id="5-vs-50-articles",
        ),
        pytest.param(
            {"articles": 5, "items_per_article": 1},
            {"articles": 5, "items_per_article": 10},
            id="1-vs-10-images-sources-tags",
        ),
    ],
)
def test_query_counts_do_not_grow_with_content(client, less, more):
    small = build_newsroom(**less)
    small_counts = {page: queries_for(client, small[page]) for page in PAGES}

    large = build_newsroom(**more)
    large_counts = {page: queries_for(client, large[page]) for page in PAGES}

    assert large_counts == small_counts
    assert max(large_counts.values()) <= QUERY_BUDGET
