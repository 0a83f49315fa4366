"""The writing desk: an editor types the body with the toolbar's keys, watches the preview, drops
a picture on the text, saves with the keyboard, and finds an unsaved draft offered back after
leaving the page. Without JavaScript the body stays a plain textarea."""

import base64
import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import make_article, make_editor

from .tools import LIVE_SERVER_DB, axe_violations, log_in_to_admin

pytestmark = [pytest.mark.browser, LIVE_SERVER_DB]

# Drops a JPEG (base64) on the body at the given height, as a file dragged from the desktop.
DROP = """([data, y]) => {
  const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
  const files = new DataTransfer();
  files.items.add(new File([bytes], "quay.jpg", {type: "image/jpeg"}));
  const body = document.getElementById("id_body");
  const box = body.getBoundingClientRect();
  for (const type of ["dragover", "drop"]) {
    body.dispatchEvent(new DragEvent(type, {
      bubbles: true, cancelable: true, dataTransfer: files,
      clientX: box.left + 20, clientY: box.top + y,
    }));
  }
}"""


def jpeg_base64(size=(800, 600)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 120, 60)).save(buffer, "JPEG", quality=85)
    return base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture
def article():
    return make_article(
        published=False, title="Harbour reopens", body="The harbour reopened at dawn."
    )


def open_desk(page, article):
    log_in_to_admin(page, make_editor(), f"/admin/articles/article/{article.pk}/change/")
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()
    return page.locator("#id_body")


def test_typing_previewing_dropping_a_picture_and_saving_with_the_keyboard(page, article):
    body = open_desk(page, article)
    preview = page.locator(".desk-preview__body")
    expect(preview).to_contain_text("The harbour reopened at dawn.")
    assert axe_violations(page) == []

    body.press("Control+End")
    body.press("Enter")
    body.press("Enter")
    page.get_by_role("button", name="Subheading").click()
    body.press_sequentially("Trade resumes")
    body.press("End")
    body.press("Enter")
    body.press("Enter")
    body.press("Control+b")  # the toolbar's shortcut: bold, its placeholder selected
    body.press_sequentially("Ships")

    expect(preview.locator("h2")).to_have_text("Trade resumes")
    expect(preview.locator("strong")).to_have_text("Ships")
    expect(page.locator(".desk-counts")).to_contain_text("8 words · 1 min read")

    page.evaluate(DROP, [jpeg_base64(), 5])  # on the first line
    expect(page.locator("#id_images-0-alt_text")).to_be_focused()
    expect(page.locator("#id_images-0-order")).to_have_value("1")
    assert body.input_value().startswith("The harbour reopened at dawn.\n\n[figure 1]\n\n## ")
    page.locator("#id_images-0-alt_text").fill("An empty quay")
    # The live server shares one SQLite connection between its threads: the preview asked for
    # the dropped picture answers before the save is sent.
    page.wait_for_load_state("networkidle")

    page.keyboard.press("Control+s")

    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert page.url.endswith(f"/admin/articles/article/{article.pk}/change/")
    article.refresh_from_db()
    assert "[figure 1]" in article.body and "## Trade resumes" in article.body
    assert article.images.get().alt_text == "An empty quay"
    expect(page.locator(".desk-preview__body figure img")).to_have_attribute(
        "alt", "An empty quay"
    )
    assert axe_violations(page) == []


def test_an_unsaved_draft_is_offered_back_when_the_form_is_opened_again(page, article):
    body = open_desk(page, article)
    body.press("Control+End")
    body.press_sequentially(" Typed, then the tab was closed.")
    page.wait_for_timeout(800)  # the draft is written after a short pause in the typing

    page.reload()  # what the server has: the text as it was saved

    expect(body).to_have_value("The harbour reopened at dawn.")
    offer = page.locator(".desk-draft")
    expect(offer).to_contain_text("was not saved")
    offer.get_by_role("button", name="Restore the draft").click()
    expect(body).to_have_value("The harbour reopened at dawn. Typed, then the tab was closed.")

    page.keyboard.press("Control+s")
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator(".desk-draft")).to_have_count(0)  # saved: nothing left to offer
    assert Article.objects.get().body.endswith("Typed, then the tab was closed.")


def test_without_javascript_the_body_is_a_plain_textarea(new_context, article):
    page = new_context(java_script_enabled=False).new_page()
    log_in_to_admin(page, make_editor(), f"/admin/articles/article/{article.pk}/change/")

    expect(page.locator("textarea#id_body")).to_have_value("The harbour reopened at dawn.")
    expect(page.get_by_role("toolbar")).to_have_count(0)
    width = page.locator("#id_body").evaluate("el => el.getBoundingClientRect().width")
    form_width = page.locator("#article_form").evaluate("el => el.getBoundingClientRect().width")
    assert width > form_width * 0.7  # the body fills the form's width


def test_the_new_article_form_has_the_desk_and_no_accessibility_violations(page):
    log_in_to_admin(page, make_editor(), "/admin/articles/article/add/")
    body = page.locator("#id_body")
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()

    body.fill("## First words")

    expect(page.locator(".desk-preview__body h2")).to_have_text("First words")
    assert axe_violations(page) == []
