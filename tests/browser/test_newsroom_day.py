"""A newsroom's day in the admin: a writer submits a draft, an editor reviews it, compares its
revisions, publishes it, then adds a correction that readers see under the title and at the end."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.workflow_factories import make_writer
from tests.factories import make_article, make_author, make_editor

from .tools import LIVE_SERVER_DB, axe_violations, log_in_to_admin

pytestmark = [pytest.mark.browser, LIVE_SERVER_DB]

TITLE = "Council votes the harbour budget"


def test_a_writer_submits_an_editor_compares_publishes_and_corrects(new_context):
    writer = make_writer(username="ada")
    editor = make_editor(username="desk")
    draft = make_article(
        published=False,
        created_by=writer,
        authors=[make_author(name="Ada Writer")],
        title=TITLE,
        body="The council votes the budget on Monday.",
    )
    change_url = f"/admin/articles/article/{draft.pk}/change/"

    # The writer finishes the draft and submits it; publishing is not theirs to do.
    writer_page = new_context().new_page()
    log_in_to_admin(writer_page, writer, change_url)
    expect(writer_page.get_by_role("button", name="Publish or schedule")).to_have_count(0)
    writer_page.fill("#id_body", "The council votes the harbour budget on Monday.")
    writer_page.get_by_role("button", name="Submit for review").click()
    expect(writer_page.locator(".messagelist")).to_contain_text("Submitted for review")
    assert Article.objects.get().status == Article.Status.IN_REVIEW

    # The editor finds it awaiting review and corrects a word.
    page = new_context().new_page()
    log_in_to_admin(page, editor, "/admin/articles/article/")
    page.get_by_role("link", name="Awaiting review (1)").click()
    page.get_by_role("link", name=TITLE).click()
    page.fill("#id_body", "The council votes the harbour budget on Tuesday.")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    # The history compares the writer's revision with the editor's.
    page.get_by_role("link", name="History").click()
    expect(page.locator("#change-history tbody tr")).to_have_count(2)
    page.get_by_role("button", name="Compare the chosen revisions").click()
    expect(page.locator(".word-diff__text del")).to_contain_text("Monday.")
    expect(page.locator(".word-diff__text ins")).to_contain_text("Tuesday.")
    assert axe_violations(page) == []

    # Published, then corrected.
    page.goto(change_url)
    page.get_by_role("button", name="Publish or schedule").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    page.goto(change_url)
    notes = page.locator("#notes-group")
    notes.locator(".add-row a").click()
    notes.locator("#id_notes-0-text").fill("An earlier version gave the wrong day for the vote.")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    article = Article.objects.get()
    assert article.is_live
    reader = new_context().new_page()
    reader.goto(article.get_absolute_url())
    expect(reader.locator(".article-corrected")).to_contain_text("This article was corrected")
    expect(reader.locator("#article-notes")).to_contain_text("wrong day for the vote")
    expect(reader.locator(".article-body")).to_contain_text("on Tuesday.")
