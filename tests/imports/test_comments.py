"""Comments keep their text, author, date, threading and status; emails are never shown."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from comments.senders import sender_hash
from tests.comments.test_email_privacy import assert_no_leak

from .conftest import export, import_wordpress

pytestmark = pytest.mark.django_db

MARKERS = [
    "marta-marker@example.net",
    "paul-marker@example.net",
    "quentin-marker@example.net",
    "spam-marker@example.net",
    "page-marker@example.net",
    "alice-wp@example.net",  # WordPress authors' emails are not shown either
    "bob-wp@example.net",
]


def comment(name):
    return Comment.objects.get(author_name=name)


@pytest.fixture
def imported(uploads):
    return import_wordpress(export("newsroom.xml"), "--uploads", uploads)


def test_comments_keep_their_author_text_date_and_website(imported):
    marta = comment("Marta")

    assert marta.author_email == "marta-marker@example.net"
    assert marta.author_url == "https://marta.example.org/"
    assert marta.created_at == datetime(2024, 3, 15, 9, 0, tzinfo=UTC)
    assert marta.body == (
        "Good news at last.\n\nSee my photos (https://marta.example.org/photos) and share."
    )
    assert comment("Paul").author_url == ""  # javascript: is not a website
    assert comment("Regretful").author_email == ""  # not an email address


def test_threads_are_kept_whatever_the_order_in_the_file(imported):
    marta, paul, quentin = comment("Marta"), comment("Paul"), comment("Quentin")

    assert (marta.parent, paul.parent, quentin.parent) == (None, marta, paul)
    assert (marta.depth, paul.depth, quentin.depth) == (0, 1, 2)


def test_statuses_follow_wordpress(imported):
    statuses = dict(Comment.objects.values_list("author_name", "status"))

    assert statuses == {
        "Marta": "approved",
        "Paul": "approved",
        "Quentin": "pending",
        "Cheap pills": "spam",
        "Regretful": "removed",
    }


def test_pingbacks_and_trackbacks_are_skipped_and_counted(imported):
    assert "1 comments: pingbacks" in imported
    assert "1 comments: trackbacks" in imported
    assert not Comment.objects.filter(author_name__in=["Another blog", "Old blog"]).exists()


def test_ip_addresses_older_than_the_retention_period_are_not_imported(uploads, settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 30
    with time_machine.travel(datetime(2024, 4, 1, tzinfo=UTC)):
        import_wordpress(export("newsroom.xml"), "--uploads", uploads)

        assert comment("Marta").sender_hash == sender_hash("192.0.2.10")  # 17 days old then
        assert comment("Quentin").sender_hash == sender_hash("2001:db8::7")
    with time_machine.travel(datetime(2024, 6, 1, tzinfo=UTC)):
        import_wordpress(export("newsroom.xml"), "--uploads", uploads)
    assert comment("Marta").sender_hash == ""  # a later run forgets it too


def test_today_the_old_comments_come_without_their_ip_address(imported):
    assert not Comment.objects.exclude(sender_hash="").exists()


def test_no_imported_email_appears_on_any_public_page(imported, client):
    article = Article.objects.get(slug="harbour-reopens")
    urls = [
        reverse("articles:home"),
        *[a.get_absolute_url() for a in Article.objects.published()],
        article.section.get_absolute_url(),
        *[tag.get_absolute_url() for tag in article.tags.all()],
        *[b.author.get_absolute_url() for b in article.bylines.all()],
        "/about-us/",
        reverse("articles:feed"),
        reverse("articles:feed_atom"),
        reverse("articles:search") + "?q=marker",
        reverse("articles:search") + "?q=Marta",
        reverse("sitemap"),
        *[
            reverse("sitemap_section", kwargs={"section": name})
            for name in ["articles", "news", "sections", "tags", "authors", "pages"]
        ],
        "/2024/03/10/harbour-reopens/",
        "/?p=100",
        "/author/alice/",
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code in {200, 301}, url
        assert_no_leak(response, MARKERS, url)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Good news at last." in page and "I agree with Marta." in page
