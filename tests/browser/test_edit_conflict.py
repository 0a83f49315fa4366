"""Two editors in two browsers, one article: the second save is refused, shows the first
editor's changes, keeps the second editor's text, and saving again keeps it."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import make_article, make_editor

from .tools import LIVE_SERVER_DB, axe_violations, log_in_to_admin

pytestmark = [pytest.mark.browser, LIVE_SERVER_DB]


def test_a_save_over_a_newer_version_is_refused_and_nothing_typed_is_lost(new_context):
    article = make_article(published=False, body="The council votes on Monday.")
    url = f"/admin/articles/article/{article.pk}/change/"
    alice = new_context().new_page()
    bruno = new_context().new_page()
    log_in_to_admin(alice, make_editor(username="alice"), url)
    log_in_to_admin(bruno, make_editor(username="bruno"), url)

    alice.fill("#id_body", "The council votes on Tuesday.")
    alice.keyboard.press("Control+s")
    expect(alice.locator(".messagelist .success")).to_be_visible()
    bruno.locator("#id_body").press("Control+End")
    bruno.locator("#id_body").press_sequentially(" Bruno's line.")
    bruno.keyboard.press("Control+s")

    expect(bruno.locator("ul.errorlist.nonfield")).to_contain_text("alice saved this article at")
    expect(bruno.locator("#id_body")).to_have_value("The council votes on Monday. Bruno's line.")
    expect(bruno.locator(".edit-conflict")).to_contain_text("Tuesday.")
    expect(bruno.locator(".desk-draft")).to_have_count(0)  # the text is in the form already
    assert axe_violations(bruno) == []

    bruno.keyboard.press("Control+s")  # knowingly, over Alice's
    expect(bruno.locator(".messagelist .success")).to_be_visible()
    assert Article.objects.get().body == "The council votes on Monday. Bruno's line."
