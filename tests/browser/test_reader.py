"""A reader browses: home, a section, an article, one of its tags, another article; pages."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import image_file, make_article, make_image, make_section, make_tag

from .tools import LIVE_SERVER_DB

pytestmark = [pytest.mark.browser, LIVE_SERVER_DB]

JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


@pytest.fixture
def site():
    """Two sections; "World" has a page and a half of articles; a tag joins two sections."""
    now = timezone.now()
    world = make_section(name="World", slug="world", position=1)
    science = make_section(name="Science", slug="science", position=2)
    climate = make_tag(name="Climate", slug="climate")
    summit = make_article(
        title="Leaders meet at the climate summit",
        section=world,
        tags=[climate],
        published_at=now - timedelta(minutes=1),
    )
    make_image(summit, image=image_file(size=(1200, 675)), is_lead=True, alt_text="A podium")
    glacier = make_article(
        title="Glaciers retreat faster than measured",
        section=science,
        tags=[climate],
        published_at=now - timedelta(days=3),
    )
    for n in range(21):
        make_article(
            title=f"World brief {n + 1:02}",
            section=world,
            published_at=now - timedelta(hours=2, minutes=n),
        )
    return {"world": world, "science": science, "summit": summit, "glacier": glacier}


@JAVASCRIPT
def test_reader_goes_from_home_to_section_article_tag_and_another_article(
    new_context, site, javascript
):
    context = new_context(java_script_enabled=javascript)
    page = context.new_page()

    page.goto("/")
    lead = page.locator(".lead-story")
    assert lead.get_by_role("heading").inner_text() == "Leaders meet at the climate summit"
    assert lead.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")

    page.get_by_role("navigation", name="Sections").get_by_role("link", name="World").click()
    page.wait_for_url("**/sections/world/")
    assert page.get_by_role("heading", level=1).inner_text() == "World"
    assert page.locator("a[aria-current=page]").inner_text() == "World"

    page.get_by_role("link", name="Leaders meet at the climate summit").click()
    page.wait_for_url(f"**{site['summit'].get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Leaders meet at the climate summit"
    )
    assert page.locator(".article-figure--lead img").get_attribute("alt") == "A podium"

    page.locator(".article-tags").get_by_role("link", name="Climate").click()
    page.wait_for_url("**/tags/climate/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tag: Climate"
    titles = page.locator(".article-card__title").all_inner_texts()
    assert titles == [
        "Leaders meet at the climate summit",
        "Glaciers retreat faster than measured",
    ]

    page.get_by_role("link", name="Glaciers retreat faster than measured").click()
    page.wait_for_url(f"**{site['glacier'].get_absolute_url()}")
    assert page.locator(".kicker").first.inner_text().casefold() == "science"
    assert context.external_requests == []


@JAVASCRIPT
def test_reader_pages_through_lists_and_back(new_context, site, javascript):
    page = new_context(java_script_enabled=javascript).new_page()
    for path in ["/", "/sections/world/"]:
        page.goto(path)
        assert page.locator(".page-item.active").inner_text() == "Page 1 of 2"
        first_titles = page.locator(".article-card__title, .lead-story__title").all_inner_texts()
        assert len(first_titles) == 20

        page.get_by_role("link", name="Next").click()
        page.wait_for_url(f"**{path}?page=2")
        assert page.locator(".page-item.active").inner_text() == "Page 2 of 2"
        assert page.get_by_role("link", name="Next").count() == 0
        second_titles = page.locator(".article-card__title").all_inner_texts()
        assert second_titles
        assert not set(second_titles) & set(first_titles)

        page.get_by_role("link", name="Previous").click()
        page.wait_for_url(f"**{path}")
        assert page.locator(".page-item.active").inner_text() == "Page 1 of 2"


@JAVASCRIPT
def test_reader_searches_from_the_header_and_opens_a_result(new_context, site, javascript):
    page = new_context(java_script_enabled=javascript).new_page()
    page.goto("/sections/science/")

    search = page.locator(".site-header").get_by_role("search")
    search.get_by_role("searchbox", name="Search articles").fill("glaciers")
    search.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/search/?q=glaciers")

    results = page.locator(".search-result")
    expect(results).to_have_count(1)
    title = results.get_by_role("link", name="Glaciers retreat faster than measured")
    expect(title.locator("mark").first).to_be_visible()
    title.click()
    page.wait_for_url(f"**{site['glacier'].get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Glaciers retreat faster than measured"
    )
