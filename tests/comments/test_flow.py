"""The reader's journey through the test client: post, wait for moderation, see it published."""

import base64
import contextlib
import html
import re
import time
import zlib
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.forms import sign_render_time
from comments.models import Comment
from comments.views import OLD_COMMENTER_COOKIE
from tests.comments.factories import make_comment, make_moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db

AWAITING = "Your comment is awaiting moderation."
CLOSED = "Comments are closed."
NOTICE = "Your email address will not be published. Required fields are marked *"


def post_url(article):
    return reverse("comments:post", kwargs={"slug": article.slug})


def comment_data(article, **fields):
    """What a reader's browser sends, ten seconds after the form was rendered."""
    data = {
        "author_name": "Ada Reader",
        "author_email": "ada@example.net",
        "author_url": "",
        "body": "A thoughtful remark about the story.",
        "rendered": sign_render_time(article.pk, now=time.time() - 10),
        "homepage": "",
        "parent": "",
    }
    data.update(fields)
    return data


def hidden_value(page, name):
    """The value of the hidden input ``name`` in ``page`` ("" when it has none)."""
    tag = re.search(rf'<input type="hidden" name="{name}"[^>]*>', page)
    assert tag, f"no hidden {name} input"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else ""


def page_of(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def squeeze(page):
    """``page`` with the whitespace between words collapsed and around tags removed."""
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", re.sub(r"\s+", " ", page))


def approved(article, **fields):
    return make_comment(article, status=Comment.Status.APPROVED, reason="", **fields)


def test_form_rendered_on_the_page_and_sent_later_is_held_for_moderation(client):
    article = make_article()
    page = page_of(client, article)
    data = comment_data(article, rendered=hidden_value(page, "rendered"))

    with time_machine.travel(timezone.now() + timedelta(seconds=20)):
        response = client.post(post_url(article), data)

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert (comment.status, comment.reason) == (Comment.Status.PENDING, Comment.Reason.FIRST_TIME)
    assert comment.author_email == "ada@example.net"
    assert comment.ip_address == "127.0.0.1"


def test_form_sent_straight_after_rendering_is_spam_but_told_the_same(client):
    article = make_article()
    page = page_of(client, article)

    response = client.post(
        post_url(article), comment_data(article, rendered=hidden_value(page, "rendered"))
    )

    assert Comment.objects.get().reason == Comment.Reason.TOO_FAST
    assert AWAITING in client.get(response["Location"]).content.decode()


def test_valid_post_redirects_and_says_it_awaits_moderation(client):
    article = make_article()

    response = client.post(post_url(article), comment_data(article), follow=True)

    comment = Comment.objects.get()
    assert response.redirect_chain == [(f"{article.get_absolute_url()}#comment-{comment.pk}", 302)]
    assert comment.status == Comment.Status.PENDING
    assert [str(m) for m in response.context["messages"]] == [AWAITING]


def test_pending_comment_is_visible_only_to_its_author(client):
    article = make_article()
    client.post(post_url(article), comment_data(article, body="My still-pending opinion."))
    comment = Comment.objects.get()

    own_page = page_of(client, article)
    other_page = page_of(Client(), article)

    assert "My still-pending opinion." in own_page
    assert f'id="comment-{comment.pk}"' in own_page
    assert 'class="comment__awaiting"' in own_page
    assert "My still-pending opinion." not in other_page
    assert f'id="comment-{comment.pk}"' not in other_page
    assert AWAITING not in other_page


def test_a_returning_commenter_is_published_at_once_from_their_own_browser(client):
    article = make_article()
    client.post(post_url(article), comment_data(article, body="My first remark."))
    Comment.objects.get().moderate(Comment.Status.APPROVED, by=make_moderator())
    page_of(client, article)  # the browser sees its comment approved: it earns trust

    response = client.post(
        post_url(article), comment_data(article, body="Published straight away."), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == ["Your comment is published."]
    later = Comment.objects.get(body="Published straight away.")
    assert (later.status, later.reason) == (Comment.Status.APPROVED, Comment.Reason.RETURNING)
    assert "Published straight away." in page_of(Client(), article)


def test_a_regulars_email_typed_in_another_browser_is_not_trusted(client):
    article = make_article()
    approved(article, author_name="Ada", author_email="ada@example.net")

    response = client.post(
        post_url(article),
        comment_data(article, author_name="Not Ada", body="Under a borrowed name."),
        follow=True,
    )

    comment = Comment.objects.get(body="Under a borrowed name.")
    assert (comment.status, comment.reason) == (Comment.Status.PENDING, Comment.Reason.UNVERIFIED)
    assert [str(m) for m in response.context["messages"]] == [AWAITING]
    assert "Under a borrowed name." not in page_of(Client(), article)


def test_post_to_an_unpublished_article_is_not_found(client):
    draft = make_article(published=False)

    response = client.post(post_url(draft), comment_data(draft))

    assert response.status_code == 404
    assert Comment.objects.count() == 0


def test_pending_comment_is_not_shown_to_another_reader_with_the_same_email(client):
    article = make_article()
    client.post(post_url(article), comment_data(article, body="Only in my session."))

    impostor = Client()
    impostor.post(post_url(article), comment_data(article, body="Something else entirely."))

    assert "Only in my session." not in page_of(impostor, article)


def test_approved_in_the_admin_the_comment_is_visible_to_everyone(client):
    article = make_article()
    client.post(post_url(article), comment_data(article, body="Worth publishing."))
    comment = Comment.objects.get()
    assert "Worth publishing." not in page_of(Client(), article)

    moderator = make_moderator()
    admin = Client()
    admin.force_login(moderator)
    response = admin.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    everyone = page_of(Client(), article)
    assert "Worth publishing." in everyone
    assert 'class="comment__awaiting"' not in page_of(client, article)


def test_approved_comments_show_oldest_first_with_permalink_and_time(client):
    article = make_article()
    newer = approved(article, body="Said second.", created_at=timezone.now() - timedelta(hours=1))
    older = approved(article, body="Said first.", created_at=timezone.now() - timedelta(days=1))

    page = page_of(client, article)

    assert page.index("Said first.") < page.index("Said second.")
    for comment in (older, newer):
        assert f'id="comment-{comment.pk}"' in page
        assert f'href="#comment-{comment.pk}"' in page
        assert f'datetime="{comment.created_at:%Y-%m-%dT%H:%M:%S+0000}"' in page


def test_rejected_post_keeps_what_the_reader_typed_and_shows_the_errors(client):
    article = make_article()
    typed = "Long thoughts " + "x" * 5000

    response = client.post(
        post_url(article),
        comment_data(article, author_name="Bérénice Typed", author_email="", body=typed),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert Comment.objects.count() == 0
    assert "Bérénice Typed" in page
    assert typed in page
    assert 'id="id_author_email_error"' in page
    assert 'id="id_body_error"' in page
    assert "at most 5000 characters" in page.replace(",", "")


def test_a_duplicate_is_answered_like_any_comment_that_waits_and_its_text_kept(client):
    article = make_article()
    make_comment(article, author_email="ada@example.net", body="Said it once.")

    response = client.post(post_url(article), comment_data(article, body="Said it once."))

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert AWAITING in page
    assert "Said it once." in page  # the author sees it waiting, as any held comment
    assert Comment.objects.filter(reason=Comment.Reason.DUPLICATE).count() == 1


def test_article_page_shows_the_privacy_notice_and_a_form(client):
    page = page_of(client, make_article())

    assert NOTICE in page
    assert 'name="author_email"' in page
    remember = re.search(r'<input type="checkbox" name="remember"[^>]*>', page)
    assert remember and "checked" not in remember.group(0)


def test_article_with_comments_switched_off_shows_closed_and_no_form(client):
    article = make_article(comments_enabled=False)

    page = page_of(client, article)

    assert CLOSED in page
    assert 'name="body"' not in page
    assert post_url(article) not in page


def test_post_to_an_article_with_comments_switched_off_is_refused(client):
    article = make_article(comments_enabled=False)

    response = client.post(post_url(article), comment_data(article, body="Too late, sadly."))

    assert response.status_code == 403
    assert CLOSED in response.content.decode()
    assert "Too late, sadly." in response.content.decode()
    assert Comment.objects.count() == 0


def test_comments_close_by_themselves_after_the_configured_days(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 1
    old = make_article(published_at=timezone.now() - timedelta(days=2))
    recent = make_article(published_at=timezone.now() - timedelta(hours=2))

    response = client.post(post_url(old), comment_data(old))

    assert response.status_code == 403
    assert CLOSED in page_of(client, old)
    assert 'name="body"' not in page_of(client, old)
    assert CLOSED not in page_of(client, recent)
    assert client.post(post_url(recent), comment_data(recent)).status_code == 302


def test_sixth_post_within_a_minute_from_one_address_is_refused_with_429(client):
    article = make_article()
    for number in range(5):
        response = client.post(post_url(article), comment_data(article, body=f"Post {number}"))
        assert response.status_code == 302

    response = client.post(post_url(article), comment_data(article, body="The sixth one."))

    page = response.content.decode()
    assert response.status_code == 429
    assert "You are posting comments too fast." in page
    assert "The sixth one." in page
    assert Comment.objects.count() == 5


def test_flood_limit_counts_each_address_apart(client):
    article = make_article()
    for number in range(5):
        client.post(post_url(article), comment_data(article, body=f"Post {number}"))

    other = Client(REMOTE_ADDR="198.51.100.20")
    response = other.post(post_url(article), comment_data(article, body="From elsewhere."))

    assert response.status_code == 302


def test_flood_limit_resets_after_the_window(client):
    article = make_article()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for number in range(6):
            client.post(post_url(article), comment_data(article, body=f"Post {number}"))

    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        response = client.post(post_url(article), comment_data(article, body="Later."))

    assert response.status_code == 302


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://blog.testserver"},
        {"Origin": "https://elsewhere.example"},
        {"Origin": "null"},
        {"Referer": "https://elsewhere.example/page"},
    ],
    ids=["cross-site", "same-site", "origin", "opaque-origin", "referer"],
)
def test_post_from_another_sites_page_is_refused_and_keeps_the_text(headers):
    article = make_article()
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        post_url(article),
        comment_data(article, body="Words I do not want to lose."),
        headers=headers,
    )

    assert response.status_code == 403
    assert Comment.objects.count() == 0
    html = response.content.decode()
    assert "it did not come from this site&#x27;s page" in html
    assert "Words I do not want to lose." in html


def test_csrf_failure_elsewhere_gets_the_plain_refusal():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(reverse("admin:login"), {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Origin": "http://testserver"},
        {"Referer": "http://testserver/articles/"},
    ],
    ids=["fetch-metadata", "origin", "referer"],
)
def test_post_from_this_sites_page_needs_no_token(headers):
    article = make_article()
    browser = Client(enforce_csrf_checks=True)
    page = page_of(browser, article)
    assert "csrfmiddlewaretoken" not in page

    response = browser.post(post_url(article), comment_data(article), headers=headers)

    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_the_remember_box_leaves_the_commenters_details_to_the_browser(client):
    article = make_article()

    response = client.post(
        post_url(article), comment_data(article, remember="on", author_name="Ada Cookie")
    )

    assert response.status_code == 302
    for cookie in response.cookies.values():
        readable = cookie_as_read(cookie.value).lower()
        assert "ada cookie" not in readable
        assert "example.net" not in readable


def cookie_as_read(value):
    """A cookie's value with its signed parts decoded, as anyone holding it could read them."""
    texts = [value]
    for part in value.lstrip(".").split(":"):
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except ValueError:
            continue
        with contextlib.suppress(zlib.error):
            raw = zlib.decompress(raw)
        texts.append(raw.decode("utf-8", "replace"))
    return "\n".join(texts)


def test_details_kept_in_a_cookie_before_are_deleted(client):
    article = make_article()
    client.cookies[OLD_COMMENTER_COOKIE] = '{"name": "Ada", "email": "ada@example.net"}'

    response = client.post(post_url(article), comment_data(article))

    cookie = response.cookies[OLD_COMMENTER_COOKIE]
    assert cookie.value == ""
    assert cookie["max-age"] == 0


def test_without_javascript_the_remember_box_is_hidden(client):
    page = page_of(client, make_article())

    box = re.search(r'<div[^>]*class="comment-remember"[^>]*>', page)
    assert box and "hidden" in box.group(0)


def test_reply_link_prefills_the_hidden_parent(client):
    article = make_article()
    parent = approved(article, author_name="First Voice")

    page = page_of(client, article)
    reply_page = client.get(f"{article.get_absolute_url()}?replyto={parent.pk}")

    assert f"?replyto={parent.pk}" in page
    assert hidden_value(page, "parent") == ""
    assert hidden_value(reply_page.content.decode(), "parent") == str(parent.pk)
    assert "Reply to First Voice" in reply_page.content.decode()
    assert "Reply to First Voice" not in page


def test_reply_is_stored_under_its_parent_and_shown_in_its_thread(client):
    article = make_article()
    parent = approved(article, body="The first voice.")

    response = client.post(
        post_url(article), comment_data(article, parent=str(parent.pk), body="A reply.")
    )

    reply = Comment.objects.get(parent=parent)
    assert response.status_code == 302
    assert reply.depth == 1
    page = page_of(client, article)
    thread = page[page.index(f'id="comment-{parent.pk}"') :]
    assert "comment-list--replies" in thread
    assert thread.index("comment-list--replies") < thread.index("A reply.")


def test_rejected_reply_is_still_a_reply_to_the_same_comment(client):
    article = make_article()
    parent = approved(article, author_name="First Voice")

    response = client.post(
        post_url(article),
        comment_data(article, parent=str(parent.pk), author_email="", body="My answer."),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert hidden_value(page, "parent") == str(parent.pk)
    assert "Reply to First Voice" in page
    assert "My answer.</textarea>" in page


def test_approved_comment_count_shows_on_the_article_page_and_home_cards(client):
    lead = make_article(title="Much discussed", published_at=timezone.now() - timedelta(hours=1))
    card = make_article(title="Some talk", published_at=timezone.now() - timedelta(hours=2))
    quiet = make_article(title="Nobody cares", published_at=timezone.now() - timedelta(hours=3))
    approved(lead)
    approved(lead)
    make_comment(lead)  # pending: not counted
    make_comment(lead, status=Comment.Status.SPAM)
    approved(card)

    article_page = page_of(client, lead)
    home = client.get("/").content.decode()
    section_page = client.get(card.section.get_absolute_url()).content.decode()

    assert "2 comments" in article_page
    assert "3 comments" not in article_page and "4 comments" not in article_page
    assert f'{lead.get_absolute_url()}#comments">2 comments' in squeeze(home)
    assert f'{card.get_absolute_url()}#comments">1 comment<' in squeeze(home)
    assert f"{quiet.get_absolute_url()}#comments" not in home
    assert f'{card.get_absolute_url()}#comments">1 comment<' in squeeze(section_page)


def test_comment_count_appears_on_cards_of_later_home_pages(client):
    articles = [
        make_article(published_at=timezone.now() - timedelta(days=1, hours=n)) for n in range(21)
    ]
    approved(articles[-1])

    page = client.get("/?page=2").content.decode()

    assert articles[-1].title in page
    assert "1 comment" in page
