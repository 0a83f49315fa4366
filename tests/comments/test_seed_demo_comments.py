from io import StringIO

import pytest
from django.core.management import call_command

from comments.models import Comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("seed_demo_comments", stdout=out)
    return out.getvalue()


def test_demo_comments_are_threaded_mostly_approved_and_added_once():
    make_article()
    make_article()

    first = run()
    count = Comment.objects.count()
    second = run()

    assert "Created" in first and count > 0
    assert "already present" in second and Comment.objects.count() == count
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert Comment.objects.pending().count() == 1
    assert all(c.author_email.endswith("@example.org") for c in Comment.objects.all())


def test_demo_comments_skip_unpublished_articles():
    draft = make_article(published=False)

    run()

    assert not Comment.objects.filter(article=draft).exists()


def test_demo_comments_follow_a_french_site(settings):
    settings.LANGUAGE_CODE = "fr"
    make_article()

    run()

    bodies = " ".join(Comment.objects.values_list("body", flat=True))
    assert "Article clair et utile" in bodies
    assert "Clear and useful" not in bodies
    assert Comment.objects.filter(author_email="ines@example.org").exists()  # "Inès"


def test_demo_comments_in_english_on_request(settings):
    settings.LANGUAGE_CODE = "fr"
    make_article()

    call_command("seed_demo_comments", "--language", "en", stdout=StringIO())

    assert Comment.objects.filter(body__startswith="Clear and useful").exists()
