"""Two editors, one article: a save over a newer version is refused with a clear message, the
other person's changes shown as a diff and the refused text still in the form."""

import pytest
from django.urls import reverse

from tests.articles.test_admin import change_form_data, management_form
from tests.articles.workflow_factories import logged_in
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db


def open_form(client, article):
    """The change form as this client sees it: the hidden version it carries."""
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    return response.context["adminform"].form["edited_version"].value()


def save(client, article, version, **changes):
    data = change_form_data(article, status=article.status, edited_version=version, **changes)
    data.update(management_form("notes", 0))
    return client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


@pytest.fixture
def article():
    return make_article(
        published=False, title="Budget vote", body="The council votes the budget on Monday."
    )


@pytest.fixture
def alice():
    return logged_in(make_editor(username="alice"))


@pytest.fixture
def bruno():
    return logged_in(make_editor(username="bruno"))


def test_a_save_over_a_newer_version_is_refused_and_keeps_the_typed_text(article, alice, bruno):
    save(alice, article, open_form(alice, article), body="A first save, kept as a revision.")
    alice_opened, bruno_opened = open_form(alice, article), open_form(bruno, article)
    article.refresh_from_db()

    assert (
        save(alice, article, alice_opened, body="The council votes on Tuesday.").status_code == 302
    )
    refused = save(bruno, article, bruno_opened, body="Bruno's own paragraph.", title="Vote")

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "alice saved this article at" in page
    form = refused.context["adminform"].form
    assert form["body"].value() == "Bruno's own paragraph."  # nothing typed is lost
    assert form["title"].value() == "Vote"
    # Alice's change, as a word diff from what Bruno had opened.
    assert (
        '<ins class="word-diff__added"><span class="visually-hidden">[added: </span>Tuesday.'
        in page
    )
    article.refresh_from_db()
    assert article.body == "The council votes on Tuesday."


def test_saving_again_after_the_refusal_keeps_your_version(article, alice, bruno):
    alice_opened, bruno_opened = open_form(alice, article), open_form(bruno, article)
    save(alice, article, alice_opened, body="Alice's text.")
    refused = save(bruno, article, bruno_opened, body="Bruno's text.")
    newer = refused.context["adminform"].form["edited_version"].value()

    assert newer != bruno_opened
    assert save(bruno, article, newer, body="Bruno's text.").status_code == 302
    article.refresh_from_db()
    assert article.body == "Bruno's text."


def test_without_a_revision_to_start_from_the_diff_compares_their_text_with_yours(
    article, alice, bruno
):
    bruno_opened = open_form(bruno, article)
    article.body = "Saved elsewhere, outside the admin."
    article.save()

    refused = save(bruno, article, bruno_opened, body="Bruno's text.")

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Their saved text, against yours" in page
    assert "someone else saved this article" in page.lower()


def test_saves_in_turn_are_not_refused(article, alice, bruno):
    assert save(alice, article, open_form(alice, article), body="One.").status_code == 302
    article.refresh_from_db()
    assert save(bruno, article, open_form(bruno, article), body="Two.").status_code == 302
