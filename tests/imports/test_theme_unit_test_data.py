"""WordPress's own theme test export, full of edge cases, read from the shared fixtures (never
copied into the project). The counts below were checked against the file itself."""

import hashlib
import xml.etree.ElementTree as ElementTree
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.db.models import Count
from django.test import Client, override_settings

from articles.models import Article, ArticleImage, Author, Section, Tag
from comments.models import Comment
from pages.models import Page
from redirects.models import Redirect
from tests.comments.test_email_privacy import exposed_text
from wordpress.models import ImportedObject

from .conftest import import_wordpress, uploads_for

pytestmark = pytest.mark.django_db

WP = "{https://wordpress.org/export/1.2/}"


@pytest.fixture(scope="module")
def items(theme_test_data):
    return ElementTree.parse(theme_test_data).getroot().find("channel").findall("item")


@pytest.fixture(scope="module")
def uploads(theme_test_data, tmp_path_factory):
    return uploads_for(theme_test_data, tmp_path_factory.mktemp("uploads"))


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, theme_test_data, uploads, tmp_path_factory):
    """Imported once for the module (a few seconds), deleted after its last test."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, NEWSROOM_RENDITION_WIDTHS=[64]),
    ):
        yield import_wordpress(theme_test_data, "--uploads", uploads)
        for model in [Comment, Article, Page, Redirect, Tag, Section, Author, ImportedObject]:
            model.objects.all().delete()


def of_type(items, post_type):
    return [item for item in items if item.findtext(f"{WP}post_type") == post_type]


def test_the_file_holds_what_the_counts_below_assume(items, theme_test_data):
    posts = of_type(items, "post")
    comments = [c for item in items for c in item.findall(f"{WP}comment")]
    channel = ElementTree.parse(theme_test_data).getroot().find("channel")

    assert Counter(p.findtext(f"{WP}status") for p in posts) == {
        "publish": 56,
        "draft": 1,
        "future": 1,
    }
    assert (len(of_type(items, "page")), len(of_type(items, "attachment"))) == (21, 37)
    assert len(comments) == 33
    assert Counter(c.findtext(f"{WP}comment_type") or "comment" for c in comments) == {
        "comment": 29,
        "pingback": 2,
        "trackback": 2,
    }
    # 26 approved and 3 pending comments, of which 3 approved and 2 pending are on pages
    on_pages = [c for p in of_type(items, "page") for c in p.findall(f"{WP}comment")]
    assert Counter(c.findtext(f"{WP}comment_approved") for c in on_pages) == {"1": 3, "0": 2}
    assert len(channel.findall(f"{WP}author")) == 2
    assert len(channel.findall(f"{WP}category")) == 68
    assert len(channel.findall(f"{WP}tag")) == 110


def test_posts_become_articles_with_their_statuses(imported):
    assert Article.objects.count() == 58
    assert Article.objects.published().count() == 55  # 56 published, one behind a password
    assert Article.objects.scheduled().count() == 1
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 2
    assert "was protected by a password: it is now a draft" in imported
    assert "Sticky posts, now top stories of the home page (1):\n  Template: Sticky" in imported


def test_pages_authors_categories_and_tags_are_all_there(imported):
    assert Page.objects.count() == 21
    assert Author.objects.count() == 2
    recorded = Counter(
        wordpress_id.split("/")[0]
        for wordpress_id in ImportedObject.objects.filter(kind__in=["section", "tag"])
        .values_list("wordpress_id", flat=True)
        .distinct()
    )
    categories = {
        w.split("/", 1)[1]
        for w in ImportedObject.objects.filter(wordpress_id__startswith="category/").values_list(
            "wordpress_id", flat=True
        )
    }
    assert len(categories) == 68  # each a section, a tag, or both
    # The 110 tags the file lists, and 4 more its posts use without listing them.
    assert recorded["post_tag"] == 110 + len({"columns", "sample", "content", "test-tag"})
    assert Section.objects.exists() and Tag.objects.count() >= 110


def test_comments_on_posts_are_imported_the_others_skipped_and_counted(imported):
    counts = dict(Comment.objects.values_list("status").annotate(n=Count("id")))

    # 26 approved and 3 pending in the file; 3 approved and 2 pending are on pages
    assert counts == {"approved": 23, "pending": 1}
    assert "5 comments: on pages, which take no comments" in imported
    assert "2 comments: pingbacks" in imported
    assert "2 comments: trackbacks" in imported


def test_threads_are_kept(imported, items):
    parents = {
        int(c.findtext(f"{WP}comment_id")): int(c.findtext(f"{WP}comment_parent"))
        for post in of_type(items, "post")
        for c in post.findall(f"{WP}comment")
        if c.findtext(f"{WP}comment_type") not in {"pingback", "trackback"}
    }
    made = dict(
        ImportedObject.objects.filter(kind="comment").values_list("object_id", "wordpress_id")
    )

    for comment in Comment.objects.all():
        expected = parents[int(made[comment.pk])]
        got = int(made[comment.parent_id]) if comment.parent_id else 0
        assert got == expected
    assert max(Comment.objects.values_list("depth", flat=True)) == 9  # a ten-level thread


def test_featured_images_lead_and_pictures_are_shared_between_posts(imported):
    leads = ArticleImage.objects.filter(is_lead=True)

    assert leads.count() == 6
    assert ArticleImage.objects.values("image").distinct().count() < ArticleImage.objects.count()


def test_every_published_post_answers_at_its_old_addresses(imported, items, client):
    for post in of_type(items, "post"):
        if post.findtext(f"{WP}status") != "publish":
            continue
        article = Article.objects.get(
            pk=ImportedObject.objects.get(
                kind="post", wordpress_id=post.findtext(f"{WP}post_id")
            ).object_id
        )
        for old in [urlsplit(post.findtext("link")).path, f"/?p={post.findtext(f'{WP}post_id')}"]:
            response = client.get(old)
            assert response.status_code == 301, old
            assert response["Location"] == article.get_absolute_url()
    assert Redirect.objects.filter(old_path__startswith="/category/").exists()


def test_no_imported_email_appears_anywhere_public(imported, items, theme_test_data):
    emails = {
        element.text.strip()
        for element in ElementTree.parse(theme_test_data).iter()
        if element.tag in {f"{WP}comment_author_email", f"{WP}author_email"} and element.text
    }
    urls = ["/", "/feed/", "/feed/atom/", "/sitemap.xml", "/search/?q=example"]
    urls += [article.get_absolute_url() for article in Article.objects.published()]
    urls += [page.get_absolute_url() for page in Page.objects.filter(is_published=True)]
    urls += [author.get_absolute_url() for author in Author.objects.all()]
    urls += [
        f"/sitemap-{name}.xml" for name in ["articles", "sections", "tags", "authors", "pages"]
    ]
    client = Client()

    # Whole addresses and their digests: their local parts ("example") are ordinary words here.
    leaks = {form for email in emails for form in digests(email)}
    assert len(emails) > 5
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = exposed_text(response)
        assert not [leak for leak in leaks if leak in text], url


def digests(email):
    normalized = email.lower().encode()
    return {
        email.lower(),
        hashlib.md5(normalized).hexdigest(),
        hashlib.sha1(normalized).hexdigest(),
        hashlib.sha256(normalized).hexdigest(),
    }


def test_a_second_run_changes_nothing(imported, theme_test_data, uploads):
    models = [Article, ArticleImage, Author, Section, Tag, Comment, Page, Redirect]
    before = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}

    again = import_wordpress(theme_test_data, "--uploads", uploads)

    after = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    assert after == before
    table = again.splitlines()[1:9]
    assert all(line.split()[1:3] == ["0", "0"] for line in table), table
