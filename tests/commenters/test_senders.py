"""No raw address kept: a keyed hash that says "same sender" within a retention period."""

import importlib
from datetime import timedelta
from html import escape

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from comments.admin import comment_queue_url
from comments.models import Comment
from comments.senders import sender_hash
from tests.comments.factories import make_comment
from tests.factories import make_article

from .helpers import post

migration = importlib.import_module("comments.migrations.0006_sender_hash_instead_of_ip_address")


def test_one_client_has_one_hash_within_a_period():
    assert sender_hash("198.51.100.4") == sender_hash("198.51.100.4")
    assert sender_hash("198.51.100.4") != sender_hash("198.51.100.5")
    # An IPv6 client is its /64, as flood control counts it.
    assert sender_hash("2001:db8:1:2::7") == sender_hash("2001:db8:1:2:ffff::1")
    assert sender_hash("2001:db8:1:2::7") != sender_hash("2001:db8:1:3::7")
    assert sender_hash("") == sender_hash("unix socket") == ""


def test_the_key_changes_with_the_retention_period(settings):
    now = timezone.now()
    later = now + timedelta(days=settings.COMMENTS_IP_RETENTION_DAYS)
    assert sender_hash("198.51.100.4", at=now) != sender_hash("198.51.100.4", at=later)


@pytest.mark.django_db
def test_a_posted_comment_keeps_no_address(client):
    with time_machine.travel(timezone.now(), tick=False):
        comment = post(client, make_article(), author_email="ada@example.net")
        assert comment.sender_hash == sender_hash("127.0.0.1")
    stored = Comment.objects.filter(pk=comment.pk).values().get()
    assert "127.0.0.1" not in str(stored)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_turns_recent_addresses_into_hashes_and_drops_old_ones(settings):
    executor = MigrationExecutor(connection)
    before = [("comments", "0005_commenter_addresses_and_data_requests")]
    after = [("comments", migration.Migration.__module__.rsplit(".", 1)[1])]
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        OldComment = old_apps.get_model("comments", "Comment")
        Article = old_apps.get_model("articles", "Article")
        article = Article.objects.get(pk=make_article().pk)
        now = timezone.now()
        common = {"article": article, "author_name": "A", "body": "Text."}
        recent = OldComment.objects.create(ip_address="198.51.100.4", created_at=now, **common)
        old = OldComment.objects.create(
            ip_address="198.51.100.5",
            created_at=now - timedelta(days=settings.COMMENTS_IP_RETENTION_DAYS + 1),
            **common,
        )
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert Comment.objects.get(pk=recent.pk).sender_hash == sender_hash("198.51.100.4")
    assert Comment.objects.get(pk=old.pk).sender_hash == ""


@pytest.mark.django_db
def test_moderators_follow_a_sender_to_its_comments(admin_client):
    same = [make_comment(sender_hash="aaaabbbbccccdddd", body=f"Same {n}.") for n in range(2)]
    other = make_comment(sender_hash="1111222233334444", body="Someone else.")
    html = admin_client.get(comment_queue_url(status="all")).content.decode()
    link = escape(comment_queue_url(status="all", sender_hash="aaaabbbbccccdddd"))
    assert html.count(f'href="{link}"') == 2
    response = admin_client.get(comment_queue_url(status="all", sender_hash="aaaabbbbccccdddd"))
    page = response.content.decode()
    assert all(comment.body in page for comment in same)
    assert other.body not in page
