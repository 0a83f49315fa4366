"""Helpers of the WordPress import tests: the exports, a copy of wp-content/uploads drawn with
Pillow, running the command, and WordPress's own theme test data (outside the project)."""

import io
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from PIL import Image

EXPORTS = Path(__file__).resolve().parent / "exports"
PROJECT = Path(__file__).resolve().parents[2]
THEME_TEST_DATA = "wordpress/themeunittestdata.wordpress.xml"


def export(name):
    return EXPORTS / name


def import_wordpress(path, *args):
    """Run the command; return what it printed."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_wordpress", str(path), *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


def draw(folder, relative, size=(1200, 675), color=(20, 90, 140), *, exif=False):
    """A JPEG picture at ``folder/relative``; with ``exif``, a camera's GPS position in it."""
    file = Path(folder) / relative
    file.parent.mkdir(parents=True, exist_ok=True)
    picture = Image.new("RGB", size, color)
    metadata = Image.Exif()
    if exif:
        metadata[0x010F] = "CameraMaker"  # Make
        metadata[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0)}  # GPSInfo
    picture.save(file, format="JPEG", exif=metadata)
    return file


@pytest.fixture(autouse=True)
def small_renditions(settings):
    """One small rendition per crop: tests check that pictures are processed, not their sizes."""
    settings.NEWSROOM_RENDITION_WIDTHS = [64]


@pytest.fixture
def uploads(tmp_path):
    """wp-content/uploads of the site in exports/newsroom.xml."""
    folder = tmp_path / "uploads"
    draw(folder, "2024/03/photo-wide.jpg")
    draw(folder, "2024/03/small.jpg", size=(200, 120))
    draw(folder, "2024/03/gallery-a.jpg", color=(150, 40, 40))
    draw(folder, "2024/03/gallery-b.jpg", color=(40, 150, 40))
    (folder / "2024/03/not-a-picture.jpg").write_text("A text file with a picture's name.")
    return folder


def shared_fixtures():
    """The shared fixtures folder: $NEWSROOM_SHARED_FIXTURES, else ../shared/fixtures beside the
    project, else /work/shared/fixtures. Missing, the test is skipped, but fails in CI."""
    candidates = (
        [Path(os.environ["NEWSROOM_SHARED_FIXTURES"])]
        if os.environ.get("NEWSROOM_SHARED_FIXTURES")
        else []
    )
    candidates += [PROJECT.parent / "shared" / "fixtures", Path("/work/shared/fixtures")]
    for folder in candidates:
        if (folder / THEME_TEST_DATA).is_file():
            return folder
    message = f"{THEME_TEST_DATA} not found in {', '.join(map(str, candidates))}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def theme_test_data():
    return shared_fixtures() / THEME_TEST_DATA


def uploads_for(export_path, folder):
    """Draw a picture for every attachment of ``export_path`` (other files get junk bytes), at
    the path its address gives, as a copy of wp-content/uploads would have it."""
    import xml.etree.ElementTree as ElementTree

    for element in ElementTree.parse(export_path).iter():
        if element.tag.endswith("}attachment_url") and element.text:
            relative = urlsplit(element.text.strip()).path.lstrip("/")
            if relative.lower().endswith((".jpg", ".jpeg")):
                draw(folder, relative, size=(1000, 600))
            else:
                (folder / relative).parent.mkdir(parents=True, exist_ok=True)
                (folder / relative).write_bytes(b"not a picture")
    return folder
