"""Making renditions with Pillow: an original decoded once, turned upright, made sRGB, and
written as resized, metadata-free JPEG, WebP and AVIF copies under random names.

``renditions.py`` documents the JSON ``build()`` returns and reads it for templates.
"""

import io
import logging
import math
import os
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageCms, features

from ..storage import delete_files
from ..storage import originals as originals_storage
from .formats import EXIF_ORIENTATION, ROTATED_ORIENTATIONS
from .renditions import CROPS, all_names

logger = logging.getLogger(__name__)

# Encoders of the renditions, in the order of the JSON: (key, Pillow format, extension, options).
# No metadata is ever passed: ``_encode`` also empties ``info`` so nothing is copied over.
JPEG_OPTIONS = {"quality": 82, "progressive": True, "optimize": True}
WEBP_OPTIONS = {"quality": 80, "method": 4}
AVIF_OPTIONS = {"quality": 55, "speed": 7}  # speed 6: twice as slow, files barely smaller
ENCODERS = [
    ("jpeg", "JPEG", "jpg", JPEG_OPTIONS),
    ("webp", "WEBP", "webp", WEBP_OPTIONS),
    *([("avif", "AVIF", "avif", AVIF_OPTIONS)] if features.check("avif") else []),
]
RENDITIONS_DIR = "renditions"
ENCODING_THREADS = min(4, os.cpu_count() or 1)
# Transparent pixels become this colour in JPEG renditions.
JPEG_BACKGROUND = (255, 255, 255)


@dataclass(frozen=True)
class Built:
    """The result of decoding an original: its renditions and its size as readers see it."""

    renditions: dict  # the JSON of renditions.py
    width: int
    height: int


def build_renditions(field_file, *, focal=(0.5, 0.5)):
    """Make and store every rendition of ``field_file``; return their JSON (see renditions.py)."""
    return build(field_file.name, storage=field_file.storage, focal=focal).renditions


def build(name, *, storage=None, focal=(0.5, 0.5), crops=None):
    """Decode the original ``name`` once and store renditions of ``crops`` (default: all).

    The original is read from ``storage`` (default: the originals' storage); rendition files go
    to the public media storage, which ``renditions.py`` reads, under random names
    (``rendition_name``). Names are never reused, so old files can be deleted after commit.

    Memory: the decoded picture is the one full-size copy. It is made sRGB in place where it
    can be, reduced by a whole factor when far larger than the renditions need, then turned
    upright, and each rendition is resized straight from its crop box, with no cropped copy
    (a 49-megapixel PNG: see docs/upload-memory.md).
    """
    storage = storage or originals_storage()
    crops = list(CROPS) if crops is None else list(crops)
    with storage.open(name, "rb") as file:
        original = Image.open(file)
        raw_width, raw_height = original.size
        orientation = original.getexif().get(EXIF_ORIENTATION)
        rotated = orientation in ROTATED_ORIENTATIONS
        width, height = (raw_height, raw_width) if rotated else (raw_width, raw_height)
        plans = {crop: _plan(crop, width, height, focal) for crop in crops}
        # JPEG can decode at 1/2, 1/4 or 1/8 scale: much faster for camera-sized pictures.
        scale = max(plan.scale_needed for plan in plans.values())
        original.draft(None, (math.ceil(raw_width * scale), math.ceil(raw_height * scale)))
        original.load()  # while the file is open; the picture outlives it
    # sRGB first: a whole-factor reduction averages colours, which palette, bilevel or 16-bit
    # pictures do not hold.
    picture = _upright(_reduced(_srgb(original), needed_width=raw_width * scale), orientation)
    del original
    result = {"crops": {crop: {key: [] for key, *_ in ENCODERS} for crop in plans}}
    # Pillow lets go of the GIL while it resizes and encodes: sizes are made in parallel, and
    # stored here, in order, from this thread only.
    with ThreadPoolExecutor(max_workers=ENCODING_THREADS) as pool:
        jobs = []
        for crop, plan in plans.items():
            box = plan.box(picture.size, focal)
            for size in plan.sizes:
                jobs.append((crop, size, pool.submit(_resize_and_encode, picture, size, box)))
        try:
            for crop, (w, h), job in jobs:
                for key, extension, data in job.result():
                    stored = default_storage.save(rendition_name(extension), ContentFile(data))
                    result["crops"][crop][key].append(
                        {"width": w, "height": h, "name": stored, "bytes": len(data)}
                    )
        except BaseException:
            pool.shutdown(cancel_futures=True)
            delete_files(all_names(result))  # no half-made set left behind
            raise
    return Built(result, width, height)


# A picture more than this many times larger than its largest rendition needs is first
# reduced by a whole factor (averaging blocks of pixels: cheap, no large intermediate), so that
# the copies and encoders that follow work on a fraction of it.
REDUCING_GAP = 1.5


def _reduced(image, *, needed_width):
    factor = int(image.width / (needed_width * REDUCING_GAP))
    if factor < 2:
        return image
    return image.reduce(factor)  # RGBA is averaged premultiplied, as resize() does


def rendition_name(extension):
    """A new, random name in the renditions folder: ``renditions/3f/9c…e1.webp``. It tells
    nothing of the original (name, folder, date) and no rendition's name leads to another."""
    token = secrets.token_hex(16)
    return f"{RENDITIONS_DIR}/{token[:2]}/{token[2:]}.{extension}"


# EXIF orientation -> the transposition that makes the picture upright (as ImageOps does).
_TRANSPOSITIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _upright(image, orientation):
    """``image`` turned as its EXIF orientation says; itself (no copy) when already upright."""
    transposition = _TRANSPOSITIONS.get(orientation)
    if transposition is None:
        return image
    return image.transpose(transposition)


@dataclass(frozen=True)
class _Plan:
    ratio: tuple | None
    crop_width: float  # in the original's pixels
    sizes: list  # [(width, height)], narrowest first

    @property
    def scale_needed(self):
        return self.sizes[-1][0] / self.crop_width

    def box(self, size, focal):
        if self.ratio is None:
            return (0, 0, *size)
        return crop_box(size, self.ratio, focal)


def _plan(crop, width, height, focal):
    ratio = CROPS[crop]
    left, top, right, bottom = (
        crop_box((width, height), ratio, focal) if ratio else (0, 0, width, height)
    )
    crop_width, crop_height = right - left, bottom - top
    widths = rendition_widths(crop_width)
    sizes = [(w, max(1, round(w * crop_height / crop_width))) for w in widths]
    return _Plan(ratio, crop_width, sizes)


def rendition_widths(source_width):
    """The configured widths not wider than the source; the source's own if all are wider."""
    widths = sorted({w for w in settings.NEWSROOM_RENDITION_WIDTHS if w <= source_width})
    return widths or [source_width]


def crop_box(size, ratio, focal=(0.5, 0.5)):
    """The largest box of ``ratio`` in an image of ``size``, centred as near ``focal`` as fits.

    ``focal`` is relative (0 to 1 across, 0 to 1 down). Returns (left, top, right, bottom).
    """
    width, height = size
    ratio_w, ratio_h = ratio
    if width * ratio_h > height * ratio_w:  # wider than the ratio: full height
        box_w, box_h = min(width, round(height * ratio_w / ratio_h)), height
    else:
        box_w, box_h = width, min(height, round(width * ratio_h / ratio_w))
    box_w, box_h = max(1, box_w), max(1, box_h)
    focal_x, focal_y = (min(1.0, max(0.0, value)) for value in focal)
    left = min(max(0, round(focal_x * width - box_w / 2)), width - box_w)
    top = min(max(0, round(focal_y * height - box_h / 2)), height - box_h)
    return (left, top, left + box_w, top + box_h)


def _srgb(image):
    """``image`` in sRGB, as "RGB" or (when it has transparency) "RGBA", with no metadata.

    ``image`` itself when it already is (no copy of a large picture), else a converted copy.
    """
    icc = image.info.get("icc_profile")
    if image.mode == "PA" or "transparency" in image.info:
        image = image.convert("RGBA")
    elif image.mode == "P":
        image = image.convert("RGB")
    elif image.mode in {"I", "I;16", "I;16L", "I;16B", "I;16N", "F"}:  # 16-bit greyscale PNG
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    elif image.mode == "1":
        image = image.convert("L")
    if image.mode in {"LA", "La", "RGBa"}:
        image = image.convert("RGBA")
    if image.mode == "RGBA" and image.getextrema()[3] == (255, 255):
        image = image.convert("RGB")  # an alpha channel with nothing transparent
    if icc:
        # The profile converts colours only: the alpha channel is taken off and put back.
        alpha = image.getchannel("A") if image.mode == "RGBA" else None
        if alpha is not None:
            image = image.convert("RGB")
        image = _from_profile(image, icc)
        if image.mode != "RGB":
            image = image.convert("RGB")
        if alpha is not None:
            image.putalpha(alpha)
    elif image.mode not in {"RGB", "RGBA"}:
        image = image.convert("RGB")  # greyscale, CMYK without a profile, YCbCr, LAB...
    image.info = {}
    return image


def _from_profile(image, icc):
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image, profile, _SRGB, outputMode="RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        logger.warning("Ignoring an unusable ICC profile while making renditions.")
        return image


_SRGB = ImageCms.createProfile("sRGB")


def _resize_and_encode(image, size, box):
    """``[(format key, extension, bytes)]`` of the ``box`` of ``image`` at ``size``, in every
    format."""
    resized = image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
    return [
        (key, extension, _encode(resized, pillow_format, options))
        for key, pillow_format, extension, options in ENCODERS
    ]


def _encode(image, pillow_format, options):
    if pillow_format == "JPEG" and image.mode == "RGBA":
        flat = Image.new("RGB", image.size, JPEG_BACKGROUND)
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    image.info = {}  # nothing of the original may leak through a plugin's fallback to info
    buffer = io.BytesIO()
    image.save(buffer, format=pillow_format, exif=b"", icc_profile=None, xmp=b"", **options)
    return buffer.getvalue()
