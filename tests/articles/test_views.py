from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.images import renditions
from articles.models import Article
from tests.factories import (
    make_article,
    make_author,
    make_image,
    make_section,
    make_source,
    make_tag,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_home_lists_published_articles_newest_first(client):
    older = make_article(title="Older story", published_at=timezone.now() - timedelta(days=2))
    newer = make_article(title="Newer story", published_at=timezone.now() - timedelta(hours=1))

    response = client.get("/")

    assert response.status_code == 200
    assert list(response.context["articles"]) == [newer, older]
    html = response.content.decode()
    assert html.index("Newer story") < html.index("Older story")


def test_home_hides_drafts_and_scheduled_articles(client):
    make_article(title="Visible story")
    make_article(title="Draft story", published=False)
    make_article(title="Scheduled story", published_at=timezone.now() + timedelta(hours=3))

    html = client.get("/").content.decode()

    assert "Visible story" in html
    assert "Draft story" not in html
    assert "Scheduled story" not in html


def test_home_shows_lead_story_image_with_its_dimensions(client):
    article = make_article()
    image = make_image(article, is_lead=True, alt_text="Crowd at the harbour")
    card = renditions.picture(image.renditions, "16x9")

    html = client.get("/").content.decode()

    assert card.src in html
    assert f'width="{card.width}"' in html and f'height="{card.height}"' in html
    assert 'alt="Crowd at the harbour"' in html


def test_home_paginates_twenty_articles_a_page(client):
    section = make_section()
    for _ in range(21):
        make_article(section=section)

    first = client.get("/")
    second = client.get("/?page=2")

    assert len(first.context["articles"]) == 20
    assert len(second.context["articles"]) == 1
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize("page", ["3", "0", "abc", "-1"])
def test_unknown_page_numbers_are_not_found(client, page):
    make_article()

    assert client.get(f"/?page={page}").status_code == 404


def test_section_page_lists_only_its_articles(client):
    politics, sport = make_section(name="Politics"), make_section(name="Sport")
    make_article(title="Vote tonight", section=politics)
    make_article(title="Match report", section=sport)

    response = client.get(politics.get_absolute_url())

    assert response.status_code == 200
    assert [a.title for a in response.context["articles"]] == ["Vote tonight"]
    assert "Politics" in response.content.decode()


def test_tag_page_lists_only_tagged_articles(client):
    climate = make_tag(name="Climate")
    make_article(title="Glaciers retreat", tags=[climate])
    make_article(title="Budget vote")

    response = client.get(climate.get_absolute_url())

    assert [a.title for a in response.context["articles"]] == ["Glaciers retreat"]


def test_author_page_shows_bio_and_their_articles(client):
    author = make_author(name="Camille Martin", bio="Covers science since 2010.")
    make_article(title="Comet sighted", authors=[author])
    make_article(title="Someone else's story")

    response = client.get(author.get_absolute_url())
    html = response.content.decode()

    assert [a.title for a in response.context["articles"]] == ["Comet sighted"]
    assert "Covers science since 2010." in html


@pytest.mark.parametrize("prefix", ["sections", "tags", "authors", "articles"])
def test_unknown_slugs_are_not_found(client, prefix):
    assert client.get(f"/{prefix}/no-such-thing/").status_code == 404


def test_article_page_shows_the_whole_story(client):
    first, second = make_author(name="Ana Lopez"), make_author(name="Wire Desk")
    tag = make_tag(name="Oceans")
    article = make_article(
        title="Reef recovers",
        standfirst="Coral is back after a decade.",
        body="Intro paragraph.\n\n## What divers saw\n\nFish everywhere.",
        authors=[first, second],
        tags=[tag],
    )
    make_image(
        article, is_lead=True, alt_text="Coral", caption="The reef in May", credit="J. Diver"
    )
    make_source(article, label="Marine institute report", kind="story")

    response = client.get(article.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1" in html and "Reef recovers" in html
    assert "Coral is back after a decade." in html
    assert "<h2>What divers saw</h2>" in html
    assert first.get_absolute_url() in html and second.get_absolute_url() in html
    assert html.index("Ana Lopez") < html.index("Wire Desk")
    assert f'datetime="{article.published_at:%Y-%m-%dT%H:%M:%S+0000}"' in html
    assert "The reef in May" in html and "J. Diver" in html
    assert "Sources and images" in html
    assert "Marine institute report" in html
    assert tag.get_absolute_url() in html


def test_article_page_places_figures_and_read_also_teasers_in_the_body(client):
    other = make_article(title="Earlier coverage of the reef")
    article = make_article(
        body=(
            "Opening.\n\n[figure 2]\n\nMiddle.\n\n"
            f"[Earlier coverage]({other.get_absolute_url()})\n\nEnd."
        )
    )
    make_image(article, order=1, is_lead=True, alt_text="Lead")
    make_image(article, order=2, alt_text="Divers at work", caption="Divers at work, May")
    article.refresh_body()

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.index("Opening.") < html.index("Divers at work, May") < html.index("Middle.")
    assert html.index("Middle.") < html.index("Earlier coverage of the reef") < html.index("End.")
    assert "Read also" in html


def test_read_also_teaser_to_an_unpublished_article_is_not_shown(client):
    draft = make_article(title="Secret draft", published=False)
    article = make_article(body=f"Start.\n\n[Draft]({draft.get_absolute_url()})\n\nEnd.")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Secret draft" not in html
    assert draft.get_absolute_url() not in html


def test_article_page_lists_explicit_related_articles_before_same_section_ones(client):
    section = make_section()
    article = make_article(section=section)
    neighbour = make_article(title="Same section neighbour", section=section)
    chosen = make_article(title="Chosen by the editor")
    article.related.add(chosen)

    response = client.get(article.get_absolute_url())

    assert response.context["related_articles"] == [chosen, neighbour]


def test_draft_and_scheduled_articles_are_not_found_for_the_public(client):
    draft = make_article(published=False)
    scheduled = make_article(published_at=timezone.now() + timedelta(days=1))

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_scheduled_article_appears_by_itself_when_its_time_comes(client):
    when = timezone.now() + timedelta(hours=2)
    article = make_article(title="Embargoed results", published_at=when)

    assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(when + timedelta(minutes=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Embargoed results" in client.get("/").content.decode()


def test_changed_slug_of_published_article_redirects_permanently(client):
    article = make_article(slug="first-title")
    article.slug = "better-title"
    article.save()

    response = client.get("/articles/first-title/")

    assert response.status_code == 301
    assert response["Location"] == "/articles/better-title/"


def test_old_slug_of_unpublished_article_does_not_redirect(client):
    article = make_article(slug="first-title")
    article.slug = "better-title"
    article.status = Article.Status.DRAFT
    article.save()

    assert client.get("/articles/first-title/").status_code == 404


def test_staff_preview_shows_draft_with_banner(client):
    draft = make_article(title="Work in progress", published=False)
    client.force_login(make_user(is_staff=True, groups=["Editors"]))

    response = client.get(draft.get_preview_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert "Work in progress" in html
    assert "Preview" in html and "not published" in html
    # never_cache's own words: the page cache says "private, max-age=0" to any session anyway.
    directives = {directive.strip() for directive in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "must-revalidate"} <= directives
    assert response["X-Robots-Tag"].startswith("noindex")


def test_published_article_page_has_no_preview_banner(client):
    article = make_article()

    html = client.get(article.get_absolute_url()).content.decode()

    # The banner of a live article's preview says "Preview", not "not published".
    assert "preview-banner" not in html
    assert "Preview" not in html


@pytest.mark.parametrize("user_kind", ["anonymous", "reader", "staff_without_permission"])
def test_preview_is_not_found_for_anyone_but_permitted_staff(client, user_kind):
    draft = make_article(published=False)
    if user_kind == "reader":
        client.force_login(make_user())
    elif user_kind == "staff_without_permission":
        client.force_login(make_user(is_staff=True))

    assert client.get(draft.get_preview_url()).status_code == 404


def test_not_found_page_is_styled_and_friendly(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<main" in html
    assert reverse("articles:home") in html
