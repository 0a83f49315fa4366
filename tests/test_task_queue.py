"""The database task queue: moderators' emails and image renditions wait for the worker."""

import pytest
from django.core import mail
from django.core.management import call_command

from comments.models import Comment
from comments.services import post_comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_database_queue_holds_moderator_emails_until_the_worker_runs(
    settings, django_capture_on_commit_callbacks, monkeypatch
):
    from django_tasks_db.management.commands import db_worker

    # The worker closes connections not in autocommit mode: inside this test's transaction,
    # that would be the test's own connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.COMMENTS_NOTIFY_EMAILS = ["desk@example.org"]
    article = make_article()

    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(
            article=article,
            name="Ada",
            email="ada@example.net",
            url="",
            body="Hello.",
            form_age=10,
        )

    assert comment.status == Comment.Status.PENDING
    assert mail.outbox == []

    call_command("db_worker", "--batch", verbosity=0)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["desk@example.org"]


def test_database_queue_makes_renditions_in_the_worker_and_pages_show_no_image_meanwhile(
    settings, client, monkeypatch
):
    from django_tasks_db.management.commands import db_worker

    from articles.models import ArticleImage
    from tests.factories import image_file, make_image

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    article = make_article()
    image = make_image(article, is_lead=True, image=image_file("zq-queued.jpg"))

    assert ArticleImage.objects.get(pk=image.pk).renditions == {}
    waiting = client.get(article.get_absolute_url()).content.decode()
    assert "<picture" not in waiting and "og:image" not in waiting
    assert "zq-queued" not in waiting

    call_command("db_worker", "--batch", verbosity=0)

    renditions = ArticleImage.objects.get(pk=image.pk).renditions
    assert set(renditions["crops"]) == {"free", "16x9", "1x1"}
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<picture" in page and "og:image" in page
    assert "zq-queued" not in page
