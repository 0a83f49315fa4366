import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment, TrustedCommenter
from comments.privacy import erase_comments, export_comments, purge_ips
from tests.comments.factories import make_comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def run(*args, **options):
    """Run a management command; return what it printed."""
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


# Export -----------------------------------------------------------------------------------------


def test_export_lists_every_comment_of_the_email_whatever_its_case_and_status():
    article = make_article(title="Harbour reopens")
    first = make_comment(
        article,
        author_name="Ada",
        author_email="ada@example.net",
        author_url="https://ada.example.net/",
        body="First thought.",
        status=Comment.Status.APPROVED,
        sender_hash="0123456789abcdef",
        user_agent="Firefox",
        created_at=days_ago(2),
    )
    reply = make_comment(
        article,
        parent=first,
        author_email="ADA@Example.NET",
        body="Second thought.",
        status=Comment.Status.SPAM,
        created_at=days_ago(1),
    )
    make_comment(article, author_email="bo@example.net", body="Not Ada's.")

    exported = export_comments("Ada@example.net")

    assert [c["id"] for c in exported] == [first.pk, reply.pk]
    assert exported[0] == {
        "id": first.pk,
        "article": {"title": "Harbour reopens", "url": article.get_absolute_url()},
        "parent_id": None,
        "name": "Ada",
        "email": "ada@example.net",
        "website": "https://ada.example.net/",
        "body": "First thought.",
        "status": "approved",
        "created_at": first.created_at.isoformat(),
        "sender_hash": "0123456789abcdef",
        "user_agent": "Firefox",
    }
    assert exported[1]["parent_id"] == first.pk
    assert exported[1]["status"] == "spam"
    json.dumps(exported)  # plain data, ready for JSON


def test_export_prefixes_article_urls_with_the_base_url():
    article = make_article()
    make_comment(article, author_email="ada@example.net")

    exported = export_comments("ada@example.net", base_url="https://news.example")

    assert exported[0]["article"]["url"] == "https://news.example" + article.get_absolute_url()


def test_export_of_an_empty_email_finds_nothing_not_the_erased_comments():
    make_comment(author_email="ada@example.net").erase()

    assert export_comments("  ") == []


# Erase ------------------------------------------------------------------------------------------


def test_erase_leaves_placeholders_and_keeps_the_replies_of_others():
    article = make_article()
    ada = make_comment(
        article,
        author_name="Ada",
        author_email="ada@example.net",
        author_url="https://ada.example.net/",
        status=Comment.Status.APPROVED,
    )
    reply = make_comment(
        article,
        parent=ada,
        author_name="Bo",
        author_email="bo@example.net",
        body="I agree with Ada.",
        status=Comment.Status.APPROVED,
    )
    other_ada = make_comment(author_email="Ada@Example.net")

    count = erase_comments("ada@example.net")

    assert count == 2
    for comment in (ada, other_ada):
        comment.refresh_from_db()
        assert comment.body == ""
        assert comment.body_html == ""
        assert comment.author_name == ""
        assert comment.author_email == ""
        assert comment.author_url == ""
        assert comment.sender_hash == ""
        assert comment.user_agent == ""
        assert comment.erased_at is not None
    assert ada.status == Comment.Status.APPROVED  # the placeholder keeps its place
    reply.refresh_from_db()
    assert reply.parent_id == ada.pk
    assert reply.body == "I agree with Ada."
    assert reply.author_email == "bo@example.net"
    assert reply.erased_at is None


def test_erase_forgets_that_the_email_was_trusted():
    TrustedCommenter.objects.create(email="ada@example.net")
    TrustedCommenter.objects.create(email="bo@example.net")
    make_comment(author_email="ada@example.net")

    erase_comments("ADA@example.net")

    assert list(TrustedCommenter.objects.values_list("email", flat=True)) == ["bo@example.net"]


def test_erase_of_an_empty_email_erases_nothing():
    make_comment(author_email="ada@example.net").erase()
    kept = make_comment(author_email="bo@example.net")

    assert erase_comments("") == 0
    kept.refresh_from_db()
    assert not kept.is_erased


# Purge ------------------------------------------------------------------------------------------


def test_purge_clears_ip_and_user_agent_of_old_comments_only(django_assert_num_queries):
    old = make_comment(created_at=days_ago(31), sender_hash="1111222233334444", user_agent="Old")
    old_agent_only = make_comment(created_at=days_ago(40), sender_hash="", user_agent="UA")
    recent = make_comment(
        created_at=days_ago(29), sender_hash="5555666677778888", user_agent="New"
    )

    with django_assert_num_queries(1):
        count = purge_ips(30)

    assert count == 2
    for comment in (old, old_agent_only):
        comment.refresh_from_db()
        assert comment.sender_hash == ""
        assert comment.user_agent == ""
        assert comment.body  # nothing else is touched
    recent.refresh_from_db()
    assert recent.sender_hash == "5555666677778888"
    assert recent.user_agent == "New"


def test_purge_does_not_count_comments_already_purged():
    make_comment(created_at=days_ago(60))
    assert purge_ips(30) == 1
    assert purge_ips(30) == 0


# Commands ---------------------------------------------------------------------------------------


def test_purge_command_uses_the_retention_setting(settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 10
    old = make_comment(created_at=days_ago(11))
    recent = make_comment(created_at=days_ago(9))

    output = run("purge_comment_ips")

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.sender_hash == ""
    assert recent.sender_hash != ""
    assert "1 comment(s) older than 10 day(s)" in output


def test_purge_command_days_option_overrides_the_setting(settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 30
    comment = make_comment(created_at=days_ago(8))

    output = run("purge_comment_ips", "--days", "7")

    comment.refresh_from_db()
    assert comment.sender_hash == ""
    assert "1 comment(s) older than 7 day(s)" in output


def test_export_command_prints_the_comments_as_json():
    mine = make_comment(author_email="ada@example.net", body="Mine.")
    make_comment(author_email="bo@example.net", body="Not mine.")

    exported = json.loads(run("export_comments", "ada@example.net"))

    assert [c["id"] for c in exported] == [mine.pk]
    assert exported[0]["body"] == "Mine."


def test_export_command_writes_to_a_file(tmp_path):
    mine = make_comment(author_email="ada@example.net")
    target = tmp_path / "ada.json"

    output = run("export_comments", "ada@example.net", "--output", str(target))

    assert [c["id"] for c in json.loads(target.read_text())] == [mine.pk]
    assert "Wrote 1 comment(s)" in output


def test_erase_command_with_yes_erases_without_asking(monkeypatch):
    def no_questions(prompt):
        raise AssertionError("asked for confirmation despite --yes")

    monkeypatch.setattr("builtins.input", no_questions)
    comment = make_comment(author_email="ada@example.net")

    output = run("erase_comments", "ada@example.net", "--yes")

    comment.refresh_from_db()
    assert comment.is_erased
    assert "Erased 1 comment(s)." in output


def test_erase_command_asks_and_erases_when_confirmed(monkeypatch):
    prompts = []
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or "y")
    comment = make_comment(author_email="ada@example.net")

    run("erase_comments", "ada@example.net")

    comment.refresh_from_db()
    assert comment.is_erased
    assert "Erase 1 comment(s)" in prompts[0]


def test_erase_command_erases_nothing_when_not_confirmed(monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "")
    comment = make_comment(author_email="ada@example.net")

    output = run("erase_comments", "ada@example.net")

    comment.refresh_from_db()
    assert not comment.is_erased
    assert "Cancelled" in output
