"""Sending an article back tells its writers by email, with the editor's note, once the save is
committed, through the task queue."""

import pytest

from articles import review
from articles.models import Article
from tests.articles.test_review_workflow import move, own_draft, stored
from tests.articles.workflow_factories import logged_in, make_writer
from tests.factories import make_article, make_author, make_editor

pytestmark = pytest.mark.django_db


def test_a_send_back_emails_the_writer_the_note_after_commit(
    mailoutbox, django_capture_on_commit_callbacks
):
    writer = logged_in(make_writer(email="ada@example.org"))
    editor = logged_in(make_editor(email="desk@example.org"))
    draft = own_draft(writer, status=Article.Status.IN_REVIEW, title="Harbour reopens")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = move(editor, draft, "send_back", review_note="Check the harbour master's name.")
    assert response.status_code == 302
    assert stored(draft).status == Article.Status.DRAFT
    assert mailoutbox == []  # nothing before the save is committed

    for callback in callbacks:
        callback()
    (mail,) = mailoutbox
    assert mail.to == ["ada@example.org"]
    assert "Harbour reopens" in mail.subject
    assert "Check the harbour master's name." in mail.body
    assert f"/admin/articles/article/{draft.pk}/change/" in mail.body


def test_the_writers_are_its_creator_and_the_users_who_sign_it():
    creator = make_writer(email="creator@example.org")
    signer = make_writer(email="signer@example.org")
    article = make_article(published=False, created_by=creator, authors=[make_author(user=signer)])
    make_writer(email="bystander@example.org")

    assert review.writer_emails(article) == ["creator@example.org", "signer@example.org"]


def test_no_email_once_the_article_left_the_writers_desk(mailoutbox):
    article = make_article(published=True, created_by=make_writer())

    assert review.article_sent_back(article.pk, base_url="https://example.org") is False
    assert mailoutbox == []
