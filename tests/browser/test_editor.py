"""An editor writes an article in the admin, previews it, schedules it, then publishes it now."""

from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import make_author, make_editor, make_section, make_tag

from .tools import LIVE_SERVER_DB, log_in_to_admin

pytestmark = [pytest.mark.browser, LIVE_SERVER_DB]

TITLE = "Harbour reopens after the storm"


def picture(path, size, color):
    Image.new("RGB", size, color).save(path, "JPEG", quality=85)
    return path


def choose(page, select_id, text):
    """Pick ``text`` in the admin's autocomplete (select2) widget of ``<select id=select_id>``."""
    page.locator(f"#{select_id} + .select2").click()
    search = page.locator(".select2-container--open .select2-search__field")
    option = page.locator(".select2-results__option", has_text=text)
    # select2 may drop a search typed while the previous one's answer was arriving: type again.
    for _attempt in range(3):
        search.fill(text)
        try:
            option.click(timeout=5000)
            break
        except PlaywrightTimeoutError:
            search.fill("")
    expect(page.locator(f"#{select_id} option:checked", has_text=text)).to_have_count(1)


def test_editor_writes_previews_schedules_and_publishes_an_article(page, tmp_path):
    make_section(name="Cities", slug="cities")
    make_author(name="Maria Lopez", slug="maria-lopez")
    make_tag(name="Transport", slug="transport")
    make_tag(name="Weather", slug="weather")
    lead = picture(tmp_path / "harbour.jpg", (1200, 675), (30, 90, 160))
    quay = picture(tmp_path / "quay.jpg", (800, 600), (90, 120, 60))
    log_in_to_admin(page, make_editor(), "/admin/articles/article/add/")

    page.fill("#id_title", TITLE)
    page.fill("#id_standfirst", "Ships are back in port a week after the storm.")
    page.fill(
        "#id_body",
        "The harbour reopened at dawn.\n\n[figure 2]\n\nTrade resumes on Monday.",
    )
    choose(page, "id_section", "Cities")
    choose(page, "id_tags", "Transport")
    choose(page, "id_tags", "Weather")
    choose(page, "id_bylines-0-author", "Maria Lopez")

    images = page.locator("#images-group")
    images.locator(".add-row a").click()
    images.locator(".add-row a").click()
    page.set_input_files("#id_images-0-image", lead)
    page.fill("#id_images-0-alt_text", "Cranes over the reopened harbour at dawn")
    page.fill("#id_images-0-caption", "The harbour at dawn")
    page.fill("#id_images-0-credit", "Port photo desk")
    page.check("#id_images-0-is_lead")
    page.fill("#id_images-0-order", "1")
    page.set_input_files("#id_images-1-image", quay)
    page.fill("#id_images-1-alt_text", "An empty quay")
    page.fill("#id_images-1-order", "2")

    sources = page.locator("#sources-group")
    for n, (label, url) in enumerate(
        [
            ("Port authority statement", "https://example.org/port"),
            ("Weather service report", "https://example.org/weather"),
        ]
    ):
        sources.locator(".add-row a").click()
        page.fill(f"#id_sources-{n}-label", label)
        page.fill(f"#id_sources-{n}-url", url)
        page.fill(f"#id_sources-{n}-order", str(n))

    # Scheduled: published, two days from now.
    page.select_option("#id_status", "published")
    later = timezone.localtime() + timedelta(days=2)
    page.fill("#id_published_at_0", later.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", later.strftime("%H:%M:%S"))
    page.locator("input[name=_continue]").click()

    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    article = Article.objects.get()
    assert article.slug == "harbour-reopens-after-the-storm"
    assert [t.name for t in article.tags.order_by("name")] == ["Transport", "Weather"]

    page.locator(".field-links").get_by_role("link", name="Preview").click()
    page.wait_for_url(f"**{article.get_preview_url()}")
    banner = page.locator(".preview-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Preview — not published")
    expect(banner).to_contain_text("Scheduled")
    expect(page.locator(".article-body figure img")).to_have_attribute("alt", "An empty quay")
    expect(page.locator(".article-figure--lead img")).to_have_attribute(
        "alt", "Cranes over the reopened harbour at dawn"
    )
    expect(page.locator(".article-sources")).to_contain_text("Port authority statement")
    expect(page.locator(".article-sources")).to_contain_text("Weather service report")

    page.goto("/")
    expect(page.get_by_text(TITLE)).to_have_count(0)

    page.goto("/admin/articles/article/")
    row = page.locator("#result_list tbody tr", has_text=TITLE)
    expect(row.locator(".field-state")).to_have_text("Scheduled")
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("publish_now")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 article published now.")
    expect(row.locator(".field-state")).to_have_text("Live")

    page.goto("/")
    lead_story = page.locator(".lead-story")
    expect(lead_story.get_by_role("heading")).to_have_text(TITLE)
    image = lead_story.locator("img")
    expect(image).to_have_attribute("alt", "Cranes over the reopened harbour at dawn")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
