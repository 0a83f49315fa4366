"""Attachments become images: found in --uploads, checked like uploads, never fetched."""

import socket

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles.models import Article, ArticleImage

from .conftest import draw, export, import_wordpress

pytestmark = pytest.mark.django_db


def images_of(slug):
    return list(Article.objects.get(slug=slug).images.order_by("order"))


def test_the_featured_image_leads_with_its_alt_text_and_caption(uploads):
    import_wordpress(export("newsroom.xml"), "--uploads", uploads)

    [lead] = images_of("harbour-reopens")
    assert lead.is_lead and lead.order == 1
    assert lead.alt_text == "Fishing boats moored at a stone quay at sunrise"
    assert lead.caption == "The harbour, seen from the pier."
    assert (lead.width, lead.height) == (1200, 675)


def test_images_are_stored_and_rendered_like_any_upload(uploads):
    draw(uploads, "2024/03/photo-wide.jpg", exif=True)
    import_wordpress(export("newsroom.xml"), "--uploads", uploads)

    [lead] = images_of("harbour-reopens")
    names = [
        entry["name"]
        for crop in lead.renditions["crops"].values()
        for f in crop.values()
        for entry in f
    ]
    assert names and all(default_storage.exists(name) for name in names)
    with default_storage.open(names[0]) as rendition, Image.open(rendition) as picture:
        assert not picture.getexif()


def test_a_featured_image_too_small_to_lead_becomes_the_first_figure_with_a_warning(uploads):
    output = import_wordpress(export("newsroom.xml"), "--uploads", uploads)

    [image] = images_of("small-lead")
    assert not image.is_lead and image.order == 1
    assert Article.objects.get(slug="small-lead").body.startswith("[figure 1]\n\nA story")
    assert "Post 101: its featured image is 200 pixels wide, too narrow to lead (960)" in output


def test_a_gallery_becomes_its_figures(uploads):
    import_wordpress(export("newsroom.xml"), "--uploads", uploads)

    post = Article.objects.get(slug="gallery-day")
    assert [(i.order, i.alt_text, i.caption) for i in images_of("gallery-day")] == [
        (1, "Nets drying on the quay", "First of the gallery"),
        (2, "Gulls over the harbour wall", "Second of the gallery"),
    ]
    assert post.body == (
        "Two views of the quay.\n\n[figure 1]\n\n[figure 2]\n\n"
        "The same, the other way round:\n\n[figure 2]\n\n[figure 1]\n"
    )
    assert post.body_html.count("<!--figure:") == 4


def test_missing_and_refused_files_are_summary_lines_never_a_crash(uploads):
    output = import_wordpress(export("newsroom.xml"), "--uploads", uploads)

    assert (
        "Missing pictures (1):\n  Post 100: https://old.example.com/wp-content/uploads/2024/03/gone.jpg"
        in output
    )
    assert (
        "Refused pictures (1):\n  Post 100: https://old.example.com/wp-content/uploads/2024/03/"
        "not-a-picture.jpg: Upload a valid image: this file is not a picture"
    ) in output
    body = Article.objects.get(slug="harbour-reopens").body
    assert "[figure" not in body  # the missing and refused pictures leave no empty figure


def test_without_uploads_every_picture_is_listed_missing():
    output = import_wordpress(export("newsroom.xml"))

    assert "Missing pictures (6):" in output
    assert not ArticleImage.objects.exists()
    assert Article.objects.count() == 10


def test_the_import_never_connects_to_the_internet(uploads, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the import tried to connect")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)

    import_wordpress(export("newsroom.xml"), "--uploads", uploads)

    assert ArticleImage.objects.count() == 4


def test_files_outside_the_uploads_folder_are_never_read(tmp_path):
    secret = draw(tmp_path, "secret.jpg")
    folder = tmp_path / "uploads"
    folder.mkdir()
    (folder / "2024").symlink_to(tmp_path)  # a link that leads out of the folder
    export_text = (
        export("newsroom.xml")
        .read_text()
        .replace("/wp-content/uploads/2024/03/photo-wide.jpg", "/wp-content/uploads/../secret.jpg")
        .replace("/wp-content/uploads/2024/03/small.jpg", "/wp-content/uploads/2024/secret.jpg")
    )
    path = tmp_path / "traversal.xml"
    path.write_text(export_text)

    output = import_wordpress(path, "--uploads", folder)

    assert secret.exists()
    assert not ArticleImage.objects.exists()
    assert "/wp-content/uploads/../secret.jpg" in output
    assert "/wp-content/uploads/2024/secret.jpg" in output
