import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from articles.images.renditions import all_names
from articles.models import ArticleImage
from tests.factories import image_file, make_article, make_author, make_image

pytestmark = pytest.mark.django_db


def rebuild_renditions():
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_renditions", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def widths(renditions, crop="free"):
    return [entry["width"] for entry in renditions["crops"][crop]["jpeg"]]


def test_rebuild_makes_renditions_for_new_widths_and_deletes_the_old_files(
    settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_RENDITION_WIDTHS = [100]
    image = make_image(make_article(), image=image_file(size=(300, 200)))
    author = make_author(photo=image_file("face.jpg", size=(120, 120)))
    old = all_names(image.renditions) + all_names(author.photo_renditions)
    settings.NEWSROOM_RENDITION_WIDTHS = [100, 200]

    with django_capture_on_commit_callbacks(execute=True):  # old files go after commit
        out, err = rebuild_renditions()

    image.refresh_from_db()
    author.refresh_from_db()
    assert widths(image.renditions) == [100, 200]
    assert widths(author.photo_renditions, "1x1") == [100]
    new = all_names(image.renditions) + all_names(author.photo_renditions)
    assert all(default_storage.exists(name) for name in new)
    assert not any(default_storage.exists(name) for name in set(old) - set(new))
    files = len(new)
    assert out.startswith(f"Rebuilt 2 images ({files} files) in ")
    assert out.rstrip().endswith("s; 0 failed.")
    assert "[" + "#" * 30 + "] 2/2" in err


def test_rebuild_reports_a_missing_original_and_carries_on():
    lost = make_image(make_article())
    kept = make_image(make_article())
    lost.image.storage.delete(lost.image.name)

    out, err = rebuild_renditions()

    assert "Rebuilt 1 images" in out and "; 1 failed." in out
    assert f"image {lost.pk} from {lost.image.name}" in err
    assert "FileNotFoundError" in err
    # (not refresh_from_db(): Django's ImageField would open the missing file for its size)
    assert ArticleImage.objects.get(pk=lost.pk).renditions == lost.renditions  # left as it was
    kept.refresh_from_db()
    assert all(default_storage.exists(name) for name in all_names(kept.renditions))


def test_rebuild_reports_an_unreadable_original():
    image = make_image(make_article())
    with image.image.storage.open(image.image.name, "wb") as file:
        file.write(b"not a picture any more")

    out, err = rebuild_renditions()

    assert "Rebuilt 0 images (0 files)" in out and "; 1 failed." in out
    assert "UnidentifiedImageError" in err


def test_images_sharing_a_file_are_rebuilt_from_one_decoding_keeping_their_focal_points():
    first = make_image(make_article())
    ArticleImage.objects.bulk_create(
        [
            ArticleImage(article=make_article(), image=first.image.name, alt_text="Same"),
            ArticleImage(
                article=make_article(), image=first.image.name, alt_text="Same", focal_x=0.0
            ),
        ]
    )

    out, _ = rebuild_renditions()

    centred, copy, left = ArticleImage.objects.order_by("pk")
    assert centred.renditions == copy.renditions
    assert left.renditions["crops"]["free"] == centred.renditions["crops"]["free"]
    assert left.renditions["crops"]["1x1"] != centred.renditions["crops"]["1x1"]
    # 3 crops x 3 formats for the centred pair, then 2 crops x 3 formats for the other focus.
    assert out.startswith("Rebuilt 3 images (15 files)")


def test_rebuild_with_nothing_to_do_says_so():
    make_author()

    out, _ = rebuild_renditions()

    assert out.startswith("Rebuilt 0 images (0 files)") and "; 0 failed." in out
