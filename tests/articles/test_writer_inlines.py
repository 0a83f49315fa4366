"""A writer who may not change an article sees its bylines, images and sources, but no row of
them to edit, add or delete; on their own draft the rows are theirs to edit."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.workflow_factories import logged_in, make_writer
from tests.factories import make_article, make_image, make_source

pytestmark = pytest.mark.django_db

EDITABLE_ROWS = ['name="bylines-0-author"', 'name="images-0-caption"', 'name="sources-0-label"']


def article_with_parts(**fields):
    article = make_article(published=False, **fields)
    make_image(article, caption="The quay")
    make_source(article, label="Port authority")
    return article


def change_page(client, article):
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    "whose", ["someone else's draft", "own article in review", "someone else's published"]
)
def test_no_editable_inline_rows_on_an_article_the_writer_may_not_change(whose):
    writer = logged_in(make_writer())
    fields = {
        "someone else's draft": {"created_by": make_writer()},
        "own article in review": {"created_by": writer.user, "status": Article.Status.IN_REVIEW},
        "someone else's published": {
            "created_by": make_writer(),
            "status": Article.Status.PUBLISHED,
        },
    }[whose]
    article = article_with_parts(**fields)

    response = change_page(writer, article)

    page = response.content.decode()
    assert not any(row in page for row in EDITABLE_ROWS)
    assert "The quay" in page and "Port authority" in page  # shown, read only
    for inline in response.context["inline_admin_formsets"]:
        assert not (inline.has_add_permission or inline.has_change_permission)
        assert not inline.has_delete_permission


def test_the_writer_edits_the_rows_of_their_own_draft():
    writer = logged_in(make_writer())
    article = article_with_parts(created_by=writer.user)

    page = change_page(writer, article).content.decode()

    assert all(row in page for row in EDITABLE_ROWS)
