"""Uploaded images: validating them, and making the renditions pages show.

Two halves:

* ``validate_image_file()`` decides whether an upload is a picture we accept (format, file size,
  pixel count, not truncated). The admin forms call it (``articles/forms.py``) before anything is
  stored, so every refusal is a form error with a clear message, never a 500.
* ``build_renditions()`` decodes a stored original once, applies its EXIF orientation, converts
  it to sRGB and writes resized, metadata-free JPEG, WebP and AVIF copies through the storage
  API. ``articles/renditions.py`` documents the JSON it returns and reads it for templates.

Originals stay in their own storage, which has no URL (``articles/storage.py``): only
renditions are public. A rendition's name is random (``renditions/3f/9c…e1.webp``): it says
nothing of the original's name, folder or date, and cannot lead to it.

``ImageSlot`` and the ``*_after_*`` functions are the write side used by the models:
``ArticleImage.save()``/``Author.save()`` call ``update_after_save()``, and a ``post_delete``
receiver (connected in ``ArticlesConfig.ready()``) calls ``delete_after_delete()``. Files are
deleted only after the transaction commits, and never while another row still uses them (demo
articles share a few pictures).
"""

import io
import logging
import math
import os
import secrets
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.dispatch import Signal
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, UnidentifiedImageError, features

from pagecache import renew_everything

from .renditions import CROPS, all_names
from .storage import originals as originals_storage

logger = logging.getLogger(__name__)

# Sent with ``instance`` when renditions are written to its row, which sends no save signal:
# pages showing the image go out of date (articles/dependencies.py).
renditions_stored = Signal()

# Pillow format name -> (what editors call it, MIME type, file extension). Only what this
# Pillow decodes counts.
_ACCEPTABLE = {
    "JPEG": ("JPEG", "image/jpeg", "jpg"),
    "PNG": ("PNG", "image/png", "png"),
    "WEBP": ("WebP", "image/webp", "webp"),
    "AVIF": ("AVIF", "image/avif", "avif"),
}
_CODECS = {"WEBP": "webp", "AVIF": "avif"}
ACCEPTED_FORMATS = {
    name: label
    for name, (label, *_rest) in _ACCEPTABLE.items()
    if name not in _CODECS or features.check(_CODECS[name])
}
MIME_TYPES = {name: mime_type for name, (_label, mime_type, _ext) in _ACCEPTABLE.items()}
EXTENSIONS = {name: extension for name, (*_rest, extension) in _ACCEPTABLE.items()}
ACCEPTED_MIME_TYPES = [MIME_TYPES[name] for name in ACCEPTED_FORMATS]

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
_EXIF_ORIENTATION = 0x0112
_ROTATED_ORIENTATIONS = {5, 6, 7, 8}  # width and height swap


def _accepted_list():
    return ", ".join(ACCEPTED_FORMATS.values())


# Validation -------------------------------------------------------------------------------------


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
    if orientation in _ROTATED_ORIENTATIONS:
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
        return exif.get(_EXIF_ORIENTATION)
    if image.format == "JPEG":
        width, height = image.size
        small = (math.ceil(width / _JPEG_CHECK_SCALE), math.ceil(height / _JPEG_CHECK_SCALE))
        image.draft(None, small)
    image.load()
    return image.getexif().get(_EXIF_ORIENTATION)


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


# Renditions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """The result of decoding an original: its renditions and its size as readers see it."""

    renditions: dict  # the JSON of articles/renditions.py
    width: int
    height: int


def build_renditions(field_file, *, focal=(0.5, 0.5)):
    """Make and store every rendition of ``field_file``; return their JSON (see renditions.py)."""
    return build(field_file.name, storage=field_file.storage, focal=focal).renditions


def build(name, *, storage=None, focal=(0.5, 0.5), crops=None):
    """Decode the original ``name`` once and store renditions of ``crops`` (default: all).

    The original is read from ``storage`` (default: the originals' storage); rendition files go
    to the public media storage, which ``articles.renditions`` reads, under random names
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
        orientation = original.getexif().get(_EXIF_ORIENTATION)
        rotated = orientation in _ROTATED_ORIENTATIONS
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


def delete_files(names, *, storage=None):
    """Delete stored files; missing ones are fine, failures are logged, never raised."""
    storage = storage or default_storage
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Could not delete %s from storage.", name)


# Keeping renditions in step with the models -----------------------------------------------------


@dataclass(frozen=True)
class ImageSlot:
    """Names of the fields holding one image: its file, focal point and renditions."""

    file: str
    focal_x: str
    focal_y: str
    renditions: str


@dataclass(frozen=True)
class _Stored:
    name: str
    focal: tuple
    renditions: dict


def stored_state(instance, slot):
    """The image as the database holds it now (before a save), or None for a new row."""
    if instance._state.adding or instance.pk is None:
        return None
    row = (
        type(instance)
        ._default_manager.filter(pk=instance.pk)
        .values_list(slot.file, slot.focal_x, slot.focal_y, slot.renditions)
        .first()
    )
    if row is None:
        return None
    name, focal_x, focal_y, renditions = row
    return _Stored(name or "", (focal_x, focal_y), renditions or {})


def has_new_file(instance, slot):
    """True while a file assigned to the field is not yet stored (Django stores it on save)."""
    return not getattr(getattr(instance, slot.file), "_committed", True)


def update_after_save(instance, slot, before, *, new_file=False):
    """Bring renditions in line with what was just saved; clean up replaced files after commit.

    ``before`` is ``stored_state()`` read before the save, ``new_file`` ``has_new_file()``. A
    new file gets all renditions, a moved focal point new crops, both made by the task
    ``articles.tasks.make_renditions``: at once by default, by the worker with a task queue
    (pages show the original until then). Anything else changes nothing.
    """
    name = getattr(instance, slot.file).name or ""
    focal = (getattr(instance, slot.focal_x), getattr(instance, slot.focal_y))
    old_name = before.name if before else ""

    if new_file or name != old_name:
        if old_name and old_name != name:
            _delete_on_commit(instance, slot, old_name, [], original=True)
        if not name:
            old_renditions = before.renditions if before else {}
            _store(instance, {slot.renditions: {}})
            _delete_on_commit(instance, slot, old_name, all_names(old_renditions))
            return
        crops = None
    elif before is not None and name and focal != before.focal:
        # The whole picture does not depend on the focal point: kept, unless it was never made.
        kept = before.renditions.get("crops", {})
        crops = [crop for crop, ratio in CROPS.items() if ratio or crop not in kept]
    else:
        return
    _schedule_renditions(instance, name, crops, previous_name=old_name)


def _schedule_renditions(instance, name, crops, *, previous_name):
    from django.tasks import TaskResultStatus

    from .tasks import make_renditions

    result = make_renditions.enqueue(
        instance._meta.label, instance.pk, name, crops, previous_name=previous_name
    )
    if result.status == TaskResultStatus.SUCCESSFUL and result.return_value:
        for attname, value in result.return_value.items():  # made at once: keep in step
            setattr(instance, attname, value)


def refresh_renditions(instance, slot, *, crops=None, previous_name=""):
    """Make the renditions of ``instance``'s image (all, or only ``crops``, keeping the others),
    store them, and delete the ones they replace after commit. Returns the stored values."""
    field_file = getattr(instance, slot.file)
    name = field_file.name
    focal = (getattr(instance, slot.focal_x), getattr(instance, slot.focal_y))
    old_renditions = getattr(instance, slot.renditions) or {}
    if crops is None:
        built = build(name, storage=field_file.storage, focal=focal)
        renditions = built.renditions
        field = instance._meta.get_field(slot.file)
        # The size readers see, EXIF orientation applied.
        values = {
            slot.renditions: renditions,
            field.width_field: built.width,
            field.height_field: built.height,
        }
    else:
        kept = old_renditions.get("crops", {})
        built = build(name, storage=field_file.storage, focal=focal, crops=crops)
        merged = {**kept, **built.renditions["crops"]}
        renditions = {"crops": {crop: merged[crop] for crop in CROPS if crop in merged}}
        values = {slot.renditions: renditions}
    _store(instance, values)
    doomed = set(all_names(old_renditions)) - set(all_names(renditions))
    _delete_on_commit(instance, slot, previous_name or name, doomed)
    return values


def delete_files_of_deleted_row(sender, instance, **kwargs):
    """``post_delete`` receiver of models with an ``image_slot`` (see ``ArticlesConfig``)."""
    delete_after_delete(instance, sender.image_slot)


def delete_after_delete(instance, slot):
    """Delete the original and renditions of a deleted row, after commit."""
    name = getattr(instance, slot.file).name or ""
    renditions = getattr(instance, slot.renditions)
    _delete_on_commit(instance, slot, name, all_names(renditions), original=bool(name))


def _store(instance, values):
    type(instance)._default_manager.filter(pk=instance.pk).update(**values)
    renditions_stored.send(sender=type(instance), instance=instance)
    for attname, value in values.items():
        setattr(instance, attname, value)


def _delete_on_commit(instance, slot, original_name, names, *, original=False):
    """After commit, delete ``names`` (and the original) unless another row uses the original."""
    model, pk = type(instance), instance.pk
    storage = getattr(instance, slot.file).storage
    names = sorted(names)
    if not names and not original:
        return

    def delete():
        others = model._default_manager.exclude(pk=pk)
        if original_name and others.filter(**{slot.file: original_name}).exists():
            return  # shared with another row (demo pictures): its renditions are shared too
        delete_files(names)
        if original:
            delete_files([original_name], storage=storage)

    transaction.on_commit(delete)


# Rebuilding (manage.py rebuild_renditions) ------------------------------------------------------


def originals(model, slot):
    """``[(original name, [pk, ...])]`` of every row of ``model`` with a file, by original.

    Rows sharing a file (demo articles) are rebuilt together, from one decoding.
    """
    rows = (
        model._default_manager.exclude(**{slot.file: ""})
        .exclude(**{f"{slot.file}__isnull": True})
        .order_by(slot.file, "pk")
        .values_list(slot.file, "pk")
    )
    grouped = {}
    for name, pk in rows:
        grouped.setdefault(name, []).append(pk)
    return list(grouped.items())


def rebuild(model, slot, name, pks):
    """Make the renditions of the original ``name`` again, for the rows ``pks`` that use it.

    Old rendition files are deleted once the new ones are recorded. Returns how many files were
    written. Raises if the original cannot be read; nothing is changed then.
    """
    field = model._meta.get_field(slot.file)
    rows = model._default_manager.filter(pk__in=pks).values_list(
        "pk", slot.focal_x, slot.focal_y, slot.renditions
    )
    by_focal, old_names = {}, set()
    for pk, focal_x, focal_y, renditions in rows:
        by_focal.setdefault((focal_x, focal_y), []).append(pk)
        old_names.update(all_names(renditions))

    built, written = {}, []
    try:
        for focal in by_focal:
            # The whole picture does not depend on the focal point: made once, then shared.
            crops = None if not built else [crop for crop, ratio in CROPS.items() if ratio]
            result = build(name, storage=field.storage, focal=focal, crops=crops)
            written += all_names(result.renditions)
            built[focal] = result
    except BaseException:
        delete_files(written)
        raise

    first = next(iter(built.values()))
    with transaction.atomic():
        for focal, pks_of_focal in by_focal.items():
            crops = {**first.renditions["crops"], **built[focal].renditions["crops"]}
            model._default_manager.filter(pk__in=pks_of_focal).update(
                **{
                    slot.renditions: {"crops": {crop: crops[crop] for crop in CROPS}},
                    field.width_field: first.width,
                    field.height_field: first.height,
                }
            )
        doomed = sorted(old_names - set(written))
        transaction.on_commit(lambda: delete_files(doomed))
        renew_everything()
    return len(written)
