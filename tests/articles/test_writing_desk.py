"""The writing desk's preview: the body as readers will see it, through the same Markdown,
sanitizer, figure and teaser pipeline, from an endpoint only staff who may see the article reach.
And the change form hands the desk its words and addresses without an inline script."""

import json

import pytest
from django.urls import reverse

from articles.admin_desk import PREVIEW_MAX_LENGTH
from tests.articles.workflow_factories import logged_in, make_writer
from tests.factories import make_article, make_editor, make_image, make_user

pytestmark = pytest.mark.django_db

PREVIEW_URL = reverse("admin:articles_article_body_preview")


@pytest.fixture
def editor():
    return logged_in(make_editor())


def test_the_preview_renders_markdown_figures_and_teasers_and_drops_scripts(editor):
    article = make_article(published=False)
    make_image(article, order=2, alt_text="The quay at dawn")
    other = make_article(title="Storm warning lifted")
    body = (
        "## Dawn\n\nThe **harbour** reopened.<script>alert(1)</script>\n\n[figure 2]\n\n"
        f"[Storm warning lifted]({other.get_absolute_url()})"
    )

    response = editor.post(PREVIEW_URL, {"body": body, "article": article.pk})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h2>Dawn</h2>" in html and "<strong>harbour</strong>" in html
    assert "<script" not in html
    assert 'alt="The quay at dawn"' in html  # the figure, as readers get it
    kinds = [kind for kind, _ in response.context["body_blocks"]]
    assert kinds == ["html", "figure", "html", "teaser"]
    assert response.context["body_blocks"][-1][1] == other


def test_a_new_article_previews_without_figures(editor):
    response = editor.post(PREVIEW_URL, {"body": "Words.\n\n[figure 1]"})

    assert response.status_code == 200
    assert [kind for kind, _ in response.context["body_blocks"]] == ["html"]


def test_the_preview_is_refused_to_people_outside_the_newsroom(client):
    client.force_login(make_user())

    response = client.post(PREVIEW_URL, {"body": "Hello"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_article_rights_cannot_preview():
    moderator = logged_in(make_user(is_staff=True, groups=["Moderators"]))
    article = make_article(published=False)

    for data in ({"body": "Hello", "article": article.pk}, {"body": "Hello"}):
        assert moderator.post(PREVIEW_URL, data).status_code == 403


def test_a_writer_previews_their_own_draft():
    writer = logged_in(make_writer())
    article = make_article(published=False, created_by=writer.user)

    response = writer.post(PREVIEW_URL, {"body": "Hello *there*", "article": article.pk})

    assert response.status_code == 200 and "<em>there</em>" in response.content.decode()


def test_the_preview_answers_bad_input_with_a_message(editor):
    too_long = editor.post(PREVIEW_URL, {"body": "x" * (PREVIEW_MAX_LENGTH + 1)})
    not_a_number = editor.post(PREVIEW_URL, {"body": "x", "article": "abc"})

    assert too_long.status_code == 400 and not_a_number.status_code == 400
    assert "cannot be previewed" in too_long.content.decode()


def test_the_preview_only_answers_posts(editor):
    assert editor.get(PREVIEW_URL).status_code == 405


def test_the_change_form_gives_the_desk_its_words_in_a_data_block(editor):
    article = make_article(published=False)

    response = editor.get(reverse("admin:articles_article_change", args=[article.pk]))

    html = response.content.decode()
    start = html.index('<script id="writing-desk-config" type="application/json">')
    config = json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])
    assert config["previewUrl"] == PREVIEW_URL and config["article"] == article.pk
    assert config["strings"]["bold"] == "Bold"
    assert "js/writing_desk.js" in html and "js/article_draft.js" in html
