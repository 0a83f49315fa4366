"""Writers submit, editors review, publish and unpublish: each move through the admin's
buttons, its actions and direct POSTs, allowed and refused."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.articles.test_admin import change_form_data, management_form
from tests.articles.workflow_factories import logged_in, make_writer
from tests.factories import make_article, make_editor, make_user

pytestmark = pytest.mark.django_db

CHANGELIST_URL = reverse("admin:articles_article_changelist")


@pytest.fixture
def writer():
    return logged_in(make_writer())


@pytest.fixture
def editor():
    return logged_in(make_editor(email="desk@example.org"))


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def move(client, article, name, **overrides):
    """Press the button of move ``name`` on the article's change form (writers' forms have no
    status field: theirs is ignored)."""
    data = change_form_data(article, status=article.status, _move=name, **overrides)
    data.update(management_form("notes", 0))  # published articles' corrections
    return client.post(change_url(article), data)


def own_draft(client, **fields):
    return make_article(published=False, created_by=client.user, **fields)


def stored(article):
    article.refresh_from_db()
    return article


# The groups ------------------------------------------------------------------------------------


def test_writers_editors_and_moderators_groups_exist_and_only_editors_may_publish():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Writers", "Editors", "Moderators"} <= names
    writers = Group.objects.get(name="Writers")
    assert writers.permissions.filter(codename="change_article").exists()
    assert not writers.permissions.filter(codename="publish_article").exists()
    assert not writers.permissions.filter(codename="delete_article").exists()
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="publish_article").exists()
    assert editors.permissions.filter(codename="add_articlenote").exists()


# The rules, on their own -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "may_publish", "owns", "expected"),
    [
        (workflow.DRAFT, False, True, ["submit"]),
        (workflow.DRAFT, False, False, []),
        (workflow.IN_REVIEW, False, True, []),
        (workflow.PUBLISHED, False, True, []),
        (workflow.IN_REVIEW, True, False, ["send_back", "publish"]),
        (workflow.PUBLISHED, True, False, ["unpublish"]),
        (workflow.UNPUBLISHED, True, False, ["publish"]),
    ],
)
def test_each_role_may_make_only_its_moves(status, may_publish, owns, expected):
    moves = workflow.allowed_moves(status, may_publish=may_publish, owns=owns)

    assert [m.name for m in moves] == expected


def test_writers_edit_only_their_own_drafts_and_editors_everything():
    assert workflow.may_edit(workflow.DRAFT, may_publish=False, owns=True)
    assert not workflow.may_edit(workflow.DRAFT, may_publish=False, owns=False)
    assert not workflow.may_edit(workflow.IN_REVIEW, may_publish=False, owns=True)
    assert not workflow.may_edit(workflow.PUBLISHED, may_publish=False, owns=True)
    assert workflow.may_edit(workflow.PUBLISHED, may_publish=True, owns=False)


# Writers ---------------------------------------------------------------------------------------


def test_writer_submits_own_draft_and_the_editors_are_emailed_after_commit(
    writer, editor, mailoutbox, django_capture_on_commit_callbacks
):
    draft = own_draft(writer, title="Harbour reopens")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = move(writer, draft, "submit")
    assert response.status_code == 302
    assert stored(draft).status == Article.Status.IN_REVIEW
    assert mailoutbox == []  # nothing before the save is committed

    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["desk@example.org"]
    assert "Harbour reopens" in mailoutbox[0].subject
    assert f"/admin/articles/article/{draft.pk}/change/" in mailoutbox[0].body


def test_writer_sees_only_the_submit_button_on_own_draft(writer):
    draft = own_draft(writer)

    page = writer.get(change_url(draft)).content.decode()

    assert 'value="submit"' in page
    assert 'value="publish"' not in page and 'value="send_back"' not in page


def test_writer_cannot_publish_own_draft_by_a_direct_post(writer):
    draft = own_draft(writer)

    response = move(writer, draft, "publish")

    assert response.status_code == 403
    assert stored(draft).status == Article.Status.DRAFT


def test_writer_cannot_submit_or_edit_someone_elses_draft(writer):
    theirs = make_article(published=False, created_by=make_writer(), title="Theirs")

    assert move(writer, theirs, "submit").status_code == 403
    response = writer.post(change_url(theirs), change_form_data(theirs, title="Mine now"))

    assert response.status_code == 403
    assert stored(theirs).title == "Theirs"
    assert stored(theirs).status == Article.Status.DRAFT


def test_writer_cannot_edit_own_article_once_submitted(writer):
    submitted = own_draft(writer, status=Article.Status.IN_REVIEW, title="Under review")

    response = writer.post(change_url(submitted), change_form_data(submitted, title="Sneaked"))

    assert response.status_code == 403
    assert stored(submitted).title == "Under review"


def test_writer_cannot_edit_published_work_even_with_their_byline(writer):
    live = make_article(created_by=writer.user, title="Live")

    response = writer.post(change_url(live), change_form_data(live, title="Rewritten"))

    assert response.status_code == 403
    assert stored(live).title == "Live"


def test_writer_gets_no_unpublish_action(writer):
    live = make_article()

    response = writer.post(
        CHANGELIST_URL,
        {"action": "unpublish", "_selected_action": [live.pk], "reason": "Mine to pull."},
    )

    assert response.status_code in (200, 302)
    assert stored(live).status == Article.Status.PUBLISHED


def test_a_byline_linked_to_the_writer_makes_the_draft_theirs(writer):
    from tests.factories import make_author

    draft = make_article(published=False, authors=[make_author(user=writer.user)])

    assert move(writer, draft, "submit").status_code == 302
    assert stored(draft).status == Article.Status.IN_REVIEW


# Editors ---------------------------------------------------------------------------------------


def test_sending_back_needs_a_note_and_keeps_what_was_typed(editor):
    submitted = make_article(published=False, status=Article.Status.IN_REVIEW)

    response = move(editor, submitted, "send_back", title="Retitled by the desk")

    assert response.status_code == 200
    assert "Tell the writer what to change" in response.content.decode()
    assert response.context["adminform"].form["title"].value() == "Retitled by the desk"
    assert stored(submitted).status == Article.Status.IN_REVIEW


def test_the_writer_sees_the_note_of_an_article_sent_back(writer, editor):
    draft = own_draft(writer, status=Article.Status.IN_REVIEW)

    response = move(editor, draft, "send_back", review_note="Check the harbour master's name.")
    assert response.status_code == 302
    assert stored(draft).status == Article.Status.DRAFT

    page = writer.get(change_url(draft)).content.decode()
    assert "Check the harbour master&#x27;s name." in page
    assert 'value="submit"' in page  # theirs to edit and submit again


def test_editor_publishes_or_schedules_an_article_in_review(editor):
    now_one = make_article(published=False, status=Article.Status.IN_REVIEW)
    later = make_article(published=False, status=Article.Status.IN_REVIEW)
    tomorrow = timezone.localtime() + timedelta(days=1)

    assert move(editor, now_one, "publish").status_code == 302
    move(
        editor,
        later,
        "publish",
        published_at_0=tomorrow.strftime("%Y-%m-%d"),
        published_at_1=tomorrow.strftime("%H:%M:%S"),
    )

    assert stored(now_one).state == Article.State.LIVE
    assert stored(later).state == Article.State.SCHEDULED
    assert list(Article.objects.published()) == [now_one]


def test_unpublishing_asks_for_a_reason_readers_then_see_at_the_address(editor, client):
    live = make_article(title="A story we withdraw")

    refused = move(editor, live, "unpublish")
    assert refused.status_code == 200
    assert "Give readers the reason" in refused.content.decode()
    assert stored(live).status == Article.Status.PUBLISHED

    move(editor, live, "unpublish", unpublished_reason="The main witness withdrew consent.")
    assert stored(live).status == Article.Status.UNPUBLISHED

    response = client.get(live.get_absolute_url())
    assert response.status_code == 410
    assert "The main witness withdrew consent." in response.content.decode()
    assert "A story we withdraw" not in client.get("/").content.decode()


def test_choosing_unpublished_in_the_status_list_asks_for_the_reason_too(editor):
    live = make_article()

    data = change_form_data(live, status=Article.Status.UNPUBLISHED)
    data.update(management_form("notes", 0))
    response = editor.post(change_url(live), data)

    assert response.status_code == 200
    assert "Give readers the reason" in response.content.decode()
    assert stored(live).status == Article.Status.PUBLISHED


def test_unpublish_action_asks_for_a_reason_before_unpublishing(editor):
    live = make_article()

    page = editor.post(CHANGELIST_URL, {"action": "unpublish", "_selected_action": [live.pk]})
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()
    assert stored(live).status == Article.Status.PUBLISHED

    editor.post(
        CHANGELIST_URL,
        {"action": "unpublish", "_selected_action": [live.pk], "reason": "Duplicate story."},
    )
    assert stored(live).status == Article.Status.UNPUBLISHED
    assert stored(live).unpublished_reason == "Duplicate story."


def test_a_move_from_the_wrong_state_is_refused(editor):
    live = make_article()

    assert move(editor, live, "send_back", review_note="Too late").status_code == 403
    assert stored(live).status == Article.Status.PUBLISHED


# The changelist --------------------------------------------------------------------------------


def test_awaiting_review_filter_counts_and_lists_submitted_articles(editor):
    waiting = [make_article(published=False, status=Article.Status.IN_REVIEW) for _ in range(2)]
    make_article(published=False)
    make_article()

    response = editor.get(CHANGELIST_URL)
    assert "Awaiting review (2)" in response.content.decode()

    listed = editor.get(CHANGELIST_URL, {"awaiting_review": "yes"}).context["cl"].result_list
    assert set(listed) == set(waiting)


def test_staff_without_any_article_permission_see_no_articles(client):
    client.force_login(make_user(is_staff=True))

    assert client.get(CHANGELIST_URL).status_code == 403
