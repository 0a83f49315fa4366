"""Accessibility in a real browser: axe-core's WCAG A/AA rules, the keyboard, small and wide
screens, and the dark colour scheme. Screenshots land in tests/artifacts/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from .content import build_site
from .tools import LIVE_SERVER_DB, axe_violations, horizontal_overflow, save_screenshot

pytestmark = [pytest.mark.browser, LIVE_SERVER_DB]

# Marks every control the keyboard should reach, in document order, and returns how many.
MARK_FOCUSABLE = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
  const reachable = [...document.querySelectorAll(selector)].filter(el =>
    !el.disabled && el.tabIndex >= 0 && el.checkVisibility({visibilityProperty: true}));
  reachable.forEach((el, index) => { el.dataset.tabStop = index; });
  return reachable.length;
}"""

# The focused element: its mark, and whether anything shows that it has the focus.
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return {
    stop: el.dataset.tabStop === undefined ? null : Number(el.dataset.tabStop),
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || el.name || '').trim().slice(0, 40),
    indicator: outline || style.boxShadow !== 'none',
  };
}"""


@pytest.fixture
def site():
    return build_site()


def open_comment_form_with_errors(page, site):
    """The article page as it comes back from a comment the server refused."""
    page.goto(site.feature.get_absolute_url())
    form = page.locator("form.comment-form")
    form.evaluate("form => { form.noValidate = true; }")  # let the server judge
    form.get_by_role("textbox", name="Name").fill("Ada Reader")
    form.get_by_role("textbox", name="Email").fill("not an email")
    with page.expect_navigation():
        form.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment-form__errors")).to_be_visible()


def each_page(page, site, only=None):
    """Visit every reader page in turn (or those named in ``only``), yielding each name once
    its page has loaded."""
    for name, path in site.pages.items():
        if only is None or name in only:
            page.goto(path)
            yield name
    if only is None or "404" in only:
        assert page.goto(site.missing).status == 404
        yield "404"
    if only is None or "comment form with errors" in only:
        open_comment_form_with_errors(page, site)
        yield "comment form with errors"


@pytest.mark.parametrize(
    ("scheme", "width", "only"),
    [
        ("light", 1280, None),
        ("dark", 1280, None),
        # A phone gets the same pages in another layout (the sections behind a button).
        ("light", 375, ["home", "article", "comment form with errors"]),
    ],
    ids=["light", "dark", "light-375px"],
)
def test_pages_have_no_wcag_a_or_aa_violations(new_context, site, scheme, width, only):
    page = new_context(color_scheme=scheme, viewport={"width": width, "height": 800}).new_page()
    violations = {name: axe_violations(page) for name in each_page(page, site, only)}

    # The page follows the system's colour scheme (prefers-color-scheme).
    body = page.evaluate(
        "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
    )
    background, text = (luminance(colour) for colour in body)
    if scheme == "dark":
        assert background < 0.05 and text > 0.5
    else:
        assert background > 0.9 and text < 0.1
    problems = {name: found for name, found in violations.items() if found}
    assert not problems, "\n".join(
        f"{name}:\n  " + "\n  ".join(found) for name, found in problems.items()
    )


def test_skip_link_comes_first_and_moves_the_focus_to_the_main_content(page, site):
    page.goto(site.feature.get_absolute_url())

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["width"] > 20 and box["height"] > 10, "the focused skip link must show"
    page.keyboard.press("Tab")
    expect(page.locator(".site-header .navbar-brand")).to_be_focused()
    for section in ["World", "Science", "Culture"]:
        page.keyboard.press("Tab")
        expect(page.locator(".site-header").get_by_role("link", name=section)).to_be_focused()

    page.reload()
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_tab_reaches_every_control_in_reading_order_with_a_visible_focus(page, site):
    page.goto(site.feature.get_absolute_url())
    count = page.evaluate(MARK_FOCUSABLE)
    assert count > 40  # header, article links, comments, form, related articles, footer

    reached = []
    for _ in range(count + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "body" or (reached and focused["stop"] == reached[0]["stop"]):
            break
        reached.append(focused)

    assert [f["stop"] for f in reached] == list(range(count))
    assert [f for f in reached if not f["indicator"]] == []


def test_layout_fits_small_screens_and_uses_wide_ones(new_context, site):
    """No page scrolls sideways at 320 or 375 px; at 1280 px the cards and the lead story
    spread out. Screenshots of home and article at 375 and 1280 px go to tests/artifacts/."""
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    overflow = {}
    for name in each_page(page, site):
        for width in (320, 375):
            page.set_viewport_size({"width": width, "height": 640})
            overflow[f"{name} at {width}px"] = horizontal_overflow(page)
        page.set_viewport_size({"width": 320, "height": 640})
    assert {where: px for where, px in overflow.items() if px > 0} == {}

    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in [("home", "/"), ("article", site.feature.get_absolute_url())]:
            page.goto(path)
            save_screenshot(page, f"{name}-{width}")

    page.goto("/")  # at 1280 px
    columns = "el => getComputedStyle(el).gridTemplateColumns.split(' ').length"
    assert page.locator(".card-grid").last.evaluate(columns) >= 3
    assert page.locator(".lead-story").evaluate(columns) == 2  # the text beside the picture
    assert page.locator("main").evaluate("main => main.clientWidth") > 900


def luminance(css_colour):
    """Relative luminance (WCAG) of an ``rgb(...)`` colour."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", css_colour)[:3]]
    red, green, blue = (
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
