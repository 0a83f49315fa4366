"""Whether an upload is a picture we accept: format, file size, pixel count, not truncated.

The admin forms call ``validate_image_file()`` (``articles/forms.py``) before anything is
stored, so every refusal is a form error with a clear message, never a 500.
"""

import math
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .formats import ACCEPTED_FORMATS, EXIF_ORIENTATION, EXTENSIONS, ROTATED_ORIENTATIONS


def _accepted_list():
    return ", ".join(ACCEPTED_FORMATS.values())


@dataclass(frozen=True)
class ImageInfo:
    """What validation learned about an upload; width and height with orientation applied."""

    format: str
    width: int
    height: int


def validate_image_file(file, *, min_width=None):
    """Check that ``file`` (an upload or any Django ``File``) is a picture we accept.

    Raises ``ValidationError`` with a message an editor can act on; returns an ``ImageInfo``.
    The file size is checked without reading, the pixel count from the header alone (before
    anything is decoded), then the whole file is read to catch truncated ones, as cheaply as
    its format allows (``_read_to_the_end``): the full-size decoding is the renditions' task.
    The file is left at position 0 for Django to store it.
    """
    max_bytes = settings.NEWSROOM_IMAGE_MAX_BYTES
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s. Export a smaller version."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
        )
    try:
        info = _inspect(file)
    finally:
        file.seek(0)
    if min_width is not None:
        check_width(info.width, min_width=min_width)
    return info


def check_width(width, *, min_width):
    """Refuse a picture narrower than ``min_width`` pixels (0 means unknown: no refusal)."""
    if width and width < min_width:
        raise ValidationError(
            _(
                "This picture is %(width)s pixels wide; a lead image must be at least "
                "%(min_width)s pixels wide."
            ),
            code="too_narrow",
            params={"width": width, "min_width": min_width},
        )


def _inspect(file):
    max_pixels = settings.NEWSROOM_IMAGE_MAX_PIXELS
    # Pillow warns above Image.MAX_IMAGE_PIXELS and raises above twice that: both are refusals.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            file.seek(0)
            with Image.open(file) as image:  # reads the header only
                if image.format not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        _("%(format)s files are not accepted. Accepted formats: %(accepted)s."),
                        code="unsupported_format",
                        params={"format": image.format, "accepted": _accepted_list()},
                    )
                width, height = image.size
                if width * height > max_pixels:
                    raise _too_many_pixels(max_pixels, width, height)
                fmt = image.format
                image.verify()  # must come first: even getexif() reads a PNG to its end
            # verify() leaves the image unusable: open a fresh one.
            file.seek(0)
            with Image.open(file) as image:
                orientation = _read_to_the_end(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(min(max_pixels, Image.MAX_IMAGE_PIXELS)) from None
        except UnidentifiedImageError:
            raise ValidationError(
                _(
                    "Upload a valid image: this file is not a picture (perhaps another kind "
                    "of file renamed). Accepted formats: %(accepted)s."
                ),
                code="not_an_image",
                params={"accepted": _accepted_list()},
            ) from None
        except ValidationError:
            raise
        except Exception:  # OSError "truncated", SyntaxError, struct errors, codec errors...
            raise ValidationError(
                _(
                    "This picture is damaged or incomplete: perhaps the upload or the export "
                    "was cut short. Export it again and upload the new file. Accepted "
                    "formats: %(accepted)s."
                ),
                code="damaged_image",
                params={"accepted": _accepted_list()},
            ) from None
    if orientation in ROTATED_ORIENTATIONS:
        width, height = height, width
    return ImageInfo(fmt, width, height)


# JPEG decodes at 1/8 of its size for the check: every byte is still read and decoded.
_JPEG_CHECK_SCALE = 8


def _read_to_the_end(image):
    """Decode ``image`` (just opened) far enough that a truncated or corrupt file fails here;
    return its EXIF orientation.

    A full decoding of a camera-sized picture costs hundreds of megabytes and seconds of the
    editor's request, so: a JPEG is decoded at 1/8 scale; a PNG was read to its last chunk,
    every checksum checked, by ``verify()``, and is not decoded again (the orientation of the
    rare PNG whose EXIF follows its pixels is not known here; renditions apply it anyway).
    WebP and AVIF have no cheaper check than decoding.
    """
    if image.format == "PNG":
        exif = Image.Exif()
        if "exif" in image.info:
            exif.load(image.info["exif"])
        return exif.get(EXIF_ORIENTATION)
    if image.format == "JPEG":
        width, height = image.size
        small = (math.ceil(width / _JPEG_CHECK_SCALE), math.ceil(height / _JPEG_CHECK_SCALE))
        image.draft(None, small)
    image.load()
    return image.getexif().get(EXIF_ORIENTATION)


def stored_name(name, info):
    """``name`` with the extension of the format found in the file: a PNG named ``x.pdf`` is
    stored as ``x.png``."""
    stem = PurePosixPath(name or "image").stem or "image"
    return f"{stem}.{EXTENSIONS[info.format]}"


def _megapixels(pixels):
    return number_format(pixels / 1_000_000, decimal_pos=1 if pixels >= 1_000_000 else 2)


def _too_many_pixels(limit, width=None, height=None):
    megapixels = {"limit": _megapixels(limit)}
    if width is None:
        return ValidationError(
            _(
                "This picture has too many pixels to be processed safely; the limit is "
                "%(limit)s megapixels. Reduce its size and upload it again."
            ),
            code="too_many_pixels",
            params=megapixels,
        )
    return ValidationError(
        _(
            "This picture is %(width)s × %(height)s pixels (%(megapixels)s megapixels); the "
            "limit is %(limit)s megapixels. Reduce its size and upload it again."
        ),
        code="too_many_pixels",
        params={
            **megapixels,
            "width": width,
            "height": height,
            "megapixels": _megapixels(width * height),
        },
    )


def upload_help_text(*, lead=False):
    """What an editor may upload, for the help text of upload fields."""
    text = format_lazy(
        _("{formats}; at most {size} and {megapixels} megapixels."),
        formats=_accepted_list(),
        size=filesizeformat(settings.NEWSROOM_IMAGE_MAX_BYTES),
        megapixels=settings.NEWSROOM_IMAGE_MAX_PIXELS // 1_000_000,
    )
    if not lead:
        return text
    return format_lazy(
        "{} {}",
        text,
        format_lazy(
            _("A lead image must be at least {width} pixels wide."),
            width=settings.NEWSROOM_LEAD_IMAGE_MIN_WIDTH,
        ),
    )
