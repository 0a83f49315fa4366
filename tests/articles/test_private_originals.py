"""An uploaded original never reaches the public: only its renditions do.

A photographer's JPEG, GPS position and camera serial number included, is uploaded through the
admin with a distinctive name, as a lead image and as an author's photo. Then the public site
is crawled as the development server serves it (``make run``: pages, feeds, sitemaps and the
media they point to): no response names the original or answers with its bytes, addresses
guessed from its name or from its renditions' answer 404, and the renditions carry no EXIF,
GPS, XMP or ICC data. Sites made before originals were private are moved by a migration.
"""

import importlib
import io
import os
import re
import stat
from collections import deque
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image, ImageCms

from articles.images import renditions
from articles.models import Article, ArticleImage, Author
from articles.storage import NoPublicURL
from tests.articles.test_admin import ADD_URL, LEAD_SIZE, article_form_data
from tests.articles.test_images import camera_exif
from tests.factories import (
    make_article,
    make_author,
    make_editor,
    make_image,
    make_section,
    make_tag,
)

pytestmark = pytest.mark.django_db

SERIAL = b"SERIAL-123"  # what camera_exif() writes, with a GPS position and a maker
STEM = "zq-photographer-home-4711"
PORTRAIT_STEM = "zq-portrait-at-home-0815"
MAX_REQUESTS = 400
# Every address a page can hold: absolute on this host, or a path.
ADDRESS = re.compile(r"(?:https?://testserver)?(/[^\s\"'<>,)\\]*)")


def camera_photo(name, size):
    """A JPEG as a phone writes it: EXIF with GPS and a serial number, XMP, an ICC profile."""
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(
        buffer,
        format="JPEG",
        exif=camera_exif(orientation=1),
        xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>GPS 48.85 2.35</x:xmpmeta>",
        icc_profile=srgb,
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def development_server(settings):
    """The URLs of ``make run``: the site, and the media the development server serves."""
    settings.ROOT_URLCONF = "tests.dev_urls"


@pytest.fixture
def uploaded(client, development_server):
    """A published article whose lead image, and an author whose photo, were uploaded through
    the admin; returns the uploads' bytes and the stored rows."""
    client.force_login(make_editor())
    lead = camera_photo(f"{STEM}.jpg", LEAD_SIZE)
    portrait = camera_photo(f"{PORTRAIT_STEM}.jpeg", (400, 400))
    author = make_author(name="Ines Photographer", slug="ines")
    response = client.post(
        reverse("admin:articles_author_change", args=[author.pk]),
        {"name": author.name, "slug": author.slug, "bio": "", "photo": portrait},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    data = article_form_data(
        section=make_section(),
        author=author,
        tag=make_tag(),
        images=[{"image": lead, "alt_text": "The harbour", "is_lead": "on", "order": "1"}],
        body="The harbour at dawn.",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    lead.seek(0)
    portrait.seek(0)
    image = ArticleImage.objects.get()
    author.refresh_from_db()
    assert image.renditions and author.photo_renditions
    return {
        "image": image,
        "author": author,
        "article": Article.objects.get(),
        "originals": {STEM: lead.read(), PORTRAIT_STEM: portrait.read()},
    }


def crawl(client, seeds):
    """Every address reachable from ``seeds`` on this site, outside the admin: ``{path:
    response}``. Pages are read for addresses; media are fetched, not read."""
    admin = reverse("admin:index")
    seen, queue, responses = set(seeds), deque(seeds), {}
    while queue:
        assert len(responses) < MAX_REQUESTS, "the crawl did not end"
        path = queue.popleft()
        response = client.get(path)
        response.body = body_of(response)  # a streamed file can be read once
        responses[path] = response
        if path.startswith("/media/") or response.status_code != 200:
            continue
        text = response.body.decode(errors="replace").replace("&amp;", "&")
        for found in ADDRESS.findall(text):
            found = found.split("#")[0]
            if found and found not in seen and not found.startswith(("/static/", admin, "//")):
                seen.add(found)
                queue.append(found)
    return responses


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_the_public_site_never_names_or_serves_an_uploaded_original(client, uploaded):
    article, author = uploaded["article"], uploaded["author"]
    seeds = [
        "/",
        article.get_absolute_url(),
        author.get_absolute_url(),
        "/robots.txt",
        reverse("articles:search") + "?q=harbour",
    ]

    responses = crawl(client, seeds)

    media = {path: r for path, r in responses.items() if path.startswith("/media/")}
    assert len(media) >= 6, "the crawl reached the renditions"
    assert all(r.status_code == 200 for r in media.values()), media.keys()
    reached = ["/feed/", "/sitemap-articles.xml", "/sitemap-authors.xml", "/feed/atom/"]
    for path in [*reached, article.get_absolute_url()]:
        assert responses[path].status_code == 200, f"the crawl reached {path}"
    for path, response in responses.items():
        body = response.body + "\n".join(f"{k}: {v}" for k, v in response.items()).encode()
        for stem, original in uploaded["originals"].items():
            assert stem.encode() not in body, f"{path} names the original {stem}"
            assert body != original and original not in body, f"{path} serves {stem}"
        assert SERIAL not in body and b"Phone maker" not in body, path


def test_og_image_and_feeds_point_at_renditions(client, uploaded):
    html = client.get(uploaded["article"].get_absolute_url()).content.decode()

    [og_image] = re.findall(r'<meta property="og:image" content="([^"]+)"', html)
    names = renditions.all_names(uploaded["image"].renditions)
    assert og_image.removeprefix("http://testserver/media/") in names
    feed = client.get("/feed/").content.decode()
    [enclosure] = re.findall(r'<enclosure [^>]*url="http://testserver/media/([^"]+)"', feed)
    assert enclosure in names


def guessed_addresses(uploaded):
    """Addresses someone could build from what is public, or from a leaked original name."""
    image, author = uploaded["image"], uploaded["author"]
    addresses = set()
    for original in (image.image.name, author.photo.name):
        folder, file_name = original.rsplit("/", 1)
        stem = file_name.rsplit(".", 1)[0]
        addresses |= {
            f"/media/{original}",
            f"/media/private/{original}",
            f"/media/../private/{original}",
            f"/media/renditions/{original}",
            f"/media/renditions/{folder}/{stem}/free-480.jpg",  # where renditions used to be
            f"/media/renditions/{folder}/{stem}.jpg",
        }
    for name in renditions.all_names(image.renditions) + renditions.all_names(
        author.photo_renditions
    ):
        stem = name.rsplit(".", 1)[0]
        addresses |= {f"/media/{stem}.{other}" for other in ["jpg", "jpeg", "png", "webp"]}
        addresses |= {f"/media/{stem}", f"/media/{stem.rsplit('/', 1)[0]}/{STEM}.jpg"}
        addresses.discard(f"/media/{name}")
    return sorted(addresses)


def test_addresses_built_from_the_original_or_a_rendition_answer_404(client, uploaded):
    rendition = renditions.all_names(uploaded["image"].renditions)[0]
    assert client.get(f"/media/{rendition}").status_code == 200  # the route is there

    for address in guessed_addresses(uploaded):
        response = client.get(address)
        assert response.status_code == 404, address
        for original in uploaded["originals"].values():
            assert original not in body_of(response), address


def test_originals_are_kept_outside_the_public_media_and_have_no_url(uploaded, settings):
    image, author = uploaded["image"], uploaded["author"]
    media_root = Path(settings.MEDIA_ROOT)

    public_files = [path for path in media_root.rglob("*") if path.is_file()]
    assert public_files and all(
        path.relative_to(media_root).parts[0] == "renditions" for path in public_files
    )
    for path in public_files:
        assert path.read_bytes() not in uploaded["originals"].values()
    for field_file in (image.image, author.photo):
        assert field_file.storage.exists(field_file.name)
        assert not default_storage.exists(field_file.name)
        assert not Path(field_file.path).is_relative_to(media_root)
        assert stat.S_IMODE(os.stat(field_file.path).st_mode) == 0o600  # the site's user only
        assert stat.S_IMODE(os.stat(Path(field_file.path).parent).st_mode) == 0o700
        with pytest.raises(NoPublicURL):
            field_file.url  # noqa: B018
    assert {image.image.name.rsplit("/", 1)[-1], author.photo.name.rsplit("/", 1)[-1]} == {
        f"{STEM}.jpg",
        f"{PORTRAIT_STEM}.jpg",  # stored with the extension of its format
    }


def test_renditions_carry_no_exif_gps_xmp_or_icc_data(uploaded):
    names = renditions.all_names(uploaded["image"].renditions) + renditions.all_names(
        uploaded["author"].photo_renditions
    )

    assert len(names) >= 12
    for name in names:
        with default_storage.open(name) as file:
            data = file.read()
        picture = Image.open(io.BytesIO(data))
        assert not picture.getexif(), name
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(picture.info), name
        # Markers long enough that compressed noise never holds them by chance.
        for marker in [SERIAL, b"Phone maker", b"GPS 48.85", b"xmpmeta", b"Exif\x00\x00"]:
            assert marker not in data, (name, marker)


def test_the_media_served_by_the_development_server_cannot_run_anything(client, uploaded):
    name = renditions.all_names(uploaded["image"].renditions)[0]

    response = client.get(f"/media/{name}")

    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


# Sites made before originals were private -----------------------------------------------------

migration = importlib.import_module("articles.migrations.0005_private_originals")


@pytest.fixture
def legacy_site(settings):
    """Images as they were stored before: originals in the public media beside renditions
    named after them, and a media server that serves all of MEDIA_ROOT (the old nginx)."""
    settings.ROOT_URLCONF = "tests.legacy_media_urls"
    article = make_article()
    image = make_image(article, is_lead=True, image=camera_photo(f"{STEM}.jpg", (640, 360)))
    shared = ArticleImage.objects.create(  # as demo articles share a picture
        article=make_article(), image=image.image.name, renditions=image.renditions, alt_text="x"
    )
    author = make_author(photo=camera_photo(f"{PORTRAIT_STEM}.jpg", (200, 200)))
    for row, field, renditions_field in [
        (image, "image", "renditions"),
        (author, "photo", "photo_renditions"),
    ]:
        original = getattr(row, field)
        with original.open("rb") as file:
            default_storage.save(original.name, file)
        original.storage.delete(original.name)
        stem = original.name.rsplit(".", 1)[0]
        legacy = getattr(row, renditions_field)
        for crop, formats in legacy["crops"].items():
            for entries in formats.values():
                for entry in entries:
                    extension = entry["name"].rsplit(".", 1)[-1]
                    old_name = f"renditions/{stem}/{crop}-{entry['width']}.{extension}"
                    with default_storage.open(entry["name"]) as file:
                        default_storage.save(old_name, file)
                    default_storage.delete(entry["name"])
                    entry["name"] = old_name
        type(row).objects.filter(pk=row.pk).update(**{renditions_field: legacy})
    ArticleImage.objects.filter(pk=shared.pk).update(
        renditions=ArticleImage.objects.get(pk=image.pk).renditions
    )
    return {"article": article, "image": image, "author": author}


def legacy_addresses(site):
    image = ArticleImage.objects.get(pk=site["image"].pk)
    author = Author.objects.get(pk=site["author"].pk)
    names = [image.image.name, author.photo.name]
    names += renditions.all_names(image.renditions) + renditions.all_names(author.photo_renditions)
    return [f"/media/{name}" for name in names]


def test_the_migration_moves_originals_out_of_reach_and_pages_keep_their_pictures(
    client, legacy_site, settings
):
    old_addresses = legacy_addresses(legacy_site)
    assert {client.get(address).status_code for address in old_addresses} == {200}

    migration.originals_to_private_store(apps, schema_editor=None)

    assert {client.get(address).status_code for address in old_addresses} == {404}
    image = ArticleImage.objects.get(pk=legacy_site["image"].pk)
    author = Author.objects.get(pk=legacy_site["author"].pk)
    for row, field_file, stored in [
        (image, image.image, image.renditions),
        (author, author.photo, author.photo_renditions),
    ]:
        assert field_file.storage.exists(field_file.name)
        names = renditions.all_names(stored)
        assert names and all(migration.RANDOM_NAME.match(name) for name in names), row
        assert all(client.get(f"/media/{name}").status_code == 200 for name in names)
    # The picture that two rows shared is still shared, under its new names.
    assert {tuple(renditions.all_names(i.renditions)) for i in ArticleImage.objects.all()} == {
        tuple(renditions.all_names(image.renditions))
    }
    page = client.get(legacy_site["article"].get_absolute_url()).content.decode()
    assert "<picture" in page and STEM not in page
    # No folder named after an original is left in the public media.
    left = [path.name for path in Path(settings.MEDIA_ROOT).rglob("*")]
    assert not [name for name in left if STEM in name or PORTRAIT_STEM in name]


def test_the_migration_can_run_again_after_an_interruption(legacy_site):
    migration.originals_to_private_store(apps, schema_editor=None)
    before = list(ArticleImage.objects.values_list("image", "renditions"))

    migration.originals_to_private_store(apps, schema_editor=None)

    assert list(ArticleImage.objects.values_list("image", "renditions")) == before


def test_the_migration_backwards_puts_originals_where_the_previous_release_reads_them(
    legacy_site,
):
    migration.originals_to_private_store(apps, schema_editor=None)

    migration.originals_to_public_media(apps, schema_editor=None)

    image = ArticleImage.objects.get(pk=legacy_site["image"].pk)
    assert default_storage.exists(image.image.name)
    assert not image.image.storage.exists(image.image.name)


@pytest.mark.parametrize("inside", ["private", "."])
def test_a_private_folder_inside_the_public_media_stops_the_checks(settings, tmp_path, inside):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NEWSROOM_PRIVATE_ROOT = tmp_path / "media" / inside

    with pytest.raises(SystemCheckError, match=r"articles\.E001"):
        call_command("check")
