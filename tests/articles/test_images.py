"""Uploads are validated; renditions are made on save, free of metadata; files follow the rows."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms, ImageDraw, ImageFile

from articles import demo, images
from articles.forms import ArticleImageForm, AuthorForm
from articles.images import renditions
from articles.models import Article, ArticleImage, Author
from tests.articles.test_admin import ADD_URL, LEAD_SIZE, article_form_data
from tests.factories import (
    image_file,
    make_article,
    make_author,
    make_image,
)

pytestmark = pytest.mark.django_db

FORMATS = ["jpeg", "webp", "avif"]
EXTENSIONS = {"jpeg": "jpg", "webp": "webp", "avif": "avif"}
# A random name that says nothing of the original (articles.images.rendition_name).
RANDOM_RENDITION_NAME = re.compile(r"^renditions/[0-9a-f]{2}/[0-9a-f]{30}\.(jpg|webp|avif)$")
PILLOW_FORMATS = {"jpeg": "JPEG", "webp": "WEBP", "avif": "AVIF"}
RED, BLUE = (220, 20, 20), (20, 20, 220)


# Pictures ---------------------------------------------------------------------------------------


def photo(size=(200, 150)):
    """Noise, so that its JPEG has real data to cut short."""
    return Image.effect_noise(size, 60).convert("RGB")


def camera_exif(orientation=6):
    """EXIF as a phone writes it: an orientation flag, GPS position, camera serial number."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Phone maker"
    exif.get_ifd(0x8825).update({1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)})
    exif.get_ifd(0x8769)[0xA431] = "SERIAL-123"  # body serial number
    return exif


def quadrants(size=(300, 200)):
    """Red top-left quarter on white: shows where the top-left ended up."""
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2, size[1] // 2), fill=RED)
    return image


def halves(size=(400, 200)):
    """Red left half, blue right half."""
    image = Image.new("RGB", size, BLUE)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2 - 1, size[1]), fill=RED)
    return image


def camera_upload(name="camera.jpg"):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return image_file(
        name,
        image=quadrants(),
        exif=camera_exif(),
        xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>GPS 48.85 2.35</x:xmpmeta>",
        icc_profile=srgb,
    )


def upload(data, name="upload.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def jpeg_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def opened(name, storage=default_storage):
    with storage.open(name) as file:
        image = Image.open(file)
        image.load()
    return image


def entries(stored, crop="free", fmt="jpeg"):
    return stored["crops"][crop][fmt]


def near(color, expected, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(color[:3], expected, strict=True))


# Renditions -------------------------------------------------------------------------------------


def test_rotated_camera_photo_gives_upright_renditions_without_any_metadata():
    image = make_image(make_article(), image=camera_upload())

    free = entries(image.renditions)
    assert [(e["width"], e["height"]) for e in free] == [(200, 300)]  # orientation 6: turned
    assert (image.width, image.height) == (200, 300)
    upright = opened(free[0]["name"])
    assert near(upright.getpixel((199, 0)), RED)  # the top-left corner is now top-right
    assert near(upright.getpixel((0, 0)), (255, 255, 255))
    for name in renditions.all_names(image.renditions):
        rendition = opened(name)
        assert not rendition.getexif(), name
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(rendition.info), name
        with default_storage.open(name) as file:
            data = file.read()
        assert b"SERIAL-123" not in data and b"Phone maker" not in data and b"GPS" not in data


def test_renditions_exist_in_every_format_and_crop_and_are_stored():
    image = make_image(make_article())

    assert set(image.renditions["crops"]) == set(renditions.CROPS)
    for crop, formats in image.renditions["crops"].items():
        assert set(formats) == set(FORMATS), crop
        for fmt, stored in formats.items():
            for entry in stored:
                assert default_storage.exists(entry["name"])
                assert RANDOM_RENDITION_NAME.match(entry["name"])
                assert entry["name"].endswith(f".{EXTENSIONS[fmt]}")
                assert opened(entry["name"]).format == PILLOW_FORMATS[fmt]
                assert opened(entry["name"]).size == (entry["width"], entry["height"])


def test_rendition_widths_follow_the_setting_and_never_exceed_the_original(settings):
    settings.NEWSROOM_RENDITION_WIDTHS = [400, 100, 200]

    image = make_image(make_article(), image=image_file(size=(300, 200)))

    assert [e["width"] for e in entries(image.renditions, "free")] == [100, 200]
    assert [e["width"] for e in entries(image.renditions, "1x1")] == [100, 200]
    for name in renditions.all_names(image.renditions):
        assert opened(name).width <= 300


def test_a_picture_narrower_than_every_width_gets_one_rendition_at_its_own_width():
    image = make_image(make_article(), image=image_file(size=(64, 48)))

    assert [(e["width"], e["height"]) for e in entries(image.renditions)] == [(64, 48)]
    assert [(e["width"], e["height"]) for e in entries(image.renditions, "1x1")] == [(48, 48)]


@pytest.mark.parametrize(("crop", "ratio"), [("16x9", 16 / 9), ("1x1", 1.0)])
@pytest.mark.parametrize("size", [(1280, 400), (300, 900), (500, 500)])
def test_crops_have_their_aspect_ratio(settings, crop, ratio, size):
    settings.NEWSROOM_RENDITION_WIDTHS = [120, 240]

    image = make_image(make_article(), image=image_file(size=size))

    for fmt in FORMATS:
        for entry in entries(image.renditions, crop, fmt):
            assert abs(entry["height"] - entry["width"] / ratio) <= 1
            assert opened(entry["name"]).size == (entry["width"], entry["height"])


@pytest.mark.parametrize(("focal_x", "color"), [(0.0, RED), (1.0, BLUE)])
def test_square_crop_keeps_the_focal_point_in_view(focal_x, color):
    image = make_image(make_article(), image=image_file(image=halves()), focal_x=focal_x)

    [square] = entries(image.renditions, "1x1")
    picture = opened(square["name"])
    assert (picture.width, picture.height) == (200, 200)
    assert near(picture.getpixel((10, 100)), color)
    assert near(picture.getpixel((190, 100)), color)


def test_crop_box_is_centred_on_the_focal_point_and_clamped_to_the_picture():
    assert images.crop_box((1600, 900), (1, 1)) == (350, 0, 1250, 900)
    assert images.crop_box((1600, 900), (1, 1), (0.0, 0.5)) == (0, 0, 900, 900)
    assert images.crop_box((1600, 900), (1, 1), (0.9, 0.5)) == (700, 0, 1600, 900)
    assert images.crop_box((900, 1600), (16, 9), (0.5, 0.1)) == (0, 0, 900, 506)
    assert images.crop_box((1600, 900), (16, 9)) == (0, 0, 1600, 900)


def test_moving_the_focal_point_remakes_the_crops_only_and_deletes_the_old_ones(
    django_capture_on_commit_callbacks,
):
    image = make_image(make_article(), image=image_file(image=halves()))
    old_free = entries(image.renditions)
    old_square = entries(image.renditions, "1x1")[0]["name"]

    with django_capture_on_commit_callbacks(execute=True):
        image.focal_x = 0.0
        image.save()

    image.refresh_from_db()
    assert entries(image.renditions) == old_free
    new_square = entries(image.renditions, "1x1")[0]["name"]
    assert new_square != old_square
    assert near(opened(new_square).getpixel((100, 100)), RED)
    assert not default_storage.exists(old_square)
    assert all(default_storage.exists(e["name"]) for e in old_free)


def test_transparent_png_is_flattened_on_white_in_jpeg_and_kept_in_webp():
    picture = Image.new("RGBA", (80, 60), (0, 0, 0, 0))
    ImageDraw.Draw(picture).rectangle((0, 0, 39, 59), fill=(*RED, 255))

    image = make_image(make_article(), image=image_file("logo.png", image=picture, format="PNG"))

    jpeg = opened(entries(image.renditions)[0]["name"])
    assert jpeg.mode == "RGB"
    assert near(jpeg.getpixel((70, 30)), (255, 255, 255))
    assert near(jpeg.getpixel((10, 30)), RED)
    webp = opened(entries(image.renditions, fmt="webp")[0]["name"])
    assert webp.mode == "RGBA" and webp.getpixel((70, 30))[3] == 0


@pytest.mark.parametrize(
    ("picture", "fmt", "color"),
    [
        (Image.new("CMYK", (60, 40), (0, 255, 255, 0)), "JPEG", (255, 0, 0)),
        (Image.new("L", (60, 40), 128), "JPEG", (128, 128, 128)),
        (Image.new("RGB", (60, 40), RED).convert("P"), "PNG", RED),
    ],
    ids=["cmyk", "greyscale", "palette"],
)
def test_other_colour_modes_become_rgb_renditions(picture, fmt, color):
    upload = image_file(f"picture.{fmt.lower()}", image=picture, format=fmt)

    image = make_image(make_article(), image=upload)

    for name in renditions.all_names(image.renditions):
        rendition = opened(name)
        assert rendition.mode == "RGB", name
        assert near(rendition.getpixel((10, 10)), color), name


@pytest.mark.parametrize(
    ("mode", "fill", "color"),
    [
        ("P", None, RED),
        ("1", 1, (255, 255, 255)),
        ("I;16", 32768, (128, 128, 128)),
        ("LA", (128, 255), (128, 128, 128)),
        ("RGBA", (*RED, 255), RED),
    ],
)
def test_pictures_far_larger_than_their_renditions_are_reduced_in_every_mode(
    settings, mode, fill, color
):
    """Reduced by a whole factor before resizing: in colour, whatever the mode it came in."""
    settings.NEWSROOM_RENDITION_WIDTHS = [40]
    picture = (
        Image.new("RGB", (400, 300), RED).convert("P")
        if mode == "P"
        else Image.new(mode, (400, 300), fill)
    )

    image = make_image(make_article(), image=image_file("large.png", image=picture, format="PNG"))

    names = renditions.all_names(image.renditions)
    assert len(names) == 3 * len(FORMATS)
    for name in names:
        rendition = opened(name)
        assert rendition.width == 40, name
        assert near(rendition.getpixel((5, 5)), color), name


def test_reading_api_offers_the_renditions_made_on_save():
    image = make_image(make_article(), image=image_file(size=(1280, 720)))

    picture = renditions.picture(image.renditions, "16x9")

    assert [source.mime_type for source in picture.sources] == ["image/avif", "image/webp"]
    assert (picture.width, picture.height) == (960, 540)
    assert "480w" in picture.srcset and "960w" in picture.srcset


def test_author_photo_gets_square_renditions():
    author = make_author(photo=image_file("face.jpg", size=(90, 120)))

    [square] = entries(author.photo_renditions, "1x1")
    assert (square["width"], square["height"]) == (90, 90)
    assert default_storage.exists(square["name"])


def test_saving_an_image_without_changes_makes_nothing_again():
    image = make_image(make_article())
    before = image.renditions

    image.caption = "A new caption"
    image.save()

    image.refresh_from_db()
    assert image.renditions == before


# Files follow the rows --------------------------------------------------------------------------


def stored_names(image):
    """``[(storage, name)]`` of every file of ``image``: the original, then its renditions."""
    return [
        (image.image.storage, image.image.name),
        *[(default_storage, name) for name in renditions.all_names(image.renditions)],
    ]


def all_exist(files):
    return all(storage.exists(name) for storage, name in files)


def none_exist(files):
    return not any(storage.exists(name) for storage, name in files)


def test_deleting_an_image_deletes_its_original_and_renditions(
    django_capture_on_commit_callbacks,
):
    image = make_image(make_article())
    names = stored_names(image)
    assert all_exist(names)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert none_exist(names)


def test_deleting_an_article_deletes_its_image_files(django_capture_on_commit_callbacks):
    article = make_article()
    names = stored_names(make_image(article)) + stored_names(make_image(article))

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()

    assert none_exist(names)


def test_replacing_an_image_file_deletes_the_old_original_and_renditions(
    django_capture_on_commit_callbacks,
):
    image = make_image(make_article())
    old = stored_names(image)

    with django_capture_on_commit_callbacks(execute=True):
        image.image = image_file("other.jpg", color=(10, 200, 10))
        image.save()

    assert none_exist(old)
    assert all_exist(stored_names(image))
    assert "other" in image.image.name


def test_files_are_kept_when_the_transaction_is_rolled_back(django_capture_on_commit_callbacks):
    image = make_image(make_article())
    names = stored_names(image)

    with django_capture_on_commit_callbacks() as callbacks:  # captured, never run
        image.delete()

    assert callbacks
    assert all_exist(names)


def test_a_file_shared_by_two_images_is_deleted_with_the_last_one(
    django_capture_on_commit_callbacks,
):
    first = make_image(make_article())
    # As demo articles share pictures: bulk_create() makes nothing, renditions are copied.
    [second] = ArticleImage.objects.bulk_create(
        [
            ArticleImage(
                article=make_article(),
                image=first.image.name,
                renditions=first.renditions,
                alt_text="Same picture",
            )
        ]
    )
    names = stored_names(first)

    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert all_exist(names)

    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert none_exist(names)


def test_author_photo_files_go_when_replaced_cleared_or_deleted(
    django_capture_on_commit_callbacks,
):
    def files(author):
        return [
            (author.photo.storage, author.photo.name),
            *[(default_storage, name) for name in renditions.all_names(author.photo_renditions)],
        ]

    author = make_author(photo=image_file("face.jpg"))
    first = files(author)

    with django_capture_on_commit_callbacks(execute=True):
        author.photo = image_file("new-face.jpg")
        author.save()
    second = files(author)
    assert none_exist(first)
    assert all_exist(second)

    with django_capture_on_commit_callbacks(execute=True):
        author.photo = None
        author.save()
    author.refresh_from_db()
    assert author.photo_renditions == {}
    assert none_exist(second)

    author.photo = image_file("third.jpg")
    author.save()
    third = files(author)
    with django_capture_on_commit_callbacks(execute=True):
        author.delete()
    assert none_exist(third)


def test_synthetic_demo_images_carry_the_renditions_of_the_file_they_share(monkeypatch):
    monkeypatch.setattr(demo, "IMAGE_SIZE", (64, 36))
    monkeypatch.setattr(demo, "PORTRAIT_SIZE", (32, 32))

    demo.seed(articles=len(demo.STORIES) + 3)

    synthetic = ArticleImage.objects.filter(article__slug__startswith="demo-story-")
    assert synthetic.count() == 3
    for image in [*synthetic, *ArticleImage.objects.all()]:
        names = renditions.all_names(image.renditions)
        assert names and all(default_storage.exists(name) for name in names)
        assert image.image.storage.exists(image.image.name)
        assert all(RANDOM_RENDITION_NAME.match(name) for name in names)
    assert all(a.photo_renditions for a in Author.objects.exclude(photo=""))


# Validation -------------------------------------------------------------------------------------


def truncated_jpeg():
    data = jpeg_bytes(photo())
    return upload(data[: len(data) // 2], "cut.jpg")


def png_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def truncated_png():
    data = png_bytes(photo())
    return upload(data[: len(data) // 2], "cut.png")


def corrupted_png():
    """A PNG whose pixel data was altered after it was written: its checksum no longer fits."""
    data = bytearray(png_bytes(photo()))
    start = data.index(b"IDAT") + 4
    data[start + 100 : start + 110] = bytes(10)
    return upload(bytes(data), "altered.png")


INVALID_UPLOADS = {
    "pdf": (
        lambda: upload(b"%PDF-1.4\n1 0 obj <<>> endobj\n" * 20, "report.jpg"),
        "not a picture",
    ),
    "html": (
        lambda: upload(b"<!doctype html><html><body>Hi</body></html>", "page.jpg"),
        "not a picture",
    ),
    "gif": (lambda: image_file("anim.gif", format="GIF"), "GIF files are not accepted"),
    "truncated": (truncated_jpeg, "damaged or incomplete"),
    "truncated-png": (truncated_png, "damaged or incomplete"),
    "corrupted-png": (corrupted_png, "damaged or incomplete"),
}


@pytest.mark.parametrize("kind", INVALID_UPLOADS)
def test_validation_refuses_what_is_not_an_accepted_picture(kind):
    make_upload, message = INVALID_UPLOADS[kind]

    with pytest.raises(ValidationError) as refused:
        images.validate_image_file(make_upload())

    assert message in " ".join(refused.value.messages)
    assert "JPEG, PNG, WebP, AVIF" in " ".join(refused.value.messages)


def test_validation_refuses_a_file_over_the_size_limit(settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 1000
    big = upload(jpeg_bytes(photo()))

    with pytest.raises(ValidationError) as refused:
        images.validate_image_file(big)

    [message] = refused.value.messages
    assert message.startswith("The file is ") and "the limit is 1000\xa0bytes" in message


def test_validation_refuses_too_many_pixels_before_decoding(settings, monkeypatch):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 10_000
    big = image_file(size=(200, 200))
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))

    with pytest.raises(ValidationError) as refused:
        images.validate_image_file(big)

    [message] = refused.value.messages
    assert "200 × 200 pixels (0.04 megapixels); the limit is 0.01 megapixels" in message


@pytest.mark.parametrize("pillow_limit", [1_000, 30_000], ids=["bomb-error", "bomb-warning"])
def test_validation_turns_pillow_decompression_bomb_guards_into_a_refusal(
    monkeypatch, pillow_limit
):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", pillow_limit)

    with pytest.raises(ValidationError) as refused:
        images.validate_image_file(image_file(size=(200, 200)))

    assert "too many pixels" in refused.value.messages[0]


def test_validation_accepts_each_format_and_rewinds_the_file():
    for fmt in ["JPEG", "PNG", "WEBP", "AVIF"]:
        file = image_file(f"x.{fmt.lower()}", size=(30, 20), format=fmt)
        info = images.validate_image_file(file)
        assert (info.format, info.width, info.height) == (fmt, 30, 20)
        assert file.tell() == 0
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_validation_reports_the_upright_size_of_a_rotated_photo():
    info = images.validate_image_file(camera_upload())

    assert (info.width, info.height) == (200, 300)


def test_validation_checks_a_minimum_width_when_asked():
    with pytest.raises(ValidationError) as refused:
        images.validate_image_file(image_file(size=(300, 200)), min_width=960)

    assert "at least 960 pixels wide" in refused.value.messages[0]


# Forms ------------------------------------------------------------------------------------------


def image_form(image, **data):
    data = {"article": make_article().pk, "alt_text": "A harbour", "order": 1, **data}
    return ArticleImageForm(data=data, files={"image": image})


@pytest.mark.parametrize("kind", INVALID_UPLOADS)
def test_image_form_refuses_invalid_uploads_with_their_message(kind):
    make_upload, message = INVALID_UPLOADS[kind]

    form = image_form(make_upload())

    assert not form.is_valid()
    assert message in " ".join(form.errors["image"])


def test_image_form_refuses_a_pillow_decompression_bomb(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)

    form = image_form(image_file(size=(200, 200)))

    assert not form.is_valid()
    assert "too many pixels" in form.errors["image"][0]


def test_image_form_requires_a_wide_lead_image(settings):
    settings.NEWSROOM_LEAD_IMAGE_MIN_WIDTH = 500

    narrow = image_form(image_file(size=(400, 300)), is_lead="on")
    narrow_figure = image_form(image_file(size=(400, 300)))
    wide = image_form(image_file(size=(600, 300)), is_lead="on")

    assert "at least 500 pixels wide" in narrow.errors["image"][0]
    assert narrow_figure.is_valid(), narrow_figure.errors
    assert wide.is_valid(), wide.errors


def test_image_form_checks_the_width_of_the_stored_file_when_it_becomes_the_lead():
    image = make_image(make_article())  # 64 pixels wide
    data = {
        "article": image.article_id,
        "alt_text": "A harbour",
        "order": 1,
        "is_lead": "on",
        "focal_x": 0.5,
        "focal_y": 0.5,
    }

    form = ArticleImageForm(data=data, instance=image)

    assert "64 pixels wide" in form.errors["image"][0]


def test_image_form_leaves_an_empty_focal_point_at_the_centre():
    form = image_form(image_file(), focal_x="", focal_y="")

    assert form.is_valid(), form.errors
    assert (form.instance.focal_x, form.instance.focal_y) == (0.5, 0.5)


def test_image_form_offers_only_accepted_types_to_the_file_picker():
    html = str(image_form(None)["image"])

    assert 'accept="image/jpeg,image/png,image/webp,image/avif"' in html


def test_author_form_refuses_an_invalid_photo():
    form = AuthorForm(
        data={"name": "Ana", "slug": "ana", "bio": ""}, files={"photo": truncated_jpeg()}
    )

    assert not form.is_valid()
    assert "damaged or incomplete" in form.errors["photo"][0]


# Through the admin ------------------------------------------------------------------------------


def post_image(client, newsroom, image, **fields):
    data = article_form_data(
        **newsroom, images=[{"image": image, "alt_text": "A quay", "order": "2", **fields}]
    )
    return client.post(ADD_URL, data)


@pytest.mark.parametrize("kind", INVALID_UPLOADS)
def test_admin_refuses_invalid_uploads_with_a_clear_message(editor_client, newsroom, kind):
    make_upload, message = INVALID_UPLOADS[kind]

    response = post_image(editor_client, newsroom, make_upload())

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Harbour reopens after the storm" in response.content.decode()  # input kept
    assert not Article.objects.exists()


def test_admin_refuses_an_oversized_file(editor_client, newsroom, settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 2000

    response = post_image(editor_client, newsroom, upload(jpeg_bytes(photo())))

    assert response.status_code == 200
    assert "the limit is 2.0\xa0KB" in response.content.decode()
    assert not Article.objects.exists()


def test_admin_refuses_too_many_pixels(editor_client, newsroom, settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 10_000

    response = post_image(editor_client, newsroom, image_file(size=(200, 200)))

    assert response.status_code == 200
    assert "200 × 200 pixels" in response.content.decode()


def test_admin_refuses_a_pillow_decompression_bomb(editor_client, newsroom, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)

    response = post_image(editor_client, newsroom, image_file(size=(200, 200)))

    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not Article.objects.exists()


def test_admin_refuses_a_narrow_lead_image(editor_client, newsroom):
    response = post_image(editor_client, newsroom, image_file(size=(400, 300)), is_lead="on")

    assert response.status_code == 200
    assert "a lead image must be at least 960 pixels wide" in response.content.decode()


def test_admin_upload_of_a_camera_photo_stores_renditions_and_its_upright_size(
    editor_client, newsroom
):
    response = post_image(editor_client, newsroom, camera_upload("phone.jpg"))

    assert response.status_code == 302
    image = ArticleImage.objects.get()
    assert (image.width, image.height) == (200, 300)
    assert set(image.renditions["crops"]) == set(renditions.CROPS)


def test_admin_validates_and_stores_an_upload_spooled_to_disk(editor_client, newsroom, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100  # large uploads arrive as temporary files

    response = post_image(editor_client, newsroom, image_file(image=photo((320, 240))))

    assert response.status_code == 302
    image = ArticleImage.objects.get()
    assert [e["width"] for e in entries(image.renditions)] == [320]
    assert opened(image.image.name, image.image.storage).size == (320, 240)


def test_admin_accepts_a_wide_lead_image(editor_client, newsroom):
    response = post_image(
        editor_client, newsroom, image_file("lead.jpg", size=LEAD_SIZE), is_lead="on"
    )

    assert response.status_code == 302
    assert Article.objects.get().lead_image.renditions


def test_admin_refuses_an_invalid_author_photo(editor_client):
    author = make_author()

    response = editor_client.post(
        reverse("admin:articles_author_change", args=[author.pk]),
        {"name": author.name, "slug": author.slug, "bio": "", "photo": truncated_jpeg()},
    )

    assert response.status_code == 200
    assert "damaged or incomplete" in response.content.decode()


def test_an_upload_is_stored_with_the_extension_of_its_format(editor_client, newsroom):
    png = image_file("quarterly-report.pdf", size=(64, 48), format="PNG")

    response = post_image(editor_client, newsroom, png)

    assert response.status_code == 302
    image = ArticleImage.objects.get()
    assert image.image.name.endswith("/quarterly-report.png")
    names = renditions.all_names(image.renditions)
    assert names and all(RANDOM_RENDITION_NAME.match(name) for name in names)
    for fmt, entries_of_format in image.renditions["crops"]["free"].items():
        for entry in entries_of_format:
            assert entry["name"].endswith(f".{EXTENSIONS[fmt]}")
            assert opened(entry["name"]).format == PILLOW_FORMATS[fmt]


def test_checking_a_large_png_leaves_decoding_it_to_the_renditions(monkeypatch):
    """The check reads every chunk (truncation and damage are refused above) without
    decoding the pixels; the renditions decode them, once."""
    loads = []
    real_load = ImageFile.ImageFile.load

    def counted_load(image):
        loads.append((image.format, image.size))
        return real_load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counted_load)
    png = image_file("wide.png", size=(1200, 800), format="PNG")

    images.validate_image_file(png)
    assert loads == []

    images.validate_image_file(image_file("wide.jpg", size=(1200, 800)))
    assert loads == [("JPEG", (150, 100))]  # decoded to its last byte, at 1/8 scale
