"""Search results keep what does not depend on the query (link, section, bylines, date) between
pages made with the page cache off: readers never see a kept part that is out of date, nor one
query's highlights on another's page."""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_author, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]

SEARCH_URL = reverse("articles:search")


def search_page(client, query):
    response = client.get(SEARCH_URL, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_each_query_gets_its_own_highlights_on_the_same_results(client):
    make_article(title="Reef survey", standfirst="Divers count fish on the reef.")

    reef = search_page(client, "reef")
    fish = search_page(client, "fish")

    assert "<mark>Reef</mark> survey" in reef and "on the <mark>reef</mark>." in reef
    assert "Reef survey</a>" in fish and "count <mark>fish</mark> on the reef." in fish


def test_a_renamed_author_section_or_article_shows_at_once(client):
    author, section = make_author(name="Ann Lee"), make_section(name="Science")
    article = make_article(title="Reef survey", authors=[author], section=section)
    search_page(client, "reef")  # kept

    author.name, section.name = "Ann Lee-Smith", "Oceans"
    author.save(), section.save()
    article.slug = "the-reef-survey"
    article.save()
    html = search_page(client, "reef")

    assert ">Ann Lee-Smith</a>" in html and ">Oceans</a>" in html
    assert 'href="/articles/the-reef-survey/"' in html


def test_a_slot_typed_by_an_editor_is_text_not_a_slot(client):
    make_article(
        title="Reef <!--search-excerpt--> news",
        standfirst="The reef <!--search-title--> grows.",
        section=make_section(name="<!--search-title-->"),
    )

    html = search_page(client, "reef")

    assert "<mark>Reef</mark> &lt;!--search-excerpt--&gt; news" in html
    assert "The <mark>reef</mark> &lt;!--search-title--&gt; grows." in html
    assert ">&lt;!--search-title--&gt;</a>" in html
    assert "<!--search-" not in html
