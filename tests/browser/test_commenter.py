"""Readers comment in the browser, with and without JavaScript; a moderator approves."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.comments.factories import make_comment, make_moderator
from tests.factories import make_article

from .tools import LIVE_SERVER_DB, log_in_to_admin

pytestmark = [pytest.mark.browser, LIVE_SERVER_DB]

JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
AWAITING = "Your comment is awaiting moderation."
EMAIL = "ada.q7x2marker@example.net"


@pytest.fixture
def article():
    return make_article(title="Council approves the new tram line")


def comment_form(page):
    return page.locator("form.comment-form")


def fill_comment(page, *, name="Ada Reader", email=EMAIL, body):
    form = comment_form(page)
    form.get_by_role("textbox", name="Name").fill(name)
    form.get_by_role("textbox", name="Email").fill(email)
    form.get_by_role("textbox", name="Comment").fill(body)


def post(page):
    with page.expect_navigation():
        comment_form(page).get_by_role("button", name="Post comment").click()


def text_and_values(page):
    """Everything a script on the page could read: the DOM, and what fields hold."""
    values = page.evaluate(
        "[...document.querySelectorAll('input, textarea, select')].map(e => e.value).join(' ')"
    )
    return page.content() + values


@JAVASCRIPT
def test_comment_waits_for_moderation_then_everyone_sees_it_without_the_email(
    new_context, article, javascript
):
    text = "The tram should also stop at the hospital."
    commenter = new_context(java_script_enabled=javascript).new_page()
    stranger = new_context(java_script_enabled=javascript).new_page()
    commenter.goto(article.get_absolute_url())
    stranger.goto(article.get_absolute_url())

    fill_comment(commenter, body=text)
    post(commenter)

    expect(commenter.locator(".site-messages")).to_have_text(AWAITING)
    own = commenter.locator(".comment", has_text=text)
    expect(own).to_have_class("comment comment--pending")
    expect(own.locator(".comment__awaiting")).to_have_text(AWAITING)
    stranger.reload()
    expect(stranger.locator(".comment-list")).to_have_count(0)
    expect(stranger.get_by_text(text)).to_have_count(0)

    moderator = new_context().new_page()
    log_in_to_admin(moderator, make_moderator(), "/admin/comments/comment/")
    row = moderator.locator("#result_list tbody tr", has_text=text)
    row.locator("input.action-select").check()
    moderator.locator("select[name=action]").select_option("approve")
    moderator.locator("button[name=index]").click()  # "Run" (was "Go" before Django 6.1)
    expect(moderator.locator(".messagelist")).to_contain_text("1 comment approved.")
    assert Comment.objects.get().status == Comment.Status.APPROVED

    for page in (commenter, stranger):
        page.goto(article.get_absolute_url())
        published = page.locator(".comment", has_text=text)
        expect(published).to_have_class("comment")
        expect(published.locator(".comment__author")).to_have_text("Ada Reader")
        expect(page.get_by_text(AWAITING)).to_have_count(0)
        expect(page.locator(".comments__count")).to_have_text("1 comment")
        seen = text_and_values(page)
        assert EMAIL not in seen
        assert EMAIL.split("@")[0] not in seen


@JAVASCRIPT
def test_rejected_comment_shows_field_errors_and_keeps_the_input(new_context, article, javascript):
    page = new_context(java_script_enabled=javascript).new_page()
    page.goto(article.get_absolute_url())
    # The browser's own checks (required, maxlength) would hold this form back: switch them
    # off to get the server's answer, which is the one that counts for every client.
    comment_form(page).evaluate(
        "form => { form.noValidate = true; form.elements.body.removeAttribute('maxlength'); }"
    )
    too_long = "Trams. " * 714 + "End"  # 5,001 characters
    fill_comment(page, email="", body=too_long)
    post(page)

    form = comment_form(page)
    expect(form.locator(".comment-form__errors")).to_have_text(
        "Your comment was not posted. Please correct the fields marked below."
    )
    email = form.get_by_role("textbox", name="Email")
    body = form.get_by_role("textbox", name="Comment")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(body).to_have_attribute("aria-invalid", "true")
    expect(form).to_contain_text("This field is required.")
    expect(form).to_contain_text("Ensure this value has at most 5000 characters (it has 5001).")
    expect(form.get_by_role("textbox", name="Name")).to_have_value("Ada Reader")
    expect(body).to_have_value(too_long)
    assert not Comment.objects.exists()


@JAVASCRIPT
def test_reply_is_stored_under_the_comment_it_answers(new_context, article, javascript):
    grace = make_comment(article, author_name="Grace", status=Comment.Status.APPROVED, reason="")
    make_comment(article, author_name="Linus", status=Comment.Status.APPROVED, reason="")
    page = new_context(java_script_enabled=javascript).new_page()
    page.goto(article.get_absolute_url())

    page.locator(f"#{grace.anchor}").get_by_role("link", name="Reply").click()

    respond = page.locator("#respond")
    expect(respond.get_by_role("heading")).to_have_text("Reply to Grace")
    expect(comment_form(page).locator("input[name=parent]")).to_have_value(str(grace.pk))
    if javascript:  # the form moved under Grace's comment, and the page stayed
        expect(page.locator(f"#{grace.anchor} + #respond")).to_have_count(1)
        assert "replyto" not in page.url
        expect(respond.get_by_role("textbox", name="Name")).to_be_focused()
    else:  # the page came back from the server, ready to answer Grace
        assert f"?replyto={grace.pk}#respond" in page.url
    fill_comment(page, body="Agreed, and at the station too.")
    post(page)

    reply = Comment.objects.get(body="Agreed, and at the station too.")
    assert reply.parent_id == grace.pk
    replies = page.locator(f"li:has(> #{grace.anchor}) > .comment-list--replies")
    expect(replies.locator(".comment--pending")).to_contain_text("Agreed, and at the station")


def test_remembered_details_stay_in_this_browser_and_never_travel_in_a_cookie(
    new_context, article
):
    other = make_article(title="Trams on Sundays")
    context = new_context()
    page = context.new_page()
    sent_headers = []
    page.on("request", lambda request: sent_headers.append(request.all_headers()))
    page.goto(article.get_absolute_url())

    fill_comment(page, body="Please keep my details.")
    remember = comment_form(page).get_by_role("checkbox", name="Save my name, email and website")
    expect(remember).to_be_visible()
    remember.check()
    post(page)
    page.goto(other.get_absolute_url())

    form = comment_form(page)
    expect(form.get_by_role("textbox", name="Email")).to_have_value(EMAIL)
    expect(form.get_by_role("textbox", name="Name")).to_have_value("Ada Reader")
    expect(form.get_by_role("checkbox", name="Save my name, email and website")).to_be_checked()
    assert EMAIL not in page.evaluate("document.cookie")
    assert EMAIL in page.evaluate("window.localStorage.getItem('newsroom.commenter')")
    for headers in sent_headers:
        assert EMAIL not in str(headers)
        assert EMAIL.split("@")[0] not in headers.get("cookie", "")

    form.get_by_role("textbox", name="Comment").fill("Forget me now.")
    form.get_by_role("checkbox", name="Save my name, email and website").uncheck()
    post(page)
    assert page.evaluate("window.localStorage.getItem('newsroom.commenter')") is None
