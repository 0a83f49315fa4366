"""Images in the admin: thumbnails from renditions, focal point fields and their control."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from articles.models import ArticleImage, Author
from tests.articles.test_pictures import hand_made_renditions
from tests.factories import image_file, make_article, make_author, make_image

pytestmark = pytest.mark.django_db

FOCAL_POINT_JS = "articles/admin/focal_point.js"
FOCAL_POINT_CSS = "articles/admin/focal_point.css"


def image_with_renditions(article, label, **fields):
    image = make_image(article, image=image_file(f"{label}.jpg"), **fields)
    ArticleImage.objects.filter(pk=image.pk).update(renditions=hand_made_renditions(label))
    image.refresh_from_db()
    return image


def smallest_jpeg(label):
    return default_storage.url(f"renditions/{label}/free/480.jpg")


def change_page(editor_client, article):
    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    return response


def test_image_inline_thumbnail_is_the_smallest_jpeg_rendition(editor_client):
    article = make_article(published=False)
    image_with_renditions(article, "inline", alt_text="Cranes at dawn")

    html = change_page(editor_client, article).content.decode()

    # 480 × 360 shown 120 wide keeps its ratio: 90 high.
    expected = f'<img src="{smallest_jpeg("inline")}" width="120" height="90" alt="Cranes at dawn"'
    assert expected in html


def test_image_without_renditions_shows_no_picture_and_its_original_no_link(editor_client):
    article = make_article(published=False)
    image = make_image(article, image=image_file("waiting.jpg", size=(80, 20)))
    ArticleImage.objects.filter(pk=image.pk).update(renditions={})

    html = change_page(editor_client, article).content.decode()

    assert "Being prepared…" in html
    assert f"Currently: {image.image.name}" in html  # the editor sees which file it is...
    assert f'href="/media/{image.image.name}"' not in html  # ...never a link to it
    assert "/media/articles/" not in html


def test_image_inline_has_focal_point_fields_and_a_clickable_thumbnail(editor_client):
    article = make_article(published=False)
    image_with_renditions(article, "focal", focal_x=0.25, focal_y=0.75)

    response = change_page(editor_client, article)
    html = response.content.decode()

    [formset] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is ArticleImage
    ]
    form = formset.forms[0]
    assert {"focal_x", "focal_y"} <= set(form.fields)
    assert (form["focal_x"].value(), form["focal_y"].value()) == (0.25, 0.75)
    assert 'name="images-0-focal_x"' in html and 'name="images-0-focal_y"' in html
    assert 'class="focal-point" data-focal-x="focal_x" data-focal-y="focal_y"' in html


def test_alt_text_help_is_shown_to_editors(editor_client):
    article = make_article(published=False)
    make_image(article)

    html = change_page(editor_client, article).content.decode()

    assert "Describe what the image shows for readers who cannot see it" in html


def test_article_and_author_pages_include_the_focal_point_script_and_style(editor_client):
    article = make_article(published=False)
    author = make_author()

    for url in [
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_author_change", args=[author.pk]),
    ]:
        response = editor_client.get(url)
        media = response.context["media"]
        assert FOCAL_POINT_JS in str(media), url
        assert FOCAL_POINT_CSS in str(media), url


def test_article_list_shows_lead_thumbnails_from_renditions(editor_client):
    with_renditions = make_article(title="Rendered")
    image_with_renditions(with_renditions, "listed", is_lead=True, alt_text="Boats")
    waiting = make_article(title="Waiting")
    original = make_image(waiting, is_lead=True, image=image_file(size=(64, 48)))
    ArticleImage.objects.filter(pk=original.pk).update(renditions={})

    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert f'<img src="{smallest_jpeg("listed")}" width="120" height="90" alt="Boats"' in html
    assert "Being prepared…" in html
    assert original.image.name not in html


def test_author_admin_shows_the_photo_with_its_focal_point_control(editor_client):
    author = make_author(name="Lea Martin", photo=image_file("lea.jpg"))
    Author.objects.filter(pk=author.pk).update(photo_renditions=hand_made_renditions("lea"))

    change = editor_client.get(reverse("admin:articles_author_change", args=[author.pk]))
    listing = editor_client.get(reverse("admin:articles_author_changelist"))

    html = change.content.decode()
    assert 'data-focal-x="photo_focal_x" data-focal-y="photo_focal_y"' in html
    assert 'name="photo_focal_x"' in html and 'name="photo_focal_y"' in html
    assert f'<img src="{smallest_jpeg("lea")}" width="120" height="90"' in html
    assert f'src="{smallest_jpeg("lea")}"' in listing.content.decode()


def test_editor_sets_an_author_photo_focal_point(editor_client):
    author = make_author()

    response = editor_client.post(
        reverse("admin:articles_author_change", args=[author.pk]),
        {
            "name": author.name,
            "slug": author.slug,
            "bio": "",
            "photo_focal_x": "0.2",
            "photo_focal_y": "0.7",
        },
    )

    assert response.status_code == 302
    author.refresh_from_db()
    assert (author.photo_focal_x, author.photo_focal_y) == (0.2, 0.7)


def test_focal_point_outside_the_picture_is_refused(editor_client):
    author = make_author()

    response = editor_client.post(
        reverse("admin:articles_author_change", args=[author.pk]),
        {"name": author.name, "slug": author.slug, "photo_focal_x": "1.5", "photo_focal_y": "0"},
    )

    assert response.status_code == 200
    assert "photo_focal_x" in response.context["adminform"].form.errors
