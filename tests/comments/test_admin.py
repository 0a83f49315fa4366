import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, ModerationTerm, TrustedCommenter
from comments.services import post_comment
from tests.comments.factories import make_comment, make_moderator
from tests.factories import make_article, make_editor, make_user

pytestmark = pytest.mark.django_db

QUEUE_URL = reverse("admin:comments_comment_changelist")
ARTICLES_URL = reverse("admin:articles_article_changelist")


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


def run_action(client, action, comments, url=QUEUE_URL + "?status=all"):
    return client.post(
        url,
        {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in comments], "index": "0"},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def moderator():
    return make_moderator()


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_moderators_group_holds_every_comments_permission_and_nothing_else():
    group = Group.objects.get(name="Moderators")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    expected = set(
        Permission.objects.filter(content_type__app_label="comments").values_list(
            "content_type__app_label", "codename"
        )
    )
    assert codenames == expected
    assert ("comments", "can_moderate") in codenames
    assert ("comments", "change_moderationterm") in codenames
    assert ("comments", "delete_trustedcommenter") in codenames


def test_moderator_opens_the_queue_and_approves_but_may_not_touch_articles_or_users(
    moderator_client, moderator
):
    comment = make_comment()

    assert moderator_client.get(QUEUE_URL).status_code == 200
    run_action(moderator_client, "approve", [comment], url=QUEUE_URL)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED

    assert moderator_client.get(reverse("admin:articles_article_add")).status_code == 403
    assert moderator_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_queue_opens_on_pending_comments_only(admin_client):
    pending = make_comment()
    make_comment(status=Comment.Status.APPROVED)
    make_comment(status=Comment.Status.SPAM)
    make_comment(status=Comment.Status.REMOVED)

    response = admin_client.get(QUEUE_URL)

    assert list(response.context["cl"].result_list) == [pending]


@pytest.mark.parametrize("status", ["approved", "spam", "removed"])
def test_queue_status_filter_lists_one_status(admin_client, status):
    make_comment()
    wanted = make_comment(status=status)

    response = admin_client.get(QUEUE_URL, {"status": status})

    assert list(response.context["cl"].result_list) == [wanted]


def test_queue_status_filter_all_lists_every_comment(admin_client):
    comments = [make_comment(status=status) for status in Comment.Status.values]

    response = admin_client.get(QUEUE_URL, {"status": "all"})

    assert set(response.context["cl"].result_list) == set(comments)


def test_queue_shows_excerpt_author_details_article_reason_and_ip(admin_client):
    article = make_article(title="Harbour reopens")
    make_comment(
        article,
        author_name="Ada Reader",
        author_email="ada@example.net",
        author_url="https://ada.example.net/",
        body="A" * 200,
        sender_hash="5e4de7a2c0ffee23",
        reason=Comment.Reason.LINKS,
    )

    html = admin_client.get(QUEUE_URL).content.decode()

    assert "A" * 79 + "…" in html
    assert "A" * 81 not in html
    assert "Ada Reader" in html
    assert "ada@example.net" in html
    assert 'href="https://ada.example.net/"' in html
    assert reverse("admin:articles_article_change", args=[article.pk]) in html
    assert "Harbour reopens" in html
    assert "Too many links" in html
    assert ">5e4de7a2</a>" in html  # the sender, a link to all its comments
    assert "sender_hash=5e4de7a2c0ffee23" in html


def test_queue_links_only_http_websites(admin_client):
    make_comment(author_url="javascript:alert(1)")

    html = admin_client.get(QUEUE_URL).content.decode()

    assert 'href="javascript:' not in html


def test_queue_query_count_does_not_grow_with_comments(admin_client):
    make_comment()
    make_comment()
    with CaptureQueriesContext(connection) as few:
        admin_client.get(QUEUE_URL)
    for _ in range(10):
        make_comment()
    with CaptureQueriesContext(connection) as many:
        admin_client.get(QUEUE_URL)

    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("approve", "pending", "approved"),
        ("mark_spam", "pending", "spam"),
        ("remove", "approved", "removed"),
        ("restore_to_pending", "spam", "pending"),
    ],
)
def test_moderation_action_changes_status_and_records_who_and_when(
    moderator_client, moderator, action, before, after
):
    comments = [make_comment(status=before), make_comment(status=before)]
    untouched = make_comment(status=before)
    started = timezone.now()

    response = run_action(moderator_client, action, comments)

    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == after
        assert comment.moderated_by == moderator
        assert comment.moderated_at >= started
    untouched.refresh_from_db()
    assert untouched.status == before
    assert untouched.moderated_by is None
    assert any(message.startswith("2 comments") for message in messages_of(response))


def test_action_counts_only_comments_whose_status_changed(moderator_client):
    already = make_comment(status=Comment.Status.APPROVED)
    waiting = make_comment()

    response = run_action(moderator_client, "approve", [already, waiting])

    assert "1 comment approved." in messages_of(response)
    already.refresh_from_db()
    assert already.moderated_by is None


def test_moderation_action_works_from_the_change_form(moderator_client, moderator):
    comment = make_comment()

    moderator_client.post(
        change_url(comment),
        {"CHANGE_FORM-action": "mark_spam", ACTION_CHECKBOX_NAME: [comment.pk]},
    )

    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM
    assert comment.moderated_by == moderator


def test_approve_and_trust_lets_the_next_comment_from_that_email_skip_the_queue(
    moderator_client, moderator, settings
):
    settings.COMMENTS_TRUST_RETURNING = False  # so only the trust can approve the next one
    article = make_article()
    first = make_comment(article, author_email="Ada@Example.net")

    response = run_action(moderator_client, "approve_and_trust", [first])

    first.refresh_from_db()
    assert first.status == Comment.Status.APPROVED
    assert first.moderated_by == moderator
    trusted = TrustedCommenter.objects.get()
    assert trusted.email == "ada@example.net"
    assert trusted.trusted_by == moderator
    assert "1 commenter trusted: their next comments skip the queue." in messages_of(response)

    later = post_comment(
        article=article,
        name="Ada",
        email="ada@example.NET",
        url="",
        body="Another thought.",
        form_age=10,
        proven_ids=[first.pk],  # from the browser that posted the first comment
    )
    assert later.status == Comment.Status.APPROVED
    assert later.reason == Comment.Reason.TRUSTED


def test_plain_approve_does_not_trust_the_commenter(moderator_client, settings):
    settings.COMMENTS_TRUST_RETURNING = False
    article = make_article()
    first = make_comment(article, author_email="bo@example.net")

    run_action(moderator_client, "approve", [first])
    later = post_comment(
        article=article, name="Bo", email="bo@example.net", url="", body="Again.", form_age=10
    )

    assert not TrustedCommenter.objects.exists()
    assert later.status == Comment.Status.PENDING


def test_staff_without_moderate_permission_cannot_run_moderation_actions(client):
    viewer = make_user(is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_comment"),
        Permission.objects.get(codename="change_comment"),
    )
    client.force_login(viewer)
    comment = make_comment()

    response = client.get(QUEUE_URL)
    run_action(client, "approve", [comment])

    actions = response.context["cl"].model_admin.get_actions(response.wsgi_request)
    assert "approve" not in actions
    assert "erase_commenters" not in actions
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_moderator_edits_the_text_and_the_rendered_html_follows(moderator_client):
    comment = make_comment(body="Teh first version.", author_name="Ada")

    response = moderator_client.post(
        change_url(comment),
        {
            "author_name": "Ada",
            "author_url": "",
            "body": "The corrected version, see https://example.org/",
            "status": Comment.Status.PENDING,
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "The corrected version, see https://example.org/"
    assert "corrected version" in comment.body_html
    assert "Teh first" not in comment.body_html
    assert '<a href="https://example.org/" rel="nofollow ugc noopener">' in comment.body_html


def test_change_form_keeps_personal_and_technical_fields_read_only(moderator_client):
    comment = make_comment(author_email="ada@example.net", sender_hash="5e4de7a2c0ffee01")
    other_article = make_article()

    moderator_client.post(
        change_url(comment),
        {
            "author_name": comment.author_name,
            "author_url": "",
            "author_email": "mallory@example.net",
            "sender_hash": "0000000000000000",
            "article": other_article.pk,
            "reason": Comment.Reason.TRUSTED,
            "body": comment.body,
            "status": comment.status,
            "_save": "Save",
        },
    )

    comment.refresh_from_db()
    assert comment.author_email == "ada@example.net"
    assert comment.sender_hash == "5e4de7a2c0ffee01"
    assert comment.article_id != other_article.pk
    assert comment.reason == Comment.Reason.FIRST_TIME


def test_comments_cannot_be_deleted_in_bulk_with_their_replies(moderator_client):
    make_comment()

    response = moderator_client.get(QUEUE_URL)

    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in actions
    assert "remove" in actions


def test_erased_comment_text_cannot_be_written_back(moderator_client):
    comment = make_comment()
    comment.erase()

    moderator_client.post(
        change_url(comment),
        {
            "author_name": "Back again",
            "author_url": "",
            "body": "Resurrected text.",
            "status": comment.status,
            "_save": "Save",
        },
    )

    comment.refresh_from_db()
    assert comment.body == ""
    assert comment.author_name == ""


def test_status_changed_in_the_change_form_records_the_moderator(moderator_client, moderator):
    comment = make_comment()

    moderator_client.post(
        change_url(comment),
        {
            "author_name": comment.author_name,
            "author_url": "",
            "body": comment.body,
            "status": Comment.Status.APPROVED,
            "_save": "Save",
        },
    )

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    assert comment.moderated_at is not None


def test_comments_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_article_changelist_links_each_article_to_its_pending_comments(admin_client):
    article = make_article()
    make_comment(article)
    make_comment(article)
    make_comment(article, status=Comment.Status.APPROVED)
    quiet = make_article()
    make_comment(quiet, status=Comment.Status.APPROVED)

    response = admin_client.get(ARTICLES_URL)

    rows = {a.pk: a.pending_comment_count for a in response.context["cl"].result_list}
    assert rows == {article.pk: 2, quiet.pk: 0}
    html = response.content.decode()
    link = f'href="{QUEUE_URL}?article={article.pk}&amp;status=pending">2</a>'
    assert link in html


def test_pending_link_opens_the_queue_on_that_articles_pending_comments(admin_client):
    article = make_article()
    wanted = make_comment(article)
    make_comment(article, status=Comment.Status.APPROVED)
    make_comment()

    response = admin_client.get(QUEUE_URL, {"article": article.pk, "status": "pending"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_article_changelist_query_count_does_not_grow_with_articles(admin_client):
    def build(count):
        for _ in range(count):
            article = make_article()
            make_comment(article)
            make_comment(article, status=Comment.Status.APPROVED)

    build(2)
    with CaptureQueriesContext(connection) as two:
        admin_client.get(ARTICLES_URL)
    build(8)
    with CaptureQueriesContext(connection) as ten:
        response = admin_client.get(ARTICLES_URL)

    assert len(response.context["cl"].result_list) == 10
    assert len(ten) == len(two)


def test_article_change_form_links_to_its_comments(admin_client):
    article = make_article()
    make_comment(article)

    html = admin_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()

    assert "1 comment awaiting moderation" in html
    assert f"{QUEUE_URL}?article={article.pk}&amp;status=all" in html


def test_admin_index_shows_how_many_comments_await_moderation(moderator_client):
    make_comment()
    make_comment()
    make_comment(status=Comment.Status.APPROVED)

    html = moderator_client.get(reverse("admin:index")).content.decode()

    assert f'<a href="{QUEUE_URL}">2 comments awaiting moderation</a>' in html


def test_admin_index_hides_the_pending_count_from_staff_who_cannot_see_comments(client):
    client.force_login(make_editor())
    make_comment()

    html = client.get(reverse("admin:index")).content.decode()

    assert "awaiting moderation" not in html


def test_export_action_downloads_every_comment_of_the_selected_commenters(admin_client):
    selected = make_comment(author_email="ada@example.net", body="Selected one.")
    other_of_ada = make_comment(
        author_email="ADA@example.net", body="Older one.", status=Comment.Status.APPROVED
    )
    make_comment(author_email="bo@example.net", body="Not Ada's.")

    response = run_action(admin_client, "export_commenters", [selected])

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert list(data) == ["ada@example.net"]
    assert {c["id"] for c in data["ada@example.net"]} == {selected.pk, other_of_ada.pk}
    assert "Not Ada's." not in response.content.decode()


def test_erase_action_asks_for_confirmation_first(moderator_client):
    selected = make_comment(author_email="ada@example.net")
    make_comment(author_email="ada@example.net", status=Comment.Status.APPROVED)

    response = run_action(moderator_client, "erase_commenters", [selected])

    html = response.content.decode()
    assert "This cannot be undone." in html
    assert "ada@example.net: 2 comments" in html
    selected.refresh_from_db()
    assert not selected.is_erased


def test_erase_action_erases_every_comment_of_the_selected_commenters(moderator_client):
    selected = make_comment(author_email="ada@example.net")
    other_of_ada = make_comment(author_email="ada@example.net", status=Comment.Status.APPROVED)
    kept = make_comment(author_email="bo@example.net")

    response = moderator_client.post(
        QUEUE_URL + "?status=all",
        {"action": "erase_commenters", ACTION_CHECKBOX_NAME: [selected.pk], "confirm": "yes"},
        follow=True,
    )

    for comment in (selected, other_of_ada):
        comment.refresh_from_db()
        assert comment.is_erased
        assert comment.author_email == ""
        assert comment.body == ""
    kept.refresh_from_db()
    assert not kept.is_erased
    assert any(message.startswith("2 comments erased") for message in messages_of(response))


def test_moderation_terms_are_listed_and_their_action_editable(admin_client):
    ModerationTerm.objects.create(term="casino", action=ModerationTerm.Action.HOLD)

    response = admin_client.get(reverse("admin:comments_moderationterm_changelist"))

    assert response.status_code == 200
    assert "casino" in response.content.decode()
    assert "form-0-action" in response.content.decode()


def test_trusted_commenters_are_listed_searchable_and_deletable(admin_client):
    trusted = TrustedCommenter.objects.create(email="ada@example.net")
    TrustedCommenter.objects.create(email="bo@example.net")

    response = admin_client.get(
        reverse("admin:comments_trustedcommenter_changelist"), {"q": "ada"}
    )
    assert list(response.context["cl"].result_list) == [trusted]

    admin_client.post(
        reverse("admin:comments_trustedcommenter_delete", args=[trusted.pk]), {"post": "yes"}
    )
    assert not TrustedCommenter.objects.filter(pk=trusted.pk).exists()
