"""A commenter's emails in the browser: opt in, confirm, hear of a reply, unsubscribe in one
click, then ask for their data and erase it."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from comments.models import Comment
from tests.comments.factories import make_comment, make_moderator
from tests.factories import make_article

from .tools import LIVE_SERVER_DB, log_in_to_admin

pytestmark = [pytest.mark.browser, LIVE_SERVER_DB]

EMAIL = "ada.k4j9marker@example.net"


def link_in_last_email(marker):
    """The path of the link containing ``marker`` in the last email sent to the commenter."""
    (message, *_) = [m for m in reversed(mail.outbox) if m.to == [EMAIL]]
    (url,) = [u for u in re.findall(r"https?://\S+", message.body) if marker in u]
    return urlsplit(url).path


def test_opt_in_confirm_hear_of_a_reply_unsubscribe_then_erase_everything(new_context):
    article = make_article(title="Council approves the new tram line")
    page = new_context().new_page()
    page.goto(article.get_absolute_url())

    # 1. Comment and opt in.
    form = page.locator("form.comment-form")
    form.get_by_role("textbox", name="Name").fill("Ada Reader")
    form.get_by_role("textbox", name="Email").fill(EMAIL)
    form.get_by_role("textbox", name="Comment").fill("Will it stop at the hospital?")
    form.get_by_label("Email me when someone replies").check()
    with page.expect_navigation():
        form.get_by_role("button", name="Post comment").click()

    # 2. Confirm from the email: the link shows a page, the button confirms.
    page.goto(link_in_last_email("/comments/confirm/"))
    page.get_by_role("button", name="Confirm my address").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your address is confirmed")

    # 3. A moderator approves the comment, then a reply to it: the notification arrives.
    comment = Comment.objects.get(author_email=EMAIL)
    comment.moderate(Comment.Status.APPROVED, by=None)
    make_comment(article, parent=comment, author_name="Bob", body="Yes, from 2027 on.")
    moderator = new_context().new_page()
    log_in_to_admin(moderator, make_moderator(), "/admin/comments/comment/")
    row = moderator.locator("#result_list tbody tr", has_text="Yes, from 2027 on.")
    row.locator("input.action-select").check()
    moderator.locator("select[name=action]").select_option("approve")
    moderator.locator("button[name=index]").click()
    expect(moderator.locator(".messagelist")).to_contain_text("1 comment approved.")
    notification = [m for m in mail.outbox if m.to == [EMAIL]][-1]
    assert notification.subject == "Bob replied to your comment"
    assert "Yes, from 2027 on." in notification.body

    # 4. Unsubscribe in one click.
    page.goto(link_in_last_email("/comments/unsubscribe/"))
    page.get_by_role("button", name="Stop these emails").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You will get no more of these emails"
    )

    # 5. Ask for your data from the comment form's notice, open it, erase everything.
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="Your comments and your data").click()
    page.get_by_label("The email you commented with").fill(EMAIL)
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    page.goto(link_in_last_email("/comments/your-data/open/"))
    page.get_by_role("button", name="Show my comments").click()
    expect(page.locator(".your-comment")).to_have_count(1)
    expect(page.locator(".your-comment")).to_contain_text("Will it stop at the hospital?")
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Erase all my comments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your comments are erased")
    assert not Comment.objects.filter(author_email=EMAIL).exists()
    page.goto(article.get_absolute_url())
    expect(page.get_by_text("Will it stop at the hospital?")).to_have_count(0)
    expect(page.get_by_text("Yes, from 2027 on.")).to_have_count(1)
