"""Every save of an article keeps a revision with who saved it; the history is bounded; any
revision can be restored, which keeps a new one; two texts compare word by word."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.revisions import word_diff
from tests.articles.test_admin import change_form_data, management_form
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(make_editor(username="desk"))
    return client


def save_in_admin(client, article, **overrides):
    data = change_form_data(article, status=article.status, **overrides)
    data.update(management_form("notes", 0))
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


def revisions_of(article):
    return list(Version.objects.get_for_object(article))


def test_each_save_keeps_a_revision_of_the_text_with_who_saved_it(editor):
    article = make_article(published=False, title="First title")

    save_in_admin(editor, article, title="Second title")
    save_in_admin(editor, article, title="Third title", body="New body.")

    newest, older = revisions_of(article)
    assert newest.field_dict["title"] == "Third title"
    assert newest.field_dict["body"] == "New body."
    assert older.field_dict["title"] == "Second title"
    assert newest.revision.user.username == "desk"
    # The bylines are kept with the article.
    assert newest.revision.version_set.filter(content_type__model="articleauthor").exists()


def test_the_history_keeps_only_the_latest_revisions(editor, settings):
    settings.NEWSROOM_REVISIONS_KEPT = 2
    article = make_article(published=False)

    for n in range(4):
        save_in_admin(editor, article, title=f"Title {n}")

    assert [v.field_dict["title"] for v in revisions_of(article)] == ["Title 3", "Title 2"]


def test_restoring_a_revision_brings_its_text_back_as_a_new_revision(editor):
    article = make_article(published=False, title="Original")
    save_in_admin(editor, article, title="Original")
    save_in_admin(editor, article, title="Rewritten")
    original = revisions_of(article)[-1]

    url = reverse("admin:articles_article_revision", args=[article.pk, original.pk])
    page = editor.get(url)
    assert page.status_code == 200
    assert page.context["adminform"].form["title"].value() == "Original"  # the form, as it was
    data = change_form_data(article, status=article.status, title="Original")
    data.update(management_form("notes", 0))
    assert editor.post(url, data).status_code == 302

    article.refresh_from_db()
    assert article.title == "Original"
    assert len(revisions_of(article)) == 3  # restoring lost nothing


def test_word_diff_marks_removed_and_added_words():
    pieces = word_diff("The vote was on Monday.", "The vote was on Tuesday.")

    assert ("removed", "Monday.") in pieces and ("added", "Tuesday.") in pieces
    assert "".join(text for op, text in pieces if op != "added") == "The vote was on Monday."
    assert "".join(text for op, text in pieces if op != "removed") == "The vote was on Tuesday."
