"""An editor reorders the home page's top stories and posts a breaking-news alert; a reader sees
both, without anything moving under their eyes; the alert then ends by itself."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from fronts.models import Front, Placement
from tests.factories import image_file, make_article, make_editor, make_image, make_section
from tests.fronts.factories import make_lead, make_placement

from .tools import LIVE_SERVER_DB, axe_violations, log_in_to_admin

pytestmark = [pytest.mark.browser, LIVE_SERVER_DB]

ALERT = "Storm: the coast road is closed"

# Sums every layout shift the page makes without the reader's input, from its first paint.
MEASURE_LAYOUT_SHIFT = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.layoutShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture
def front():
    """A home page led by an older story, with three top stories, all with pictures."""
    now = timezone.now()
    world = make_section(name="World", slug="world")
    stories = {}
    for hours, title in enumerate(
        ["Harbour reopens", "Ferries resume", "Tide tables", "Market day", "Summit opens"],
        start=1,
    ):
        stories[title] = make_article(
            title=title, section=world, published_at=now - timedelta(hours=hours)
        )
        make_image(
            stories[title],
            image=image_file(size=(1200, 675), color=(30 * hours, 90, 140)),
            is_lead=True,
            alt_text=f"A picture for {title}",
        )
    make_lead(stories["Summit opens"])
    for title in ["Ferries resume", "Tide tables", "Market day"]:
        make_placement(stories[title])
    return stories


def top_stories(page):
    return page.locator(".top-stories .article-card__title").all_inner_texts()


def reorder_top_stories(page):
    """Drag "Market day" to the top, then move "Ferries resume" down with the keyboard."""
    log_in_to_admin(page, make_editor(), "/admin/fronts/")
    page.goto(f"/admin/fronts/front/{Front.objects.home().pk}/change/")
    rows = page.locator("#placements-group tbody tr.form-row.has_original")
    expect(rows).to_have_count(4)

    market = rows.filter(has_text="Market day")
    first_top = rows.filter(has_text="Ferries resume")
    drag(page, market.locator(".placement-order__handle"), onto_top_of=first_top)
    positions = page.locator("#placements-group tbody tr.has_original input[name$='-position']")
    assert positions.evaluate_all("inputs => inputs.map(i => i.value)") == ["1", "2", "3", "4"]
    titles = rows.locator("select[name$='-article'] option:checked").all_inner_texts()
    assert titles == ["Summit opens", "Market day", "Ferries resume", "Tide tables"]

    move_down = rows.filter(has_text="Ferries resume").get_by_role("button", name="Move down")
    move_down.focus()
    page.keyboard.press("Enter")
    expect(move_down).to_be_focused()  # the focus goes with the row
    expect(page.locator(".placement-order__status")).to_have_text(
        "Moved to position 4 of 4: Ferries resume"
    )

    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    home = Front.objects.home()
    titles = home.placements.filter(role=Placement.Role.TOP).values_list(
        "article__title", flat=True
    )
    assert list(titles) == ["Market day", "Tide tables", "Ferries resume"]


def drag(page, handle, *, onto_top_of):
    """Drag ``handle`` by the mouse, in small steps as a hand does, to the top edge of a row."""
    handle.scroll_into_view_if_needed()
    start, target = handle.bounding_box(), onto_top_of.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(target["x"] + 8, target["y"] + 3, steps=12)
    page.mouse.up()


def post_alert(page, ends_at):
    page.goto("/admin/fronts/alert/add/")
    page.fill("#id_text", ALERT)
    page.fill("#id_url", "/sections/world/")
    local = timezone.localtime(ends_at)
    page.fill("#id_ends_at_0", local.strftime("%Y-%m-%d"))
    page.fill("#id_ends_at_1", local.strftime("%H:%M:%S"))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_editor_reorders_top_stories_and_posts_an_alert_a_reader_sees_both_until_it_ends(
    new_context, front
):
    reader = new_context()
    reader.add_init_script(MEASURE_LAYOUT_SHIFT)
    home = reader.new_page()
    home.goto("/")  # the reader's home page is now in the page cache
    assert top_stories(home) == ["Ferries resume", "Tide tables", "Market day"]
    expect(home.locator(".breaking-news")).to_have_count(0)

    editor = new_context().new_page()
    reorder_top_stories(editor)
    ends_at = timezone.now() + timedelta(hours=1)
    post_alert(editor, ends_at)

    home.reload()
    alert = home.get_by_role("status")
    expect(alert).to_contain_text(f"Breaking news {ALERT}")
    expect(alert.get_by_role("link", name=ALERT)).to_have_attribute("href", "/sections/world/")
    assert top_stories(home) == ["Market day", "Tide tables", "Ferries resume"]
    lead = home.locator(".lead-story")
    expect(lead.get_by_role("heading")).to_have_text("Summit opens")
    image = lead.locator("img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    # The renditions' 16:9 crop, whatever the picture's own shape.
    ratio = image.evaluate("img => img.naturalWidth / img.naturalHeight")
    assert abs(ratio - 16 / 9) < 0.02
    home.wait_for_load_state("load")
    home.wait_for_timeout(500)
    assert home.evaluate("PerformanceObserver.supportedEntryTypes.includes('layout-shift')")
    assert home.evaluate("window.layoutShift") == 0
    assert axe_violations(home) == []
    for path in ["/sections/world/", front["Tide tables"].get_absolute_url()]:
        home.goto(path)
        expect(home.get_by_role("status")).to_contain_text(ALERT)
        assert home.evaluate("window.layoutShift") == 0, path

    with time_machine.travel(ends_at + timedelta(seconds=1)):
        for path in ["/", "/sections/world/", front["Tide tables"].get_absolute_url()]:
            home.goto(path)
            expect(home.locator(".breaking-news")).to_have_count(0)
        assert top_stories(home) == []  # on the article page: none
        home.goto("/")
        assert top_stories(home) == ["Market day", "Tide tables", "Ferries resume"]
    assert reader.external_requests == []
